//! Merging partners field by field and item by item (`model::merge::fields`, issue 11
//! point 7): replicas editing different fields and list items of the same partners, in
//! the same milliseconds, merge commutatively, associatively and idempotently; a field
//! or item edited on one side only is never lost; a deletion beats only the edits
//! stamped before it; the field stamps survive the file (version 3) and the store, and
//! files of versions 1 and 2 read with every part at their record's stamp.

mod common;

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;

use std::collections::BTreeMap;
use tandem::model::core::stamp::{Clock, Stamp};
use tandem::model::formats::file;
use tandem::model::merge::import::{self, Mode};
use tandem::model::merge::rule::{merge, Ties};
use tandem::model::workspace::stamps::{observe, stamp_edit};
use tandem::model::{Id, KeyPlayer, Partner, Stage, Workspace};

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap()
}

const REPLICAS: usize = 3;
const PARTNERS: usize = 2;
const PLAYERS: usize = 3;

fn pid(p: usize) -> Id {
    Id::parse(&format!("p{p}")).unwrap()
}

fn kid(p: usize, k: usize) -> Id {
    Id::parse(&format!("p{p}-k{k}")).unwrap()
}

/// Two partners, each with two of its three possible key players.
fn base() -> Workspace {
    let mut ws = Workspace::empty();
    for p in 0..PARTNERS {
        let mut partner = Partner::new(pid(p), format!("Partner {p}"), t0());
        for k in 0..PLAYERS - 1 {
            partner
                .key_players
                .push(KeyPlayer::new(kid(p, k), format!("Player {k}"), t0()));
        }
        ws.partners.push(partner.into());
    }
    ws
}

/// One edit of one part of a partner.
#[derive(Clone, Debug)]
enum Edit {
    Notes(u8),
    Stage(u8),
    Owner(u8),
    Tags(u8),
    /// Adds the key player, or edits its title when present.
    Player(usize, u8),
    DropPlayer(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    let v = 0u8..4;
    prop_oneof![
        v.clone().prop_map(Edit::Notes),
        v.clone().prop_map(Edit::Stage),
        v.clone().prop_map(Edit::Owner),
        v.clone().prop_map(Edit::Tags),
        (0..PLAYERS, v).prop_map(|(k, n)| Edit::Player(k, n)),
        (0..PLAYERS).prop_map(Edit::DropPlayer),
    ]
}

fn apply(p: &mut Partner, e: &Edit, now: DateTime<Utc>) {
    match *e {
        Edit::Notes(n) => p.notes = format!("note {n}"),
        Edit::Stage(n) => p.stage = Stage::ALL[n as usize % Stage::ALL.len()],
        Edit::Owner(n) => p.owner = format!("owner {n}"),
        Edit::Tags(n) => p.tags = vec![format!("tag {n}")],
        Edit::Player(k, n) => {
            let id = Id::parse(&format!("{}-k{k}", p.id)).unwrap();
            match p.key_players.iter_mut().find(|x| x.id == id) {
                Some(x) => x.title = format!("title {n}"),
                None => p
                    .key_players
                    .push(KeyPlayer::new(id, format!("Player {k}"), now)),
            }
        }
        Edit::DropPlayer(k) => {
            let id = Id::parse(&format!("{}-k{k}", p.id)).unwrap();
            p.key_players.retain(|x| x.id != id);
        }
    }
}

/// A step: replica `r` edits partner `p` at wall time `wall`, or takes in `from`'s
/// workspace as a tab hears another's save.
#[derive(Clone, Debug)]
enum Op {
    Edit {
        r: usize,
        p: usize,
        e: Edit,
        wall: i64,
    },
    Sync {
        r: usize,
        from: usize,
    },
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0..REPLICAS, 0..PARTNERS, edit(), 0i64..2)
            .prop_map(|(r, p, e, wall)| Op::Edit { r, p, e, wall }),
        1 => (0..REPLICAS, 0..REPLICAS).prop_map(|(r, from)| Op::Sync { r, from }),
    ]
}

struct Replica {
    ws: Workspace,
    clock: Clock,
}

fn m(a: &Workspace, b: &Workspace) -> Workspace {
    merge(&base(), a, b, Ties::ByContent).workspace
}

