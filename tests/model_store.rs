//! The stored form: one compact entry per partner and a manifest (`model::formats::store`),
//! tested on a map that can stop at any step, as a tab that crashes or a full storage
//! would stop a save: every save looks atomic, a migration from the old single key loses
//! nothing wherever it stops, a damaged entry is contained, and tab sync reads only what
//! changed.

use chrono::{DateTime, TimeZone, Utc};
use std::cell::Cell;
use std::collections::BTreeMap;
use tandem::model::demo;
use tandem::model::formats::file::{self, Scope};
use tandem::model::formats::store::{
    self, parse_manifest, Opened, Slots, Snapshot, StoreError, LEGACY_KEY, MANIFEST_KEY,
    PARTNER_PREFIX, REST_PREFIX,
};
use tandem::model::{Stage, Workspace};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

/// Slots in a map. After `live` more writes or removals every write or removal fails, as
/// when storage fills up (or the tab dies: then nothing after matters); `gets` counts
/// reads.
#[derive(Clone, Default)]
struct Map {
    items: BTreeMap<String, String>,
    live: Option<usize>,
    gets: Cell<usize>,
}

impl Map {
    fn step(&mut self) -> Result<(), StoreError> {
        match &mut self.live {
            Some(0) => Err(StoreError::Write),
            Some(n) => {
                *n -= 1;
                Ok(())
            }
            None => Ok(()),
        }
    }
    /// The same items, with nothing stopped: the next page load.
    fn reloaded(&self) -> Map {
        Map {
            items: self.items.clone(),
            ..Map::default()
        }
    }
}

impl Slots for Map {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        // Reads go on: a stopped step is a refused write, as a full storage refuses.
        self.gets.set(self.gets.get() + 1);
        Ok(self.items.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.step()?;
        self.items.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.step()?;
        self.items.remove(key);
        Ok(())
    }
    fn keys(&self) -> Vec<String> {
        self.items.keys().cloned().collect()
    }
}

fn loaded(opened: Opened) -> Workspace {
    match opened {
        Opened::Loaded {
            workspace, damaged, ..
        } => {
            assert!(damaged.is_empty(), "{damaged:?}");
            workspace
        }
        other => panic!("expected a workspace, got {other:?}"),
    }
}

fn open(map: &mut Map) -> (Workspace, Snapshot) {
    let mut snap = Snapshot::default();
    let ws = loaded(store::open(map, &mut snap, "load", now()).unwrap());
    (ws, snap)
}

/// A map holding `ws` in the store, and the snapshot of it.
fn stored(ws: &Workspace) -> (Map, Snapshot) {
    let mut map = Map::default();
    let mut snap = Snapshot::default();
    store::save(&mut map, &mut snap, ws, "s0", now()).unwrap();
    (map, snap)
}

/// The partner entries the stored manifest names, in order, through its pages.
fn partner_keys(map: &Map) -> Vec<String> {
    let manifest = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    store::entry_keys(map, &manifest).unwrap()
}

fn entries(map: &Map) -> usize {
    map.items
        .keys()
        .filter(|k| k.starts_with(PARTNER_PREFIX) || k.starts_with(REST_PREFIX))
        .count()
}

#[test]
fn the_demo_round_trips_through_the_store_exactly() {
    let ws = demo::workspace(now());
    let (map, _) = stored(&ws);
    assert_eq!(entries(&map), ws.partners.len() + 1);
    let (back, _) = open(&mut map.reloaded());
    assert_eq!(back, ws);
    // Entries are compact, not JSON: the stored characters are far fewer than the file's.
    let stored: usize = map.items.values().map(|v| v.encode_utf16().count()).sum();
    let file = file::write(&ws, Scope::Workspace, now(), false).len();
    assert!(
        stored * 3 < file,
        "{stored} stored characters for a file of {file}"
    );
}

/// A workspace whose partners carry field stamps (the version-3 fixture: a `base`, a
/// field's and a deleted key player's stamps, the program name's) round-trips too.
#[test]
fn field_stamps_round_trip_through_the_store_exactly() {
    let text = std::fs::read_to_string("tests/fixtures/format-v3.json").unwrap();
    let ws = file::restore(&text).unwrap().workspace;
    assert!(ws.partners.iter().any(|p| !p.stamps.is_empty()));
    let (map, _) = stored(&ws);
    let (back, _) = open(&mut map.reloaded());
    assert_eq!(back, ws);
}

