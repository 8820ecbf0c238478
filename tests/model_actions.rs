//! Named actions (`model::actions`): each applies through its feature's edit and says
//! in its label what the undo history shows; a refused action changes nothing and says
//! why as a typed error; and any sequence of actions, recorded as the store records
//! them, undoes back to the start and redoes to the end.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use proptest::prelude::*;
use tandem::model::actions::metrics::Cell;
use tandem::model::actions::{
    Action, ActionError, Applied, GoalAction, Gone, LandingAction, MeetingAction, MetricAction,
    PartnerAction, PitchAction, ProgramAction,
};
use tandem::model::workspace::history::{History, Step};
use tandem::model::{
    demo, CommitmentStatus, Id, Ingredient, KeyPlayer, Market, Month, Partner, Stage, WinKind,
    Workspace,
};

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
}

fn start() -> Workspace {
    demo::workspace(Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap())
}

/// The first demo partner that `has` something to edit.
fn partner_with(ws: &Workspace, has: impl Fn(&Partner) -> bool) -> Partner {
    ws.partners
        .iter()
        .find(|p| has(p))
        .map(|p| Partner::clone(p))
        .expect("the demo has such a partner")
}

/// Applies `action` to `ws`, checking its label first; returns what it did.
fn apply(ws: &mut Workspace, action: impl Into<Action>, label: &str) -> Applied {
    let action = action.into();
    assert_eq!(action.label(), label);
    action
        .apply(ws, now())
        .unwrap_or_else(|e| panic!("{label}: refused: {e}"))
}

#[test]
fn partner_actions_apply_and_label_as_the_undo_history_shows_them() {
    let mut ws = start();
    let p = partner_with(&ws, |p| {
        p.stage != Stage::Signed && !p.key_players.is_empty()
    });
    let move_it = PartnerAction::MoveStage {
        partner: p.id.clone(),
        name: p.name.clone(),
        to: Stage::Signed,
    };
    let label = format!("move {} to Signed", p.name);
    assert_eq!(apply(&mut ws, move_it.clone(), &label), Applied::Changed);
    assert_eq!(ws.partner(&p.id).unwrap().stage, Stage::Signed);
    assert_eq!(apply(&mut ws, move_it, &label), Applied::Unchanged);

    let player = KeyPlayer::new(Id::from_random(7), "Kim Novak", now());
    let save = PartnerAction::SaveKeyPlayer {
        partner: p.id.clone(),
        player: player.clone(),
    };
    assert!(apply(&mut ws, save, "save key player Kim Novak").changed());
    let remove = PartnerAction::RemoveKeyPlayer {
        partner: p.id.clone(),
        player: player.id.clone(),
        name: player.name.clone(),
    };
    apply(&mut ws, remove, "remove Kim Novak");
    assert!(ws
        .partner(&p.id)
        .unwrap()
        .key_players
        .iter()
        .all(|k| k.id != player.id));

    let before = ws.clone();
    let delete = PartnerAction::Delete {
        partner: p.id.clone(),
        name: p.name.clone(),
    };
    let Applied::Deleted(removed) = apply(&mut ws, delete, &format!("delete {}", p.name)) else {
        panic!("a delete says what it removed");
    };
    assert!(ws.partner(&p.id).is_none());
    let restore = PartnerAction::Restore(removed);
    apply(&mut ws, restore, &format!("restore {}", p.name));
    assert_eq!(ws, before, "restoring puts the partner back where it stood");

    let new = Partner::new(Id::from_random(8), "Nova", now());
    apply(&mut ws, PartnerAction::Add(new.clone()), "add Nova");
    let mut edited = new;
    edited.notes = "met at the fair".into();
    apply(&mut ws, PartnerAction::Save(edited), "edit Nova");
    assert_eq!(
        ws.partner(&Id::from_random(8)).unwrap().notes,
        "met at the fair"
    );
}