fn run(ops: &[Op]) -> Vec<Replica> {
    let mut replicas: Vec<Replica> = (0..REPLICAS)
        .map(|r| {
            let mut clock = Clock::new(r as u64 + 1);
            observe(&mut clock, &base());
            Replica { ws: base(), clock }
        })
        .collect();
    let start = t0().timestamp_millis() + 1_000;
    // Items are made in time order, as a person makes them: a key player added later is
    // created later (one millisecond a step), so lists are in their items' place order.
    for (step, op) in ops.iter().enumerate() {
        match op {
            Op::Sync { r, from } => {
                let theirs = replicas[*from].ws.clone();
                let me = &mut replicas[*r];
                observe(&mut me.clock, &theirs);
                me.ws = m(&me.ws, &theirs);
            }
            Op::Edit { r, p, e, wall } => {
                let me = &mut replicas[*r];
                let before = me.ws.clone();
                if let Some(partner) = me.ws.partner_mut(&pid(*p)) {
                    apply(
                        partner,
                        e,
                        t0() + chrono::Duration::milliseconds(step as i64 + 1),
                    );
                }
                let at = me.clock.tick(start + wall);
                stamp_edit(&before, &mut me.ws, at);
            }
        }
    }
    replicas
}

/// The partners by id, their lists in the order they hold: what a merge must agree on.
/// Lists included: a merged list is ordered by its items (`merge::fields`), not by the
/// side edited last, which differed between groupings of three copies.
fn normal(ws: &Workspace) -> BTreeMap<Id, Partner> {
    ws.partners
        .iter()
        .map(|p| (p.id.clone(), Partner::clone(p)))
        .collect()
}

