//! Property tests of undo and redo: any sequence of edits undoes back to the start and
//! redoes forward to the end, exactly.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::workspace::history::{History, Step};
use tandem::model::{demo, Id, KeyPlayer, Partner, Stage, Workspace};

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