#[test]
fn program_and_feature_actions_apply_and_label_as_before() {
    let mut ws = start();
    apply(
        &mut ws,
        ProgramAction::Rename("Northwind".into()),
        "rename the program",
    );
    assert_eq!(ws.program_name, "Northwind");
    let chile = Market::new(Id::from_random(20), "Chile", now());
    apply(&mut ws, ProgramAction::AddMarket(chile), "add a market");
    let p = partner_with(&ws, |p| !p.goals.is_empty() && !p.commitments.is_empty());
    let peru = Market::new(Id::from_random(21), "Peru", now());
    let add = ProgramAction::AddPartnerMarket {
        partner: p.id.clone(),
        market: peru,
    };
    apply(&mut ws, add, "add market Peru");
    assert!(ws
        .partner(&p.id)
        .unwrap()
        .markets
        .contains(&Id::from_random(21)));

    let goal = p.goals[0].id.clone();
    let remove = GoalAction::RemoveGoal {
        partner: p.id.clone(),
        goal: goal.clone(),
    };
    apply(&mut ws, remove, "remove a shared goal");
    assert!(ws
        .partner(&p.id)
        .unwrap()
        .goals
        .iter()
        .all(|g| g.id != goal));

    let status = GoalAction::SetCommitmentStatus {
        partner: p.id.clone(),
        commitment: p.commitments[0].id.clone(),
        status: CommitmentStatus::Dropped,
        delivered: None,
    };
    apply(&mut ws, status, "mark a commitment dropped");

    let win = tandem::model::goals::Win {
        id: Id::from_random(30),
        date: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(),
        kind: WinKind::Milestone,
        title: "First joint launch".into(),
        note: String::new(),
    };
    let add_win = GoalAction::AddWin { partner: None, win };
    apply(&mut ws, add_win, "add a program win");

    let m = partner_with(&ws, |p| !p.meetings.is_empty());
    let meeting = &m.meetings[0];
    let remove = MeetingAction::Remove {
        partner: m.id.clone(),
        meeting: meeting.id.clone(),
        date: meeting.date,
    };
    let label = format!(
        "remove the meeting of {}",
        tandem::model::core::format::day(meeting.date)
    );
    assert!(label.ends_with(&meeting.date.format("%Y").to_string()));
    apply(&mut ws, remove, &label);
    assert!(ws
        .partner(&m.id)
        .unwrap()
        .meetings
        .iter()
        .all(|x| x.id != meeting.id));

    let t = partner_with(&ws, |p| !p.landing.is_empty());
    let remove = LandingAction::RemoveTrack {
        partner: t.id.clone(),
        track: t.landing[0].id.clone(),
    };
    apply(&mut ws, remove, "remove a landing track");

    let s = partner_with(&ws, |p| {
        !p.pitches.is_empty() && p.pitches[0].sent.is_none()
    });
    let text = PitchAction::SetText {
        partner: s.id.clone(),
        pitch: s.pitches[0].id.clone(),
        ingredient: Ingredient::ALL[0],
        text: "Both teams win when the launch lands.".into(),
    };
    let label = format!("edit “{}” in the pitch", Ingredient::ALL[0].label());
    apply(&mut ws, text, &label);

    let k = partner_with(&ws, |p| !p.markets.is_empty());
    let set = MetricAction::SetValue {
        partner: k.id.clone(),
        cell: Cell::new(
            k.markets[0].clone(),
            Month::new(2026, 10).unwrap(),
            "Revenue",
            Some(1200.0),
        ),
        market_name: "Mexico".into(),
    };
    apply(&mut ws, set, "set Revenue for Mexico, Oct 2026");
}

#[test]
fn a_refused_action_changes_nothing_and_says_why() {
    let ws = start();
    let p = partner_with(&ws, |p| !p.goals.is_empty() && !p.markets.is_empty());
    let gone = Id::from_random(999);
    let refused = |action: Action| {
        let mut after = ws.clone();
        let e = action
            .apply(&mut after, now())
            .expect_err("the action is refused");
        assert_eq!(after, ws, "a refused action changed the workspace: {e}");
        e
    };

    let mut blank = p.goals[0].clone();
    blank.statement = String::new();
    let e = refused(
        GoalAction::SaveGoal {
            partner: p.id.clone(),
            goal: blank,
        }
        .into(),
    );
    assert!(
        matches!(&e, ActionError::Invalid(v) if !v.is_empty()),
        "{e:?}"
    );
    assert_eq!(e.clone().problems().len(), 1);

    let e = refused(
        GoalAction::RemoveGoal {
            partner: p.id.clone(),
            goal: gone.clone(),
        }
        .into(),
    );
    assert_eq!(e, ActionError::Gone(Gone::Goal));
    assert_eq!(
        e.to_string(),
        "This goal no longer exists; it may have been removed in another tab."
    );
    let general = e.problems();
    assert_eq!(general[0].path, "", "a form shows it as its general error");

    let e = refused(
        PartnerAction::MoveStage {
            partner: gone.clone(),
            name: "Nobody".into(),
            to: Stage::Live,
        }
        .into(),
    );
    assert_eq!(e, ActionError::Gone(Gone::Partner));
    assert_eq!(
        e.to_string(),
        tandem::model::core::check::PARTNER_GONE,
        "the one wording of a partner gone"
    );
    let e = refused(
        PartnerAction::Delete {
            partner: gone.clone(),
            name: "Nobody".into(),
        }
        .into(),
    );
    assert_eq!(e, ActionError::Gone(Gone::Partner));

    let e = refused(ProgramAction::Rename("   ".into()).into());
    assert!(matches!(e, ActionError::Field(_)), "{e:?}");
    assert!(!e.message().is_empty());

    let e = refused(ProgramAction::RemoveMarket(p.markets[0].clone()).into());
    assert!(matches!(e, ActionError::MarketInUse(_)), "{e:?}");
    assert!(e.to_string().contains(&p.name), "names who uses it: {e}");

    let e = refused(
        PitchAction::SetText {
            partner: p.id.clone(),
            pitch: gone.clone(),
            ingredient: Ingredient::ALL[0],
            text: "x".into(),
        }
        .into(),
    );
    assert!(matches!(e, ActionError::Pitch(_)), "{e:?}");

    let e = refused(
        MetricAction::SetValue {
            partner: gone,
            cell: Cell::new(
                p.markets[0].clone(),
                Month::new(2026, 10).unwrap(),
                "Revenue",
                None,
            ),
            market_name: "Mexico".into(),
        }
        .into(),
    );
    assert!(matches!(e, ActionError::Metric(_)), "{e:?}");
}