proptest! {
    #![proptest_config(common::fast_config(192))]

    #[test]
    fn field_merge_is_commutative_associative_and_idempotent(
        ops in proptest::collection::vec(op(), 0..40),
    ) {
        let replicas = run(&ops);
        let [x, y, z] = [&replicas[0].ws, &replicas[1].ws, &replicas[2].ws];
        let xy = m(x, y);
        // Commutative, order of lists included; idempotent; absorbing what it holds.
        prop_assert_eq!(&xy.partners, &m(y, x).partners);
        prop_assert_eq!(&m(&xy, &xy).partners, &xy.partners);
        prop_assert_eq!(&m(&xy, y).partners, &xy.partners);
        prop_assert_eq!(&m(x, x).partners, &x.partners);
        // Associative, the order of list items included.
        prop_assert_eq!(normal(&m(&xy, z)), normal(&m(x, &m(y, z))));
        prop_assert_eq!(normal(&m(&m(x, z), y)), normal(&m(x, &m(z, y))));
        // Every part is the version with the later stamp.
        for p in 0..PARTNERS {
            let (a, b, got) = (x.partner(&pid(p)).unwrap(), y.partner(&pid(p)).unwrap(), xy.partner(&pid(p)).unwrap());
            for key in ["notes", "stage", "owner", "tags"] {
                let later = if b.part_stamp(key) > a.part_stamp(key) { b } else { a };
                prop_assert_eq!(got.part_stamp(key), a.part_stamp(key).max(b.part_stamp(key)));
                prop_assert_eq!(&got.parts()[key], &later.parts()[key], "{}", key);
            }
        }
    }

    #[test]
    fn replicas_that_hear_each_other_end_with_the_same_partners(
        ops in proptest::collection::vec(op(), 0..40),
    ) {
        let mut replicas = run(&ops);
        for _ in 0..2 {
            for r in 0..REPLICAS {
                for from in 0..REPLICAS {
                    let theirs = replicas[from].ws.clone();
                    let me = &mut replicas[r];
                    observe(&mut me.clock, &theirs);
                    me.ws = m(&me.ws, &theirs);
                }
            }
        }
        let first = normal(&replicas[0].ws);
        for rep in &replicas[1..] {
            prop_assert_eq!(&normal(&rep.ws), &first);
        }
    }

    #[test]
    fn a_part_edited_on_one_side_only_is_never_lost(
        mine in proptest::collection::vec(edit(), 1..6),
        theirs in proptest::collection::vec(edit(), 1..6),
        walls in (0i64..3, 0i64..3),
    ) {
        // Each side keeps to its own parts: the first side edits what the second leaves.
        let key = |e: &Edit| match e {
            Edit::Notes(_) => "notes".to_owned(),
            Edit::Stage(_) => "stage".to_owned(),
            Edit::Owner(_) => "owner".to_owned(),
            Edit::Tags(_) => "tags".to_owned(),
            Edit::Player(k, _) | Edit::DropPlayer(k) => format!("kp:p0-k{k}"),
        };
        let taken: std::collections::HashSet<String> = mine.iter().map(key).collect();
        let theirs: Vec<Edit> = theirs.into_iter().filter(|e| !taken.contains(&key(e))).collect();
        let side = |edits: &[Edit], writer: u64, wall: i64| {
            let mut clock = Clock::new(writer);
            observe(&mut clock, &base());
            let mut ws = base();
            for e in edits {
                let before = ws.clone();
                apply(ws.partner_mut(&pid(0)).unwrap(), e, t0());
                stamp_edit(&before, &mut ws, clock.tick(t0().timestamp_millis() + wall));
            }
            ws
        };
        let a = side(&mine, 7, walls.0);
        let b = side(&theirs, 8, walls.1);
        for (ours, other, ties) in [(&a, &b, Ties::ByContent), (&b, &a, Ties::ByContent), (&a, &b, Ties::KeepOurs), (&b, &a, Ties::KeepOurs)] {
            let merged = merge(&base(), ours, other, ties);
            let got = merged.workspace.partner(&pid(0)).unwrap().parts();
            let (pa, pb, p0) = (a.partner(&pid(0)).unwrap().parts(), b.partner(&pid(0)).unwrap().parts(), base().partner(&pid(0)).unwrap().parts());
            for (k, v) in &got {
                let expected = if taken.contains(k) { &pa } else if theirs.iter().any(|e| key(e) == *k) { &pb } else { &p0 };
                prop_assert_eq!(v, expected.get(k).unwrap_or(&None), "{}", k);
            }
            for (k, v) in pa.iter().filter(|(k, _)| taken.contains(*k)) {
                prop_assert_eq!(got.get(k).unwrap_or(&None), v, "{} lost", k);
            }
            // Different parts on each side: nothing to report.
            prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
        }
    }

    #[test]
    fn a_deletion_beats_only_the_edits_stamped_before_it(
        deleted_at in 0i64..4, edited_at in 0i64..4, writers in (1u64..4, 4u64..7),
    ) {
        let start = t0().timestamp_millis() + 5_000;
        let mut a = base();
        let before = a.clone();
        a.partner_mut(&pid(0)).unwrap().key_players.retain(|k| k.id != kid(0, 0));
        let d = Stamp::new(start + deleted_at, 0, writers.0);
        stamp_edit(&before, &mut a, d);
        let mut b = base();
        let before = b.clone();
        b.partner_mut(&pid(0)).unwrap().key_players[0].title = "edited".into();
        let e = Stamp::new(start + edited_at, 0, writers.1);
        stamp_edit(&before, &mut b, e);
        for (x, y) in [(&a, &b), (&b, &a)] {
            let merged = m(x, y);
            let kept = merged.partner(&pid(0)).unwrap().key_players.iter().any(|k| k.id == kid(0, 0));
            prop_assert_eq!(kept, e > d);
            // The other key player, untouched on both sides, is kept either way.
            prop_assert!(merged.partner(&pid(0)).unwrap().key_players.iter().any(|k| k.id == kid(0, 1)));
        }
    }

    #[test]
    fn the_parts_an_edit_is_stamped_for_are_those_whose_json_differs(
        ops in proptest::collection::vec(op(), 0..30),
    ) {
        // Every pair of versions the replicas reach (edits, deletions of key players,
        // merges with their stamp entries): comparing values finds exactly the parts
        // whose written form differs, as stamping an edit did by serialising them.
        let replicas = run(&ops);
        for x in &replicas {
            for y in &replicas {
                for p in 0..PARTNERS {
                    let (a, b) = (x.ws.partner(&pid(p)).unwrap(), y.ws.partner(&pid(p)).unwrap());
                    let (pa, pb) = (a.parts(), b.parts());
                    let mut want: Vec<String> = pa
                        .keys()
                        .chain(pb.keys())
                        .filter(|k| pa.get(*k).cloned().flatten() != pb.get(*k).cloned().flatten())
                        .cloned()
                        .collect();
                    want.sort();
                    want.dedup();
                    let mut got = a.changed_parts(b);
                    got.sort();
                    prop_assert_eq!(got, want);
                }
            }
        }
    }
}