#[test]
fn a_save_writes_only_the_partner_that_changed_and_removes_its_old_entry() {
    let mut ws = demo::workspace(now());
    let (mut map, mut snap) = stored(&ws);
    let before = map.items.clone();
    // Nothing changed: nothing is written, not even the manifest.
    let none = store::save(&mut map, &mut snap, &ws, "s1", now()).unwrap();
    assert_eq!((none.written, none.removed), (0, 0));
    assert_eq!(map.items, before);

    let id = ws.partners[2].id.clone();
    assert!(ws.move_stage(&id, Stage::Live, now()));
    let saved = store::save(&mut map, &mut snap, &ws, "s2", now()).unwrap();
    // One entry and the one page listing it; the old entry goes, the old page is kept a
    // moment for a tab saving at once.
    assert_eq!((saved.written, saved.pages, saved.removed), (1, 1, 1));
    assert_eq!(partner_keys(&map)[2], store::partner_key(&id, "s2"));
    assert_eq!(entries(&map), ws.partners.len() + 1);
    // Every other entry is the one written before, untouched.
    let untouched = map
        .items
        .iter()
        .filter(|(k, v)| !k.starts_with(store::PAGE_PREFIX) && before.get(*k) == Some(v))
        .count();
    assert_eq!(untouched, ws.partners.len() + 1 - 1);
    assert_eq!(open(&mut map.reloaded()).0, ws);

    // The program's name is a workspace-level record: one rest entry, no partner.
    ws.program_name = "Renamed".into();
    let saved = store::save(&mut map, &mut snap, &ws, "s3", now()).unwrap();
    assert_eq!((saved.written, saved.pages, saved.removed), (1, 0, 1));
    assert!(map.items.contains_key(&format!("{REST_PREFIX}s3")));
    // A deleted partner leaves the manifest and its entry goes.
    let gone = ws.partners[0].id.clone();
    assert!(ws.delete_partner(&gone, now()).is_some());
    store::save(&mut map, &mut snap, &ws, "s4", now()).unwrap();
    assert!(!map
        .items
        .keys()
        .any(|k| store::key_id(k) == Some(gone.as_str())));
    assert_eq!(open(&mut map.reloaded()).0, ws);
}

#[test]
fn a_save_stopped_at_any_step_leaves_the_old_or_the_new_workspace_whole() {
    let old = demo::workspace(now());
    let mut new = old.clone();
    for i in [0, 3, 7] {
        let id = new.partners[i].id.clone();
        new.move_stage(&id, Stage::Paused, now());
    }
    new.program_name = "After".into();
    let mut steps = 0;
    for live in 0.. {
        let (mut map, mut snap) = stored(&old);
        map.live = Some(live);
        let result = store::save(&mut map, &mut snap, &new, "s1", now());
        let (back, _) = open(&mut map.reloaded());
        if result.is_ok() {
            assert_eq!(back, new, "a completed save");
            steps = live;
            break;
        }
        assert_eq!(back, old, "stopped after {live} steps");
        // What the stopped save wrote is gone again or removed at the next load.
        let mut reloaded = map.reloaded();
        open(&mut reloaded);
        assert_eq!(entries(&reloaded), old.partners.len() + 1);
    }
    assert!(
        steps >= 5,
        "the save took {steps} steps: entries, manifest, removals"
    );
}

#[test]
fn the_old_single_key_migrates_and_a_migration_stopped_at_any_step_loses_nothing() {
    let ws = demo::workspace(now());
    let legacy = file::write(&ws, Scope::Workspace, now(), false);
    let mut completed = false;
    for live in 0..200 {
        let mut map = Map::default();
        map.items.insert(LEGACY_KEY.into(), legacy.clone());
        map.live = Some(live);
        let mut snap = Snapshot::default();
        let first = store::open(&mut map, &mut snap, "m1", now()).unwrap();
        // Whatever happened, this load shows the workspace.
        let Opened::Loaded {
            workspace,
            migrated: Some(migrated),
            ..
        } = first
        else {
            panic!("expected a migration")
        };
        assert_eq!(workspace, ws);
        // The next load (with storage working again) finds it whole, and the old key
        // is gone only once the store holds the workspace.
        let mut next = map.reloaded();
        if next.items.contains_key(LEGACY_KEY) {
            assert!(migrated.is_err() || live > 0);
        }
        let (back, _) = open(&mut next);
        assert_eq!(back, ws, "stopped after {live} steps");
        assert!(!next.items.contains_key(LEGACY_KEY));
        assert_eq!(entries(&next), ws.partners.len() + 1);
        if migrated.is_ok() {
            assert!(!map.items.contains_key(LEGACY_KEY));
            completed = true;
            break;
        }
    }
    assert!(completed, "the migration completes when nothing stops it");
}