#[test]
fn a_restored_draft_saves_what_it_can_and_names_what_it_saved() {
    let mut ws = start();
    let p = partner_with(&ws, |p| !p.markets.is_empty());
    let good = Cell::new(
        p.markets[0].clone(),
        Month::new(2026, 9).unwrap(),
        "Revenue",
        Some(5.0),
    );
    let bad = Cell::new(
        Id::from_random(999),
        Month::new(2026, 9).unwrap(),
        "Revenue",
        Some(5.0),
    );
    let restore = MetricAction::RestoreValues {
        partner: p.id.clone(),
        cells: vec![bad.clone(), good],
    };
    assert_eq!(
        apply(&mut ws, restore, "restore metric values"),
        Applied::Saved(vec![1])
    );
    let nothing = MetricAction::RestoreValues {
        partner: p.id.clone(),
        cells: vec![bad],
    };
    let applied = apply(&mut ws, nothing, "restore metric values");
    assert!(!applied.changed(), "nothing saved is no change");
}

/// A recipe for an action, picked by position so that it fits whatever workspace the
/// earlier actions left; some are refused (an empty name, a record already gone).
#[derive(Clone, Debug)]
enum Recipe {
    Move(usize, usize),
    Delete(usize),
    Add(String),
    Player(usize, String, u8),
    DropPlayer(usize, usize),
    Program(String),
    Market(String),
    DropMarket(usize),
    DropGoal(usize, usize),
    Win(usize, String),
    Value(usize, usize, Option<u16>),
    Tick(usize, usize, usize, bool),
    Text(usize, usize, String),
}

fn recipe() -> impl Strategy<Value = Recipe> {
    let n = any::<usize>;
    prop_oneof![
        (n(), 0..8usize).prop_map(|(p, s)| Recipe::Move(p, s)),
        n().prop_map(Recipe::Delete),
        "[a-zA-Z ]{0,12}".prop_map(Recipe::Add),
        (n(), "[a-zA-Z ]{0,12}", 0..8u8).prop_map(|(p, s, i)| Recipe::Player(p, s, i)),
        (n(), n()).prop_map(|(p, k)| Recipe::DropPlayer(p, k)),
        "\\PC{0,20}".prop_map(Recipe::Program),
        "[a-zA-Z]{0,10}".prop_map(Recipe::Market),
        n().prop_map(Recipe::DropMarket),
        (n(), n()).prop_map(|(p, g)| Recipe::DropGoal(p, g)),
        (n(), "[a-zA-Z ]{0,12}").prop_map(|(p, t)| Recipe::Win(p, t)),
        (n(), n(), proptest::option::of(any::<u16>())).prop_map(|(p, m, v)| Recipe::Value(p, m, v)),
        (n(), n(), 0..3usize, any::<bool>()).prop_map(|(p, m, s, d)| Recipe::Tick(p, m, s, d)),
        (n(), 0..8usize, "\\PC{0,30}").prop_map(|(p, i, t)| Recipe::Text(p, i, t)),
    ]
}