/// The file round-trips the field stamps exactly; the version-3 fixture holds some.
#[test]
fn field_stamps_round_trip_through_the_file() {
    let mut clock = Clock::new(5);
    let mut ws = base();
    for e in [
        Edit::Notes(1),
        Edit::DropPlayer(1),
        Edit::Player(2, 3),
        Edit::Stage(2),
    ] {
        let before = ws.clone();
        apply(ws.partner_mut(&pid(0)).unwrap(), &e, t0());
        stamp_edit(&before, &mut ws, clock.tick(t0().timestamp_millis() + 10));
    }
    let before = ws.clone();
    ws.program_name = "Renamed".into();
    stamp_edit(&before, &mut ws, clock.tick(0));
    let p = ws.partner(&pid(0)).unwrap();
    assert_eq!(p.stamps.len(), 4, "{:?}", p.stamps);
    assert!(
        p.stamps.contains_key("kp:p0-k1"),
        "the deletion is recorded"
    );
    assert!(ws.program.name_stamp.is_some());
    let text = file::write(&ws, file::Scope::Workspace, t0(), true);
    let back = file::restore(&text).unwrap();
    assert_eq!(back.workspace, ws);
    assert_eq!(back.version, 3);

    let v3 = file::restore(&std::fs::read_to_string("tests/fixtures/format-v3.json").unwrap())
        .unwrap()
        .workspace;
    assert!(v3
        .partners
        .iter()
        .any(|p| !p.stamps.is_empty() && p.base.is_some()));
    assert!(v3.program.name_stamp.is_some());
}

/// Versions 1 and 2 wrote no field stamps: every part of a partner reads at the
/// record's stamp (its `stamp`, or its `updated` with writer 0), as version 2 merged it
/// whole; and a stamped edit of one field, merged with the old copy, keeps the edit and
/// the old copy's other fields.
#[test]
fn files_of_versions_1_and_2_read_with_every_part_at_the_record_stamp() {
    for name in ["format-v1.json", "format-v2.json"] {
        let old =
            file::restore(&std::fs::read_to_string(format!("tests/fixtures/{name}")).unwrap())
                .unwrap()
                .workspace;
        for p in &old.partners {
            assert!(p.base.is_none() && p.stamps.is_empty(), "{name}");
            for key in p.parts().keys() {
                assert_eq!(p.part_stamp(key), p.edit_stamp(), "{name} {key}");
            }
        }
        let mut clock = Clock::new(9);
        observe(&mut clock, &old);
        let mut edited = old.clone();
        let before = edited.clone();
        edited.partners[0].notes = "edited".into();
        stamp_edit(&before, &mut edited, clock.tick(0));
        let p = &edited.partners[0];
        assert_eq!(p.base, Some(old.partners[0].edit_stamp()));
        assert_eq!(p.stamps.keys().collect::<Vec<_>>(), ["notes"]);
        // The old copy elsewhere has another field edited in the old way: both stay.
        let mut other = old.clone();
        other.partners[0].owner = "someone else".into();
        let merged = import::apply(&edited, &other, Mode::Merge).unwrap();
        assert_eq!(merged.partners[0].notes, "edited", "{name}");
    }
}

/// A reset or a replaced workspace stamps what it removes and what it brings unstamped,
/// and a renamed program, so another tab holding the old workspace takes the new one.
#[test]
fn a_replacement_is_stamped_so_other_tabs_take_it() {
    use tandem::model::workspace::stamps::stamp_replace;
    let old = base();
    let mut clock = Clock::new(3);
    observe(&mut clock, &old);
    let mut fresh = Workspace::empty();
    fresh.program_name = "Fresh start".into();
    fresh
        .partners
        .push(Partner::new(pid(7), "New one", t0()).into());
    let before = old.clone();
    stamp_replace(&before, &mut fresh, clock.tick(0), t0(), true);
    assert!(fresh.partners[0].stamp.is_some());
    assert!(fresh.program.name_stamp.is_some());
    // The other tab still holds the old workspace, unsaved edits included.
    let mut other = old.clone();
    other.partner_mut(&pid(0)).unwrap().notes = "older".into();
    stamp_edit(&old, &mut other, Stamp::new(t0().timestamp_millis(), 0, 4));
    for (x, y) in [(&fresh, &other), (&other, &fresh)] {
        let merged = merge(&old, x, y, Ties::ByContent).workspace;
        assert_eq!(merged.program_name, "Fresh start");
        let names: Vec<&str> = merged.partners.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["New one"]);
    }
}