#[test]
fn a_migration_that_could_not_finish_removes_the_old_key_after_the_next_complete_save() {
    let ws = demo::workspace(now());
    let mut map = Map::default();
    map.items.insert(
        LEGACY_KEY.into(),
        file::write(&ws, Scope::Workspace, now(), false),
    );
    map.live = Some(3);
    let mut snap = Snapshot::default();
    let opened = store::open(&mut map, &mut snap, "m1", now()).unwrap();
    assert!(matches!(
        opened,
        Opened::Loaded {
            migrated: Some(Err(_)),
            ..
        }
    ));
    assert!(map.items.contains_key(LEGACY_KEY));
    map.live = None;
    let mut edited = ws.clone();
    edited.program_name = "Edited after".into();
    store::save(&mut map, &mut snap, &edited, "s1", now()).unwrap();
    assert!(!map.items.contains_key(LEGACY_KEY));
    assert_eq!(open(&mut map.reloaded()).0, edited);
}

#[test]
fn an_unreadable_old_key_is_left_as_it_is() {
    let mut map = Map::default();
    map.items
        .insert(LEGACY_KEY.into(), "{\"format\":\"tandem\", broken".into());
    let before = map.items.clone();
    let mut snap = Snapshot::default();
    match store::open(&mut map, &mut snap, "m1", now()).unwrap() {
        Opened::Unreadable { raw, error } => {
            assert_eq!(raw, before[LEGACY_KEY]);
            assert!(error.starts_with("This is not valid JSON"), "{error}");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(map.items, before);
}

#[test]
fn a_damaged_partner_entry_is_contained_kept_and_never_overwritten() {
    let ws = demo::workspace(now());
    let (mut map, _) = stored(&ws);
    let listed = partner_keys(&map);
    // One entry cut short, one breaking a rule (in plain JSON, as a hand edit would).
    let cut = listed[1].clone();
    let value = map.items[&cut].clone();
    map.items.insert(
        cut.clone(),
        value.chars().take(value.chars().count() / 2).collect(),
    );
    let ruled = listed[3].clone();
    let mut bad = ws.partners[3].clone();
    bad.key_players[1].influence = 9;
    map.items
        .insert(ruled.clone(), serde_json::to_string(&bad).unwrap());

    let mut snap = Snapshot::default();
    let Opened::Loaded {
        workspace, damaged, ..
    } = store::open(&mut map, &mut snap, "l", now()).unwrap()
    else {
        panic!("the other partners load")
    };
    assert_eq!(workspace.partners.len(), ws.partners.len() - 2);
    assert_eq!(damaged.len(), 2);
    let names: Vec<_> = damaged
        .iter()
        .map(|d| (d.key.clone(), d.name.clone()))
        .collect();
    assert_eq!(
        names,
        [
            (
                cut.clone(),
                format!("the partner with id {}", ws.partners[1].id)
            ),
            (ruled.clone(), "partner \"Dashline Auto\"".into()),
        ]
    );
    assert!(
        damaged[1].error.contains("influence: 9 is outside 1–5"),
        "{}",
        damaged[1].error
    );
    assert!(damaged[1].text.contains("\"influence\": 9"));
    let kept = (map.items[&cut].clone(), map.items[&ruled].clone());

    // Saves go on around them: the damaged entries stay named and untouched.
    let mut edited = workspace.clone();
    edited.program_name = "Still working".into();
    let id = edited.partners[0].id.clone();
    edited.move_stage(&id, Stage::Live, now());
    store::save(&mut map, &mut snap, &edited, "s1", now()).unwrap();
    let after = partner_keys(&map);
    assert!(after.contains(&cut) && after.contains(&ruled));
    assert_eq!((map.items[&cut].clone(), map.items[&ruled].clone()), kept);
    let mut again = Snapshot::default();
    let Opened::Loaded {
        workspace: back,
        damaged,
        ..
    } = store::open(&mut map.reloaded(), &mut again, "l2", now()).unwrap()
    else {
        panic!()
    };
    assert_eq!(back, edited);
    assert_eq!(damaged.len(), 2);

    // Once the person lets it go, the next save drops it.
    snap.forget_damaged(&cut);
    edited.program_name = "Let go".into();
    store::save(&mut map, &mut snap, &edited, "s2", now()).unwrap();
    assert!(!map.items.contains_key(&cut));
    assert!(map.items.contains_key(&ruled));
}

#[test]
fn damaged_workspace_records_make_the_whole_store_unreadable_and_downloadable() {
    let ws = demo::workspace(now());
    let (mut map, _) = stored(&ws);
    let manifest = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    map.items.insert(manifest.rest.clone(), "~garbage".into());
    let before = map.items.clone();
    match store::open(&mut map, &mut Snapshot::default(), "l", now()).unwrap() {
        Opened::Unreadable { raw, error } => {
            assert!(error.contains("program, markets"), "{error}");
            let dump: serde_json::Value = serde_json::from_str(&raw).unwrap();
            assert_eq!(dump[&manifest.rest], "~garbage");
            let pages = manifest.pages.len();
            assert_eq!(
                dump.as_object().unwrap().len(),
                ws.partners.len() + 2 + pages
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(map.items, before, "nothing is removed or written");
    // A manifest of another layout version is refused by number.
    let mut newer: serde_json::Value = serde_json::from_str(&map.items[MANIFEST_KEY]).unwrap();
    newer["version"] = 9.into();
    map.items.insert(MANIFEST_KEY.into(), newer.to_string());
    match store::open(&mut map, &mut Snapshot::default(), "l", now()).unwrap() {
        Opened::Unreadable { error, .. } => assert!(error.contains("layout 9"), "{error}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn another_tab_reads_only_the_entries_whose_keys_changed() {
    let ws = demo::workspace(now());
    let (mut map, mut theirs) = stored(&ws);
    // This tab loads the same store.
    let (_, mut ours) = open(&mut map.reloaded());
    let old = partner_keys(&map);
    let before_text = map.items[MANIFEST_KEY].clone();

    // The other tab moves two partners and saves.
    let mut edited = ws.clone();
    for i in [4, 9] {
        edited.partners[i]
            .notes
            .push_str(" Edited in the other tab.");
    }
    store::save(&mut map, &mut theirs, &edited, "t1", now()).unwrap();
    let new = partner_keys(&map);
    let changed: Vec<&String> = new.iter().filter(|k| !old.contains(k)).collect();
    assert_eq!(changed, [&new[4], &new[9]]);
    let manifest = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    let pages_before = parse_manifest(&before_text).unwrap().pages;
    let new_pages: Vec<&String> = manifest
        .pages
        .iter()
        .filter(|k| !pages_before.contains(k))
        .collect();
    assert!((1..=2).contains(&new_pages.len()), "{new_pages:?}");

    map.gets.set(0);
    let text = map.items[MANIFEST_KEY].clone();
    let synced = store::sync(&mut map, &mut ours, &text, "o0", now()).unwrap();
    assert_eq!(synced.workspace, edited);
    // The pages that changed, then the entries that changed: nothing else.
    let expected: Vec<&String> = new_pages.into_iter().chain(changed).collect();
    assert_eq!(synced.read.iter().collect::<Vec<_>>(), expected);
    assert!(synced.repaired.is_empty());
    assert_eq!(
        map.gets.get(),
        expected.len(),
        "one read per changed page or entry"
    );
    // The same manifest again changes nothing.
    assert!(store::sync(&mut map, &mut ours, &text, "o0", now()).is_none());

    // After taking it in, this tab's own next save builds on their entries.
    let mut mine = edited.clone();
    mine.program_name = "Ours".into();
    let saved = store::save(&mut map, &mut ours, &mine, "o1", now()).unwrap();
    assert_eq!(saved.written, 1);
    assert_eq!(open(&mut map.reloaded()).0, mine);
}

#[test]
fn the_crash_download_is_the_stored_workspace_as_a_file() {
    let ws = demo::workspace(now());
    let (map, _) = stored(&ws);
    let text = store::saved_file(&map, now()).unwrap();
    assert_eq!(file::restore(&text).unwrap().workspace, ws);
}

#[test]
fn two_tabs_saving_at_once_lose_no_partner_and_storage_is_repaired() {
    let ws = demo::workspace(now());
    let (mut map, _) = stored(&ws);
    let (_, mut a) = open(&mut map.reloaded());
    let (_, mut b) = open(&mut map.reloaded());
    // Each tab edits its own partner and saves before seeing the other's save.
    let mut theirs_a = ws.clone();
    theirs_a.partners[2].notes = "Tab A".into();
    let mut theirs_b = ws.clone();
    theirs_b.partners[7].notes = "Tab B".into();
    store::save(&mut map, &mut a, &theirs_a, "a1", now()).unwrap();
    store::save(&mut map, &mut b, &theirs_b, "b1", now()).unwrap();
    // B's manifest (the last written) still names A's partner's old entry, which A
    // removed: B's save came before B saw A's.
    let text_b = map.items[MANIFEST_KEY].clone();
    let listed_b = partner_keys(&map);
    assert!(!map.items.contains_key(&listed_b[2]));

    // A takes in B's save: its own partner stands in for the missing entry and is
    // written again.
    let synced = store::sync(&mut map, &mut a, &text_b, "a2", now()).unwrap();
    assert_eq!(synced.repaired, [listed_b[2].clone()]);
    let mut both = ws.clone();
    both.partners[2].notes = "Tab A".into();
    both.partners[7].notes = "Tab B".into();
    assert_eq!(synced.workspace, both);
    assert_eq!(open(&mut map.reloaded()).0, both);
    // B takes in A's repair and holds both edits too.
    let text_a = map.items[MANIFEST_KEY].clone();
    let synced = store::sync(&mut map, &mut b, &text_a, "b2", now()).unwrap();
    assert_eq!(synced.workspace, both);
    assert!(synced.repaired.is_empty());
}

#[test]
fn two_tabs_that_each_add_a_market_while_saving_at_once_still_take_each_other_in() {
    use tandem::model::merge::rule::{self, Ties};
    use tandem::model::{Id, Market};
    let ws = demo::workspace(now());
    let (mut map, _) = stored(&ws);
    let (_, mut a) = open(&mut map.reloaded());
    let (_, mut b) = open(&mut map.reloaded());
    let (pa, pb) = (ws.partners[2].id.clone(), ws.partners[7].id.clone());
    let id = |s: &str| Id::parse(s).unwrap();
    // Tab A adds "Iceland" and "Côte d’Ivoire" to one partner; tab B adds "cote d'ivoire"
    // to another, each saving before seeing the other's save.
    let mut ws_a = ws.clone();
    for (m, name) in [("m-is", "Iceland"), ("m-ci-a", "Côte d’Ivoire")] {
        ws_a.add_partner_market(&pa, Market::new(id(m), name, now()), now())
            .unwrap();
    }
    let mut ws_b = ws.clone();
    ws_b.add_partner_market(
        &pb,
        Market::new(id("m-ci-b"), "cote d’ivoire ", now()),
        now(),
    )
    .unwrap();
    store::save(&mut map, &mut a, &ws_a, "a1", now()).unwrap();
    store::save(&mut map, &mut b, &ws_b, "b1", now()).unwrap();

    // A reads B's save: its own partner stands in for the entry B's manifest names and
    // A removed; the markets it names join B's catalogue, by name where B has one.
    let text_b = map.items[MANIFEST_KEY].clone();
    let synced = store::sync(&mut map, &mut a, &text_b, "a2", now())
        .expect("B's save is read, not refused for a market only A knew");
    assert_eq!(synced.repaired.len(), 1);
    let read = &synced.workspace;
    assert!(tandem::model::workspace::validate::workspace(read).is_empty());
    assert_eq!(read.market_name(&id("m-is")), "Iceland");
    assert_eq!(
        read.partner(&pa).unwrap().markets.last(),
        Some(&id("m-ci-b"))
    );

    // A's merge settles on one Côte d’Ivoire, and A saves what it settled on (it differs
    // from what it read); B takes that in, and both tabs agree.
    let at_a = rule::merge(&ws, &ws_a, read, Ties::ByContent).workspace;
    store::save(&mut map, &mut a, &at_a, "a3", now()).unwrap();
    let text = map.items[MANIFEST_KEY].clone();
    let at_b_read = store::sync(&mut map, &mut b, &text, "b2", now())
        .unwrap()
        .workspace;
    let at_b = rule::merge(&ws, &ws_b, &at_b_read, Ties::ByContent).workspace;
    for w in [&at_a, &at_b] {
        let ivory: Vec<&str> = w
            .markets
            .iter()
            .filter(|m| Market::key(&m.name) == "cote d’ivoire")
            .map(|m| m.id.as_str())
            .collect();
        assert_eq!(ivory, ["m-ci-a"]);
        assert_eq!(w.partner(&pb).unwrap().markets.last(), Some(&id("m-ci-a")));
        assert_eq!(w.partner(&pa).unwrap().markets.last(), Some(&id("m-ci-a")));
    }
    assert_eq!(at_a.markets, at_b.markets);
    assert_eq!(at_a.partners, at_b.partners);
    assert_eq!(open(&mut map.reloaded()).0, at_a);
}

/// The demo's markets and program with `n` more partners: enough for many pages.
fn large(n: usize) -> Workspace {
    let mut ws = demo::workspace(now());
    for i in 0..n {
        let id = tandem::model::Id::parse(&format!("p-gen-{i:05}")).unwrap();
        let mut p = tandem::model::Partner::new(id, format!("Generated {i}"), now());
        p.notes = format!("Partner number {i}.");
        ws.partners.push(p.into());
    }
    ws
}

/// Slots that keep a copy of everything after each write or removal: every state a
/// reader in another tab could find while a save is under way.
#[derive(Default)]
struct Recorded {
    map: BTreeMap<String, String>,
    states: Vec<BTreeMap<String, String>>,
}

impl Slots for Recorded {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.map.get(key).cloned())
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.map.insert(key.into(), value.into());
        self.states.push(self.map.clone());
        Ok(())
    }
    fn remove(&mut self, key: &str) -> Result<(), StoreError> {
        self.map.remove(key);
        self.states.push(self.map.clone());
        Ok(())
    }
    fn keys(&self) -> Vec<String> {
        self.map.keys().cloned().collect()
    }
}

/// A save over many pages (edits in three pages, a partner added, one deleted, the
/// program renamed), seen by a reader after every single write or removal: a fresh load
/// and another tab's sync each find the old workspace or the new one, never a mix; and
/// the save stopped after any step leaves the old one whole.
#[test]
fn every_step_of_a_save_over_many_pages_shows_a_reader_the_old_or_the_new_workspace() {
    let old = large(400);
    let mut new = old.clone();
    for i in [20, 200, 390] {
        let id = new.partners[i].id.clone();
        assert!(new.move_stage(&id, Stage::Live, now()));
    }
    let gone = new.partners[100].id.clone();
    assert!(new.delete_partner(&gone, now()).is_some());
    let id = tandem::model::Id::parse("p-added").unwrap();
    new.partners
        .push(tandem::model::Partner::new(id, "Added", now()).into());
    new.program_name = "After".into();

    let mut slots = Recorded::default();
    let mut snap = Snapshot::default();
    store::save(&mut slots, &mut snap, &old, "s0", now()).unwrap();
    let pages = parse_manifest(&slots.map[MANIFEST_KEY])
        .unwrap()
        .pages
        .len();
    assert!(pages >= 5, "{pages} pages for 413 partners");
    let (_, other_tab) = {
        let mut reloaded = Map {
            items: slots.map.clone(),
            ..Map::default()
        };
        open(&mut reloaded)
    };
    slots.states.clear();
    let saved = store::save(&mut slots, &mut snap, &new, "s1", now()).unwrap();
    assert_eq!(
        saved.written, 5,
        "four partners and the workspace's records"
    );
    assert!(
        saved.pages < pages,
        "{} of {pages} pages written",
        saved.pages
    );
    let mut seen_new = false;
    for (step, state) in slots.states.iter().enumerate() {
        let mut at = Map {
            items: state.clone(),
            ..Map::default()
        };
        let (loaded, _) = open(&mut at);
        assert!(loaded == old || loaded == new, "a mix after step {step}");
        seen_new |= loaded == new;
        // Another tab, holding the old workspace, takes in this state's manifest.
        let mut tab = other_tab.clone();
        let mut at = Map {
            items: state.clone(),
            ..Map::default()
        };
        let text = state[MANIFEST_KEY].clone();
        if let Some(synced) = store::sync(&mut at, &mut tab, &text, "t", now()) {
            assert!(
                synced.workspace == new,
                "a mix read by sync after step {step}"
            );
            assert!(synced.repaired.is_empty());
        }
    }
    assert!(
        seen_new && slots.states.len() >= 8,
        "{} steps",
        slots.states.len()
    );

    // Stopped after any step (storage full, or the tab closed), the store is the old
    // workspace, and the next load clears what the stopped save wrote.
    for live in 0..slots.states.len() {
        let (mut map, mut snap) = stored(&old);
        map.live = Some(live);
        if store::save(&mut map, &mut snap, &new, "s1", now()).is_ok() {
            break;
        }
        let mut next = map.reloaded();
        assert_eq!(open(&mut next).0, old, "stopped after {live} steps");
        let stray = next
            .items
            .keys()
            .filter(|k| k.contains(".s1"))
            .collect::<Vec<_>>();
        assert!(stray.is_empty(), "left after {live} steps: {stray:?}");
    }
}

/// At 2,000 partners a one-partner save writes one entry, one page of about 32 keys and
/// a manifest of page keys: what it touches, not the list of 2,000 entries.
#[test]
fn a_one_partner_save_at_two_thousand_partners_writes_one_entry_one_page_and_a_small_manifest() {
    let mut ws = large(2000);
    let (mut map, mut snap) = stored(&ws);
    let first = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    assert_eq!(partner_keys(&map).len(), ws.partners.len());
    let largest = first
        .pages
        .iter()
        .map(|k| {
            serde_json::from_str::<Vec<String>>(&map.items[k])
                .unwrap()
                .len()
        })
        .max()
        .unwrap();
    assert!(largest <= store::PAGE_MAX, "{largest}");
    assert!(
        (30..=130).contains(&first.pages.len()),
        "{} pages",
        first.pages.len()
    );
    for i in [5, 1000, 1900] {
        let id = ws.partners[i].id.clone();
        ws.move_stage(&id, Stage::Paused, now());
        let saved = store::save(&mut map, &mut snap, &ws, &format!("e{i}"), now()).unwrap();
        assert_eq!((saved.written, saved.pages), (1, 1));
        assert!(saved.manifest_chars < 3000, "{}", saved.manifest_chars);
        assert!(saved.chars < 8000, "{} characters written", saved.chars);
    }
    assert_eq!(open(&mut map.reloaded()).0, ws);
}

/// A page replaced by a save stays a moment, since a tab saving at once names it; a
/// save made later removes it, and so does the next load's sweep.
#[test]
fn replaced_pages_are_kept_for_a_tab_saving_at_once_then_removed() {
    let ws = large(300);
    let (mut map, _) = stored(&ws);
    let (_, mut a) = open(&mut map.reloaded());
    let (_, mut b) = open(&mut map.reloaded());
    // A edits a partner near the start, B one near the end, before seeing each other.
    let mut ws_a = ws.clone();
    ws_a.partners[1].notes = "Tab A".into();
    let mut ws_b = ws.clone();
    ws_b.partners[290].notes = "Tab B".into();
    store::save(&mut map, &mut a, &ws_a, "a1", now()).unwrap();
    store::save(&mut map, &mut b, &ws_b, "b1", now()).unwrap();
    // B's manifest names the page A replaced: still there.
    let head = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    assert!(head.pages.iter().all(|k| map.items.contains_key(k)));
    // A takes in B's save: its own partner stands in for the entry it removed.
    let text = map.items[MANIFEST_KEY].clone();
    let synced = store::sync(&mut map, &mut a, &text, "a2", now()).unwrap();
    assert_eq!(synced.repaired.len(), 1);
    let mut both = ws.clone();
    both.partners[1].notes = "Tab A".into();
    both.partners[290].notes = "Tab B".into();
    assert_eq!(synced.workspace, both);
    assert_eq!(open(&mut map.reloaded()).0, both);

    // Later saves remove the pages retired long enough; nothing is left unnamed.
    let later = now() + chrono::Duration::seconds(store::RETIRE_SECONDS + 1);
    let mut edited = both.clone();
    edited.partners[150].notes = "Later".into();
    let previous = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    let saved = store::save(&mut map, &mut a, &edited, "a3", later).unwrap();
    assert!(saved.removed >= 3, "{saved:?}");
    let head = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    let stray: Vec<&String> = map
        .items
        .keys()
        .filter(|k| k.starts_with(store::PAGE_PREFIX) && !head.pages.contains(k))
        .collect();
    // Only the page this save replaced is left, for a moment.
    assert_eq!(stray.len(), 1, "{stray:?}");
    assert!(previous.pages.contains(stray[0]));
    // The entry A wrote before B's save replaced it is left for the next load's sweep.
    let mut next = map.reloaded();
    assert_eq!(open(&mut next).0, edited);
    let named = partner_keys(&next);
    assert!(next
        .items
        .keys()
        .filter(|k| k.starts_with(PARTNER_PREFIX))
        .all(|k| named.contains(k)));
}

/// A store of layout 1 (the manifest naming every partner entry) reads as it is; the
/// first save writes layout 2 and removes nothing still needed.
#[test]
fn a_layout_one_store_reads_and_its_first_save_writes_pages() {
    let ws = large(100);
    let mut map = Map::default();
    let mut keys = Vec::new();
    for p in &ws.partners {
        let key = store::partner_key(&p.id, "v1");
        map.items.insert(key.clone(), store::encode_partner(p));
        keys.push(key);
    }
    map.items
        .insert("tandem.r.v1".into(), store::encode_rest(&ws));
    let manifest = serde_json::json!({"store": "tandem", "version": 1, "format": 3,
        "saved_at": "2026-11-23T10:00:00Z", "rest": "tandem.r.v1", "partners": keys});
    map.items.insert(MANIFEST_KEY.into(), manifest.to_string());
    let (back, mut snap) = open(&mut map);
    assert_eq!(back, ws);
    // Nothing changed: a save still writes the new layout (once).
    store::save(&mut map, &mut snap, &back, "s1", now()).unwrap();
    let head = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    assert_eq!((head.version, head.partners.len()), (2, 0));
    assert_eq!(
        partner_keys(&map),
        keys,
        "the entries are named again, not written"
    );
    assert_eq!(open(&mut map.reloaded()).0, ws);
    let again = store::save(&mut map, &mut snap, &back, "s2", now()).unwrap();
    assert_eq!(again, store::Saved::default());
}

/// A page the manifest names that is gone makes the store unreadable as a whole, like
/// the manifest itself, and nothing is written or removed.
#[test]
fn a_missing_page_makes_the_store_unreadable_and_downloadable() {
    let ws = large(200);
    let (mut map, _) = stored(&ws);
    let head = parse_manifest(&map.items[MANIFEST_KEY]).unwrap();
    map.items.remove(&head.pages[1]);
    let before = map.items.clone();
    match store::open(&mut map, &mut Snapshot::default(), "l", now()).unwrap() {
        Opened::Unreadable { error, raw } => {
            assert!(error.contains(&head.pages[1]), "{error}");
            assert!(raw.contains(&head.pages[0]));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(map.items, before);
}

/// The browser opens the store with `open_store`, which only reads: the code that writes
/// comes on demand there, and most starts only read. The old single key is the one case
/// that needs a write (its migration), and `has_legacy` tells it apart first.
#[test]
fn opening_a_store_without_the_old_key_only_reads_and_the_old_key_is_told_apart() {
    let ws = demo::workspace(now());
    let (map, _) = stored(&ws);
    let mut reader = map.reloaded();
    // Every write or removal would fail: opening needs none.
    reader.live = Some(0);
    assert!(!store::has_legacy(&reader).unwrap());
    let mut snap = Snapshot::default();
    let opened = loaded(store::open_store(&mut reader, &mut snap).unwrap());
    assert_eq!(opened, ws);
    assert_eq!(reader.items, map.items);

    let mut old = Map::default();
    old.items.insert(
        LEGACY_KEY.into(),
        file::write(&ws, Scope::Workspace, now(), false),
    );
    assert!(store::has_legacy(&old).unwrap());
    assert!(!store::has_legacy(&Map::default()).unwrap());
    assert!(matches!(
        store::open_store(&mut Map::default(), &mut Snapshot::default()).unwrap(),
        Opened::Nothing
    ));
}

/// The save finds an unchanged partner at its own position by pointer and looks ids up
/// only where the list changed: after an insertion at the front (every position
/// shifted), a reorder, a removal, a record written to without a change, and from a
/// snapshot made by a load or by another tab's sync, each save writes exactly the
/// partners that changed and the store loads back as the workspace.
#[test]
fn a_save_after_an_insertion_a_reorder_or_a_removal_writes_exactly_the_changed_entries() {
    let mut ws = large(300);
    let (mut map, mut snap) = stored(&ws);
    let check = |map: &mut Map, snap: &mut Snapshot, ws: &Workspace, save: &str, n| {
        let saved = store::save(map, snap, ws, save, now()).unwrap();
        assert_eq!(saved.written, n, "entries written by {save}");
        assert_eq!(open(&mut map.reloaded()).0, *ws, "loaded after {save}");
        let named = partner_keys(map);
        assert_eq!(named.len(), ws.partners.len());
        for (key, p) in named.iter().zip(&ws.partners) {
            assert_eq!(store::key_id(key), Some(p.id.as_str()), "{save}: {key}");
        }
        assert_eq!(
            entries(map),
            ws.partners.len() + 1,
            "stray entries after {save}"
        );
    };

    // A partner added at the front, another moved: every position shifts by one.
    let id = tandem::model::Id::parse("p-first").unwrap();
    ws.partners
        .insert(0, tandem::model::Partner::new(id, "First", now()).into());
    let moved = ws.partners[150].id.clone();
    assert!(ws.move_stage(&moved, Stage::Live, now()));
    check(&mut map, &mut snap, &ws, "s1", 2);

    // The list reversed, one partner edited: only that one is written.
    ws.partners.reverse();
    let moved = ws.partners[7].id.clone();
    assert!(ws.move_stage(&moved, Stage::Paused, now()));
    check(&mut map, &mut snap, &ws, "s2", 1);

    // Two swapped and nothing else: the pages change, no entry is written.
    ws.partners.swap(3, 250);
    check(&mut map, &mut snap, &ws, "s3", 0);

    // A removal before an edit: the edited partner and the workspace's records (the
    // removal's tombstone).
    let gone = ws.partners[10].id.clone();
    assert!(ws.delete_partner(&gone, now()).is_some());
    let moved = ws.partners[20].id.clone();
    assert!(ws.move_stage(&moved, Stage::Live, now()));
    check(&mut map, &mut snap, &ws, "s4", 2);

    // Written to without a change (a new pointer, an equal record): nothing to write,
    // and the next edit of another partner writes that one only.
    let notes = ws.partners[5].notes.clone();
    ws.partners[5].notes = notes;
    check(&mut map, &mut snap, &ws, "s5", 0);
    let moved = ws.partners[6].id.clone();
    assert!(ws.move_stage(&moved, Stage::Paused, now()));
    check(&mut map, &mut snap, &ws, "s6", 1);

    // From a snapshot a load made, and then after another tab's save taken in by sync.
    let (mut loaded, mut from_load) = open(&mut map.reloaded());
    let mut tab_map = map.reloaded();
    let moved = loaded.partners[100].id.clone();
    assert!(loaded.move_stage(&moved, Stage::Live, now()));
    check(&mut tab_map, &mut from_load, &loaded, "t1", 1);
    let text = tab_map.items[MANIFEST_KEY].clone();
    let synced = store::sync(&mut tab_map, &mut snap, &text, "s7", now()).unwrap();
    assert_eq!(synced.workspace, loaded);
    let mut ws = synced.workspace;
    let moved = ws.partners[200].id.clone();
    assert!(ws.move_stage(&moved, Stage::Paused, now()));
    check(&mut tab_map, &mut snap, &ws, "s8", 1);
}