/// The action a recipe stands for in `ws`; `n` makes new ids unique.
fn action(ws: &Workspace, recipe: &Recipe, n: usize) -> Option<Action> {
    let partner = |i: usize| (!ws.partners.is_empty()).then(|| &ws.partners[i % ws.partners.len()]);
    let id = |k: u128| Id::from_random(1_000_000 + k * 1_000 + n as u128);
    let a: Action = match recipe {
        Recipe::Move(p, s) => {
            let p = partner(*p)?;
            PartnerAction::MoveStage {
                partner: p.id.clone(),
                name: p.name.clone(),
                to: Stage::ALL[*s % Stage::ALL.len()],
            }
            .into()
        }
        Recipe::Delete(p) => {
            let p = partner(*p)?;
            PartnerAction::Delete {
                partner: p.id.clone(),
                name: p.name.clone(),
            }
            .into()
        }
        Recipe::Add(name) => PartnerAction::Add(Partner::new(id(1), name.trim(), now())).into(),
        Recipe::Player(p, name, influence) => {
            let mut player = KeyPlayer::new(id(2), name.trim(), now());
            player.influence = *influence;
            PartnerAction::SaveKeyPlayer {
                partner: partner(*p)?.id.clone(),
                player,
            }
            .into()
        }
        Recipe::DropPlayer(p, k) => {
            let p = partner(*p)?;
            let k = p.key_players.get(k % p.key_players.len().max(1))?;
            PartnerAction::RemoveKeyPlayer {
                partner: p.id.clone(),
                player: k.id.clone(),
                name: k.name.clone(),
            }
            .into()
        }
        Recipe::Program(name) => ProgramAction::Rename(name.clone()).into(),
        Recipe::Market(name) => ProgramAction::AddMarket(Market::new(id(3), name, now())).into(),
        Recipe::DropMarket(m) => {
            let m = ws.markets.get(m % ws.markets.len().max(1))?;
            ProgramAction::RemoveMarket(m.id.clone()).into()
        }
        Recipe::DropGoal(p, g) => {
            let p = partner(*p)?;
            // Past the end: a goal that is gone.
            let goal = p
                .goals
                .get(g % (p.goals.len() + 1))
                .map_or(id(4), |g| g.id.clone());
            GoalAction::RemoveGoal {
                partner: p.id.clone(),
                goal,
            }
            .into()
        }
        Recipe::Win(p, title) => GoalAction::AddWin {
            partner: (p % 3 != 0)
                .then(|| partner(*p).map(|p| p.id.clone()))
                .flatten(),
            win: tandem::model::goals::Win {
                id: id(5),
                date: NaiveDate::from_ymd_opt(2026, 11, 2).unwrap(),
                kind: WinKind::SmallWin,
                title: title.trim().to_owned(),
                note: String::new(),
            },
        }
        .into(),
        Recipe::Value(p, m, v) => {
            let p = partner(*p)?;
            let market = p.markets.get(m % p.markets.len().max(1))?;
            MetricAction::SetValue {
                partner: p.id.clone(),
                cell: Cell::new(
                    market.clone(),
                    Month::new(2026, 1 + (*m % 12) as u32).unwrap(),
                    "Revenue",
                    v.map(f64::from),
                ),
                market_name: ws.market_name(market).to_owned(),
            }
            .into()
        }
        Recipe::Tick(p, m, s, done) => {
            let p = partner(*p)?;
            let meeting = p.meetings.get(m % p.meetings.len().max(1))?;
            MeetingAction::TickStep {
                partner: p.id.clone(),
                meeting: meeting.id.clone(),
                step: *s,
                done: *done,
            }
            .into()
        }
        Recipe::Text(p, i, text) => {
            let p = partner(*p)?;
            let pitch = p.pitches.first()?;
            PitchAction::SetText {
                partner: p.id.clone(),
                pitch: pitch.id.clone(),
                ingredient: Ingredient::ALL[i % Ingredient::ALL.len()],
                text: text.clone(),
            }
            .into()
        }
    };
    Some(a)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// What `Store::dispatch` does, without the browser: apply, and record a step under
    /// the action's label when it changed something. A refused action leaves the
    /// workspace as it was; undoing every step gives the start back, redoing the end.
    #[test]
    fn applying_then_undoing_actions_gives_back_the_start(
        recipes in prop::collection::vec(recipe(), 1..30)
    ) {
        let start = start();
        let mut ws = start.clone();
        let mut history = History::default();
        let mut labels = Vec::new();
        for (n, r) in recipes.iter().enumerate() {
            let Some(a) = action(&ws, r, n) else { continue };
            let label = a.label();
            let before = ws.clone();
            match a.apply(&mut ws, now()) {
                Ok(applied) => {
                    if applied.changed() {
                        if let Some(step) = Step::between(&before, &ws, label.clone()) {
                            history.record(step);
                            labels.push(label);
                        }
                    } else {
                        prop_assert_eq!(&ws, &before, "{} said unchanged but changed", label);
                    }
                }
                Err(e) => prop_assert_eq!(&ws, &before, "{} refused ({}) but changed", label, e),
            }
        }
        let end = ws.clone();
        while let Some(label) = history.undo(&mut ws) {
            prop_assert_eq!(Some(label), labels.pop(), "undo names the action it undoes");
        }
        prop_assert_eq!(&ws, &start);
        while history.redo(&mut ws).is_some() {}
        prop_assert_eq!(&ws, &end);
    }
}
