//! Typed work is never lost (issue 14, point 2), the pure parts: how drafts are named in
//! storage and read back, the bounds they keep, hostile stored values, the drafts of
//! records that are gone; and the outreach memo agreeing with the pitch checklist.

use chrono::{DateTime, TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::documents::memo;
use tandem::model::pitch::{self, Context, Status};
use tandem::model::workspace::draft::{
    self, DraftKey, Fields, Form, Index, MAX_DRAFTS, MAX_FIELDS, MAX_VALUE_CHARS, PREFIX,
};
use tandem::model::{demo, Id, Ingredient};

fn at(minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 10, minute, 0).unwrap()
}

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn fields(pairs: &[(&str, &str)]) -> Fields {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn keys_name_the_form_the_partner_and_the_record() {
    let p = id("p1");
    let cases = [
        (
            DraftKey::of_partner(Form::Profile, &p),
            "tandem.draft.profile.p1.-",
        ),
        (
            DraftKey::adding(Form::KeyPlayer, Some(&p)),
            "tandem.draft.key-player.p1.new",
        ),
        (
            DraftKey::of_record(Form::Meeting, Some(&p), "m7"),
            "tandem.draft.meeting.p1.m7",
        ),
        (
            DraftKey::of_record(Form::LandingStep, Some(&p), "t1.launched"),
            "tandem.draft.landing-step.p1.t1.launched",
        ),
        (
            DraftKey::of_program(Form::Target),
            "tandem.draft.target.-.-",
        ),
        (DraftKey::adding(Form::Win, None), "tandem.draft.win.-.new"),
    ];
    for (key, text) in cases {
        assert_eq!(key.storage_key().as_deref(), Some(text));
        assert_eq!(DraftKey::parse(text), Some(key), "{text}");
    }
}

#[test]
fn every_form_has_its_own_key_and_none_is_the_workspace_key() {
    let p = id("p1");
    let mut seen = std::collections::BTreeSet::new();
    for form in Form::ALL {
        let key = DraftKey::adding(form, Some(&p)).storage_key().unwrap();
        assert!(key.starts_with(PREFIX));
        assert!(seen.insert(key));
    }
    assert_eq!(seen.len(), 20);
    for other in [
        "tandem.workspace",
        "tandem.shared",
        "tandem.workspace.backup",
    ] {
        assert!(!other.starts_with(PREFIX));
        assert_eq!(DraftKey::parse(other), None);
    }
}

#[test]
fn keys_that_are_not_drafts_of_this_version_are_refused() {
    for bad in [
        "",
        "tandem.draft.",
        "tandem.draft.profile",
        "tandem.draft.profile.p1",
        "tandem.draft.nonsense.p1.-",
        "tandem.draft.profile.bad id.-",
        "tandem.draft.profile.p1.",
        "tandem.workspace",
    ] {
        assert_eq!(DraftKey::parse(bad), None, "{bad:?}");
    }
    let long = format!("tandem.draft.metrics.p1.{}", "m".repeat(201));
    assert_eq!(DraftKey::parse(&long), None);
    let key = DraftKey::of_record(Form::Metrics, Some(&id("p1")), &"m".repeat(201));
    assert_eq!(key.storage_key(), None);
}

#[test]
fn a_draft_reads_back_as_written() {
    let f = fields(&[("name", "Loopline"), ("notes", "Line one\nline \"two\" ✓")]);
    let text = draft::write(&f, at(42)).unwrap();
    let back = draft::read(&text).unwrap();
    assert_eq!(back.fields, f);
    assert_eq!(back.at, at(42));
    assert_eq!(back.v, draft::VERSION);
}

#[test]
fn drafts_keep_their_bounds() {
    let big = fields(&[("notes", &"x".repeat(MAX_VALUE_CHARS))]);
    assert!(matches!(
        draft::write(&big, at(0)),
        Err(draft::TooLarge::Chars(_))
    ));
    let many: Fields = (0..=MAX_FIELDS)
        .map(|i| (format!("f{i}"), String::new()))
        .collect();
    assert_eq!(
        draft::write(&many, at(0)),
        Err(draft::TooLarge::Fields(MAX_FIELDS + 1))
    );
    // The largest text the model takes in one field (notes) fits with room to spare.
    let notes = fields(&[("notes", &"é".repeat(tandem::model::core::check::MAX_NOTES))]);
    assert!(draft::write(&notes, at(0)).is_ok());
}

#[test]
fn hostile_or_corrupt_values_are_not_drafts() {
    let huge = format!(
        "{{\"v\":1,\"at\":\"2026-12-06T10:42:00Z\",\"fields\":{{\"a\":\"{}\"}}}}",
        "x".repeat(MAX_VALUE_CHARS)
    );
    for bad in [
        "",
        "null",
        "{",
        "[]",
        "\"text\"",
        "{\"v\":1}",
        "{\"v\":2,\"at\":\"2026-12-06T10:42:00Z\",\"fields\":{}}",
        "{\"v\":1,\"at\":\"yesterday\",\"fields\":{}}",
        "{\"v\":1,\"at\":\"2026-12-06T10:42:00Z\",\"fields\":{\"a\":1}}",
        "{\"v\":1,\"at\":\"2026-12-06T10:42:00Z\",\"fields\":[\"a\"]}",
        "{\"v\":-1,\"at\":\"2026-12-06T10:42:00Z\",\"fields\":{}}",
        "{\"v\":1,\"at\":\"2026-12-06T10:42:00Z\",\"fields\":{\"a\":\"\\ud800\"}}",
        huge.as_str(),
    ] {
        assert_eq!(draft::read(bad), None, "{bad:.80}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Whatever the stored text, reading it never panics, and what it gives is in bounds.
    #[test]
    fn reading_any_text_never_panics(text in ".{0,300}") {
        if let Some(d) = draft::read(&text) {
            prop_assert!(d.fields.len() <= MAX_FIELDS);
        }
        let _ = DraftKey::parse(&text);
        let _ = DraftKey::parse(&format!("{PREFIX}{text}"));
    }
}

#[test]
fn the_oldest_drafts_make_room() {
    let stored: Vec<(String, DateTime<Utc>)> = (0..MAX_DRAFTS as u32)
        .map(|i| (format!("{PREFIX}k{i}"), at(i)))
        .collect();
    // Rewriting a draft that is already there removes nothing.
    assert!(draft::evict(&stored, &format!("{PREFIX}k3"), MAX_DRAFTS).is_empty());
    // A new one removes the oldest.
    assert_eq!(
        draft::evict(&stored, &format!("{PREFIX}new"), MAX_DRAFTS),
        vec![format!("{PREFIX}k0")]
    );
    // Over the bound already (an older version, a hand edit): back down to it.
    assert_eq!(draft::evict(&stored, "x", 3).len(), MAX_DRAFTS - 2);
}

#[test]
fn drafts_of_records_that_are_gone_do_not_exist() {
    let ws = demo::workspace(at(0));
    let p = &ws.partners[0];
    let kp = &p.key_players[0];
    let present = [
        DraftKey::of_partner(Form::Profile, &p.id),
        DraftKey::adding(Form::Meeting, Some(&p.id)),
        DraftKey::of_record(Form::KeyPlayer, Some(&p.id), kp.id.as_str()),
        DraftKey::of_program(Form::Target),
        DraftKey::adding(Form::NewPartner, None),
    ];
    for key in present {
        assert!(key.still_exists(&ws), "{key:?}");
    }
    let gone = id("no-such-record");
    let absent = [
        DraftKey::of_partner(Form::Profile, &gone),
        DraftKey::adding(Form::Meeting, Some(&gone)),
        DraftKey::of_record(Form::KeyPlayer, Some(&p.id), "no-such-player"),
        DraftKey::of_record(Form::Goal, Some(&p.id), "no-such-goal"),
        DraftKey::of_record(Form::LandingStep, Some(&p.id), "no-such-track.enabled"),
        DraftKey::of_record(Form::Lever, None, "no-such-lever"),
    ];
    for key in absent {
        assert!(!key.still_exists(&ws), "{key:?}");
    }
    // Removing the key player takes its draft's record with it.
    let mut after = ws.clone();
    after.partners[0].key_players.remove(0);
    assert!(
        !DraftKey::of_record(Form::KeyPlayer, Some(&p.id), kp.id.as_str()).still_exists(&after)
    );
}

/// Text for an ingredient: words, punctuation, every kind of white space and invisible
/// character, or nothing at all.
fn ingredient_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just(String::new()),
        Just(" ".to_owned()),
        Just("\n".to_owned()),
        Just("\t".to_owned()),
        Just("\u{00a0}".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("\u{2028}".to_owned()),
        Just("\r".to_owned()),
        Just("—".to_owned()),
        Just("...".to_owned()),
        Just("*".to_owned()),
        Just("We will".to_owned()),
        Just("help you".to_owned()),
        Just("launch in 30 days".to_owned()),
        Just("together, both sides".to_owned()),
        Just("Wavelet".to_owned()),
        Just("grow 20% by June".to_owned()),
        Just("offer a free integration".to_owned()),
        "[a-z]{1,8}",
    ];
    prop::collection::vec(piece, 0..24).prop_map(|p| p.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// The memo and the checklist are computed from the same facts: an ingredient is in
    /// the memo exactly when the checklist counts it as written, so one shown as Ready
    /// is always in the memo (issue 14: "The close" was Ready and left out).
    #[test]
    fn the_memo_holds_exactly_the_ingredients_the_checklist_counts_as_written(
        texts in prop::collection::vec(ingredient_text(), 12),
    ) {
        let ws = demo::workspace(at(0));
        let partner = ws.partners.iter().find(|p| !p.pitches.is_empty()).unwrap();
        let mut x = partner.pitches[0].clone();
        x.sent = None;
        x.ingredients.clear();
        for (i, text) in Ingredient::ALL.iter().zip(&texts) {
            x.ingredients.insert(*i, text.clone());
        }
        let checks = pitch::checks(&x, &Context::of(partner));
        let m = memo::memo(&ws, partner, &x, at(0).date_naive());
        for c in &checks {
            let in_memo = m.sections.iter().any(|s| s.ingredient == c.ingredient);
            prop_assert_eq!(
                in_memo,
                c.status != Status::Missing,
                "{:?} is {:?} in the checklist; in the memo: {}",
                c.ingredient, c.status, in_memo
            );
            if c.status == Status::Ready {
                prop_assert!(in_memo);
                let section = m.sections.iter().find(|s| s.ingredient == c.ingredient).unwrap();
                prop_assert_eq!(&section.text, x.text(c.ingredient));
                prop_assert!(memo::to_markdown(&m).contains(memo::heading(c.ingredient)));
                prop_assert!(memo::to_text(&m).contains(memo::heading(c.ingredient)));
            }
        }
        prop_assert_eq!(
            m.sections.len(),
            checks.iter().filter(|c| c.status != Status::Missing).count()
        );
    }
}

/// What a full walk over storage keeps: every readable draft whose record is in `ws`.
fn walk(
    stored: &std::collections::BTreeMap<String, String>,
    ws: &tandem::model::Workspace,
) -> Vec<String> {
    stored
        .iter()
        .filter(|(k, v)| {
            k.starts_with(PREFIX)
                && draft::read(v).is_some()
                && DraftKey::parse(k).is_some_and(|key| key.still_exists(ws))
        })
        .map(|(k, _)| k.clone())
        .collect()
}

/// The index of drafts (what a tab knows is stored, so pruning after an edit never walks
/// storage) removes, edit after edit, exactly what a walk over every key would: the
/// drafts of records deleted here, and of records deleted after another tab wrote them.
#[test]
fn the_index_of_drafts_prunes_what_a_walk_over_storage_would() {
    let mut ws = demo::workspace(at(0));
    let text = |m: u32| draft::write(&fields(&[("notes", "typed")]), at(m)).unwrap();
    let key = |k: DraftKey| k.storage_key().unwrap();
    let mut stored: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
    // Storage at start: partner entries (not drafts), two good drafts, an unreadable
    // one and one of a record already gone.
    for p in &ws.partners {
        stored.insert(format!("tandem.p.{}.k3x9", p.id), "~entry".into());
    }
    let (p0, p1, p2) = (
        ws.partners[0].id.clone(),
        ws.partners[1].id.clone(),
        ws.partners[2].id.clone(),
    );
    stored.insert(key(DraftKey::of_partner(Form::Profile, &p0)), text(1));
    stored.insert(key(DraftKey::adding(Form::Meeting, Some(&p1))), text(2));
    stored.insert(
        key(DraftKey::of_partner(Form::Fit, &p1)),
        "{not json".into(),
    );
    stored.insert(
        key(DraftKey::of_partner(Form::Profile, &id("gone-already"))),
        text(3),
    );

    let (mut index, remove) = Index::scan(
        stored.iter().map(|(k, v)| (k.clone(), Some(v.clone()))),
        Some(&ws),
    );
    for k in &remove {
        assert!(
            k.starts_with(PREFIX),
            "only draft keys are ever removed: {k}"
        );
        stored.remove(k);
    }
    assert_eq!(remove.len(), 2, "{remove:?}");
    assert_eq!(index.keys().collect::<Vec<_>>(), walk(&stored, &ws));

    // Another tab writes a draft for a third partner: heard, not walked.
    let theirs = key(DraftKey::of_record(
        Form::KeyPlayer,
        Some(&p2),
        ws.partners[2].key_players[0].id.as_str(),
    ));
    stored.insert(theirs.clone(), text(4));
    index.heard(&theirs, stored.get(&theirs).map(String::as_str));
    // A key that is not a draft's is not indexed.
    index.heard("tandem.store", Some("{}"));

    // Each deletion prunes exactly what a walk would.
    for gone in [p2.clone(), p0.clone()] {
        ws.delete_partner(&gone, at(10));
        for k in index.prune(&ws) {
            stored.remove(&k);
        }
        assert_eq!(
            index.keys().collect::<Vec<_>>(),
            walk(&stored, &ws),
            "after deleting {gone}"
        );
    }
    assert_eq!(index.keys().count(), 1);
    // A removal heard from another tab leaves the index; an edit that removes nothing
    // prunes nothing.
    let last = index.keys().next().unwrap().to_owned();
    index.heard(&last, None);
    assert_eq!(index.keys().count(), 0);
    assert!(index.prune(&ws).is_empty());
}

/// Making room for a new draft with the index evicts the oldest, as from a walk.
#[test]
fn the_index_makes_room_by_evicting_the_oldest_drafts() {
    let ws = demo::workspace(at(0));
    let p = ws.partners[0].id.clone();
    let mut index = Index::default();
    let names: Vec<String> = (0..MAX_DRAFTS)
        .map(|i| {
            DraftKey::of_record(Form::Metrics, Some(&p), &format!("metric-{i:02}"))
                .storage_key()
                .unwrap()
        })
        .collect();
    for (i, name) in names.iter().enumerate() {
        let text = draft::write(&fields(&[("v", "1")]), at(i as u32 % 60)).unwrap();
        index.heard(name, Some(&text));
    }
    let adding = DraftKey::adding(Form::Goal, Some(&p))
        .storage_key()
        .unwrap();
    let out = index.make_room(&adding, MAX_DRAFTS);
    assert_eq!(out, [names[0].clone()]);
    assert_eq!(index.keys().count(), MAX_DRAFTS - 1);
    // Rewriting a draft already kept evicts nothing more.
    assert!(index.make_room(&names[5], MAX_DRAFTS).is_empty());
}