/// Issue 11: an owner inside a record names a key player by id (`Owner::Player`). One
/// side removes the key player while the other gives them a commitment and a next step:
/// the merge, in either order, through a tab's merge or an import, hands the work to
/// the key player's name on the partner's side (as a removal does), so the workspace
/// keeps every rule and no owner names a key player who is not there.
#[test]
fn work_given_to_a_key_player_removed_elsewhere_goes_to_their_name() {
    use tandem::model::core::owner::Owner;
    use tandem::model::goals::Commitment;
    use tandem::model::meetings::{Meeting, NextStep};
    use tandem::model::workspace::validate;
    let mut start = base();
    start.partners[0]
        .meetings
        .push(Meeting::new(Id::parse("m1").unwrap(), t0().date_naive()));
    let mut clock = Clock::new(9);
    observe(&mut clock, &start);
    let wall = t0().timestamp_millis() + 1_000;
    let player = kid(0, 1);
    let name = start.partners[0].key_players[1].name.clone();

    // One side removes the key player.
    let mut removed = start.clone();
    assert!(removed.remove_key_player(&pid(0), &player, t0()));
    stamp_edit(&start, &mut removed, Stamp::new(wall, 0, 1));
    // The other gives them a commitment and a next step, before or after the removal.
    for at in [wall - 500, wall + 500] {
        let mut gave = start.clone();
        {
            let p = gave.partner_mut(&pid(0)).unwrap();
            let commitment: Commitment = serde_json::from_value(serde_json::json!({
                "id": "c1", "side": "partner", "what": "Send the API keys",
                "due": "2026-12-01", "status": "open",
                "owner": {"player": player.as_str()}
            }))
            .unwrap();
            p.commitments.push(commitment);
            let step: NextStep = serde_json::from_value(serde_json::json!({
                "what": "Book the follow-up", "owner": {"player": player.as_str()}
            }))
            .unwrap();
            p.meetings[0].next_steps.push(step);
        }
        stamp_edit(&start, &mut gave, Stamp::new(at, 0, 2));
        assert!(validate::workspace(&gave).is_empty());

        let ab = merge(&start, &removed, &gave, Ties::ByContent).workspace;
        let ba = merge(&start, &gave, &removed, Ties::ByContent).workspace;
        assert_eq!(ab.partners, ba.partners, "the same in either order");
        assert_eq!(
            validate::workspace(&ab),
            Vec::new(),
            "no dangling key player"
        );
        let p = ab.partner(&pid(0)).unwrap();
        assert!(!p.key_players.iter().any(|k| k.id == player));
        let owner = Some(Owner::Theirs(name.clone()));
        assert_eq!(p.commitments[0].owner, owner);
        assert_eq!(p.meetings[0].next_steps[0].owner, owner);
        // Merging again changes nothing.
        assert_eq!(
            merge(&start, &ab, &gave, Ties::ByContent)
                .workspace
                .partners,
            ab.partners
        );
        assert_eq!(
            merge(&start, &ab, &removed, Ties::ByContent)
                .workspace
                .partners,
            ab.partners
        );

        // An import of the other side's file merges the same way, and is not refused.
        let imported = import::apply(&removed, &gave, Mode::Merge).expect("not refused");
        let p = imported.partner(&pid(0)).unwrap();
        assert_eq!(p.commitments[0].owner, owner);
    }
}

/// Issue 11: three copies that each added a key player (and one that also removed one)
/// merge to one list in any grouping and either order, the key players in the order they
/// were added (their `created`), not in the order of whichever copy was edited last.
#[test]
fn three_copies_merge_to_one_list_order_in_any_grouping() {
    let start = base();
    let add = |ws: &Workspace, k: usize, secs: i64, at: Stamp, drop: bool| {
        let mut after = ws.clone();
        let p = after.partner_mut(&pid(0)).unwrap();
        let made = t0() + chrono::Duration::seconds(secs);
        p.key_players.push(KeyPlayer::new(
            Id::parse(&format!("p0-new{k}")).unwrap(),
            format!("New {k}"),
            made,
        ));
        if drop {
            p.key_players.retain(|x| x.id != kid(0, 0));
        }
        stamp_edit(ws, &mut after, at);
        after
    };
    let wall = t0().timestamp_millis() + 1_000;
    // Added in time order 2, 0, 1 by copies whose last edits come in order 0, 1, 2.
    let a = add(&start, 0, 20, Stamp::new(wall, 0, 1), false);
    let b = add(&start, 1, 30, Stamp::new(wall + 1, 0, 2), true);
    let c = add(&start, 2, 10, Stamp::new(wall + 2, 0, 3), false);
    let ids = |ws: &Workspace| -> Vec<String> {
        ws.partner(&pid(0))
            .unwrap()
            .key_players
            .iter()
            .map(|k| k.id.to_string())
            .collect()
    };
    let expected = ["p0-k1", "p0-new2", "p0-new0", "p0-new1"];
    for (x, y, z) in [(&a, &b, &c), (&b, &c, &a), (&c, &a, &b), (&a, &c, &b)] {
        assert_eq!(ids(&m(&m(x, y), z)), expected);
        assert_eq!(ids(&m(x, &m(y, z))), expected);
        assert_eq!(ids(&m(z, &m(y, x))), expected);
    }
}
