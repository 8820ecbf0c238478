//! Property tests of undo and redo: any sequence of edits undoes back to the start and
//! redoes forward to the end, exactly.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::merge::rule::{self, Ties};
use tandem::model::workspace::history::{History, Step};
use tandem::model::{demo, Id, KeyPlayer, Partner, Shared, Stage, Workspace};

#[derive(Clone, Debug)]
enum Edit {
    Move(usize, usize),
    Delete(usize),
    Add(usize, String),
    Rename(usize, String),
    AddPlayer(usize),
    Program(String),
    Reverse,
    DropMarket,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..8usize).prop_map(|(p, s)| Edit::Move(p, s)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), "[a-zA-Z ]{1,12}").prop_map(|(p, n)| Edit::Add(p, n)),
        (any::<usize>(), "\\PC{1,20}").prop_map(|(p, n)| Edit::Rename(p, n)),
        any::<usize>().prop_map(Edit::AddPlayer),
        "\\PC{1,20}".prop_map(Edit::Program),
        Just(Edit::Reverse),
        Just(Edit::DropMarket),
    ]
}

fn apply(ws: &mut Workspace, edit: &Edit, n: usize) {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    let pick = |i: usize, len: usize| (len > 0).then(|| i % len);
    match edit {
        Edit::Move(p, s) => {
            if let Some(i) = pick(*p, ws.partners.len()) {
                let id = ws.partners[i].id.clone();
                ws.move_stage(&id, Stage::ALL[*s], now);
            }
        }
        Edit::Delete(p) => {
            if let Some(i) = pick(*p, ws.partners.len()) {
                let id = ws.partners[i].id.clone();
                ws.delete_partner(&id, now);
            }
        }
        Edit::Add(p, name) => {
            let partner = Partner::new(Id::from_random(n as u128 + 1), name.clone(), now);
            let at = pick(*p, ws.partners.len() + 1).unwrap_or(0);
            ws.partners.insert(at, partner.into());
        }
        Edit::Rename(p, name) => {
            if let Some(i) = pick(*p, ws.partners.len()) {
                ws.partners[i].name = name.clone();
            }
        }
        Edit::AddPlayer(p) => {
            if let Some(i) = pick(*p, ws.partners.len()) {
                let id = ws.partners[i].id.clone();
                let player = KeyPlayer::new(Id::from_random(1_000_000 + n as u128), "Kim", now);
                let _ = ws.save_key_player(&id, player, now);
            }
        }
        Edit::Program(name) => ws.program_name = name.clone(),
        Edit::Reverse => ws.partners.reverse(),
        Edit::DropMarket => {
            ws.markets.pop();
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_edit_sequence_undoes_to_the_start_and_redoes_to_the_end(
        edits in prop::collection::vec(edit(), 1..25)
    ) {
        let start = demo::workspace(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap());
        let mut ws = start.clone();
        let mut history = History::default();
        for (n, e) in edits.iter().enumerate() {
            let before = ws.clone();
            apply(&mut ws, e, n);
            if let Some(step) = Step::between(&before, &ws, format!("{e:?}")) {
                history.record(step);
            }
        }
        let end = ws.clone();
        while history.undo(&mut ws).is_some() {}
        prop_assert_eq!(&ws, &start);
        while history.redo(&mut ws).is_some() {}
        prop_assert_eq!(&ws, &end);
    }
}

/// The same workspace with every partner a fresh copy: nothing shared with `ws`.
fn deep(ws: &Workspace) -> Workspace {
    let mut copy = ws.clone();
    copy.partners = ws
        .partners
        .iter()
        .map(|p| Shared::new(Partner::clone(p)))
        .collect();
    copy
}

/// An edit, or taking in an earlier version as another tab's or a colleague's copy
/// (a three-way merge over the start), which is how merges reach a workspace.
#[derive(Clone, Debug)]
enum Step2 {
    Edit(Edit),
    Merge(usize),
}

fn step_or_merge() -> impl Strategy<Value = Step2> {
    prop_oneof![
        4 => edit().prop_map(Step2::Edit),
        1 => any::<usize>().prop_map(Step2::Merge),
    ]
}

/// Merges `theirs` into `ws` over `base`, as tab sync and an import do.
fn merge_in(ws: &mut Workspace, base: &Workspace, theirs: &Workspace) {
    *ws = rule::merge(base, ws, theirs, Ties::ByContent).workspace;
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Partners are shared between versions (copy-on-write): the same edits, merges,
    /// undos and redos applied to shared versions and to deep copies give the same
    /// workspaces, and no edit or merge reaches into a version taken before it.
    #[test]
    fn shared_versions_behave_as_deep_copies(
        steps in prop::collection::vec(step_or_merge(), 1..25)
    ) {
        let start = demo::workspace(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap());
        let (mut shared, mut copied) = (start.clone(), deep(&start));
        let (mut h_shared, mut h_copied) = (History::default(), History::default());
        let mut versions: Vec<(Workspace, Workspace)> = Vec::new();
        for (n, e) in steps.iter().enumerate() {
            let before = shared.clone();
            let before_copy = deep(&copied);
            match e {
                Step2::Edit(e) => {
                    apply(&mut shared, e, n);
                    apply(&mut copied, e, n);
                }
                Step2::Merge(i) => {
                    // An earlier version (or the start) comes back as theirs: the shared
                    // run merges the very version it kept, the copied run a deep copy.
                    let (theirs, theirs_copy) = match versions.len() {
                        0 => (start.clone(), deep(&start)),
                        len => versions[i % len].clone(),
                    };
                    merge_in(&mut shared, &start, &theirs);
                    merge_in(&mut copied, &deep(&start), &deep(&theirs_copy));
                }
            }
            versions.push((before.clone(), deep(&before)));
            prop_assert_eq!(&shared, &copied);
            if let Some(step) = Step::between(&before, &shared, "edit") {
                h_shared.record(step);
            }
            if let Some(step) = Step::between(&before_copy, &copied, "edit") {
                h_copied.record(step);
            }
        }
        for (version, frozen) in &versions {
            prop_assert_eq!(version, frozen, "an edit changed an earlier version");
        }
        while h_shared.undo(&mut shared).is_some() {
            prop_assert!(h_copied.undo(&mut copied).is_some());
            prop_assert_eq!(&shared, &copied);
        }
        prop_assert_eq!(&shared, &start);
        while h_shared.redo(&mut shared).is_some() {
            prop_assert!(h_copied.redo(&mut copied).is_some());
        }
        prop_assert_eq!(&shared, &copied);
    }
}

#[test]
fn an_edit_copies_only_the_partner_it_writes_to() {
    let now = Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap();
    let before = demo::workspace(now);
    let mut after = before.clone();
    let id = after.partners[3].id.clone();
    assert!(after.move_stage(&id, Stage::Live, now));
    let copied: Vec<usize> = (0..after.partners.len())
        .filter(|&i| !Shared::same(&before.partners[i], &after.partners[i]))
        .collect();
    assert_eq!(copied, vec![3]);
    assert_ne!(
        before.partners[3].stage,
        Stage::Live,
        "the earlier version is untouched"
    );
}
