//! Forms that fit the work (issue 14, point 4), as the model sees them: owners of next
//! steps and commitments, the meeting's pitch version, the landing plan saved as one
//! grid, and a block pasted into the metrics grid.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use tandem::model::formats::csv_metrics::{apply_grid_paste, is_block, is_labelled, spread_paste};
use tandem::model::formats::file::{self, Scope};
use tandem::model::goals::{self, Commitment};
use tandem::model::landing::{self, LandingStep, LandingTrack};
use tandem::model::meetings::{self, Meeting, NextStep};
use tandem::model::merge::import::{self, Mode};
use tandem::model::pitch::Pitch;
use tandem::model::{
    CommitmentStatus, DecisionRole, Id, KeyPlayer, Market, Month, Owner, Partner, Side, Stage,
    Stance, Workspace,
};

fn id(s: &str) -> Id {
    Id::parse(s).unwrap()
}

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 6, 12, 0, 0).unwrap()
}

/// Loopline, landing in Germany, Japan and Brazil, with one key player (Dana) and a
/// pitch version.
fn workspace() -> Workspace {
    let created = Utc.with_ymd_and_hms(2026, 1, 1, 9, 0, 0).unwrap();
    let mut ws = Workspace::empty();
    ws.markets = vec![
        Market::new(id("m-de"), "Germany", created),
        Market::new(id("m-jp"), "Japan", created),
        Market::new(id("m-br"), "Brazil", created),
    ];
    let mut p = Partner::new(id("p1"), "Loopline", created);
    p.markets = vec![id("m-de"), id("m-jp"), id("m-br")];
    p.stage = Stage::Landing;
    let mut dana = KeyPlayer::new(id("kp-dana"), "Dana Whitfield", created);
    dana.role = DecisionRole::DecisionMaker;
    dana.influence = 5;
    dana.stance = Stance::Champion;
    p.key_players.push(dana);
    p.pitches.push(Pitch::new(
        id("pv-2"),
        "v2, after the Berlin call",
        day(2026, 10, 1),
    ));
    ws.partners.push(p.into());
    ws
}

fn commitment(side: Side, owner: Option<Owner>) -> Commitment {
    Commitment {
        id: id("k1"),
        side,
        what: "Open the catalogue API".into(),
        due: day(2026, 12, 20),
        status: CommitmentStatus::Open,
        delivered: None,
        owner,
    }
}

fn meeting(next: Vec<NextStep>, pitch: Option<Id>) -> Meeting {
    let mut m = Meeting::new(id("mt1"), day(2026, 12, 1));
    m.next_steps = next;
    m.pitch = pitch;
    m
}

fn step(what: &str, owner: Option<Owner>) -> NextStep {
    NextStep {
        what: what.into(),
        due: Some(day(2026, 12, 15)),
        done: false,
        owner,
    }
}

fn round_trip(ws: &Workspace) -> Workspace {
    file::restore(&file::write(ws, Scope::Workspace, now(), true))
        .unwrap()
        .workspace
}

// ----- owners ------------------------------------------------------------------------

#[test]
fn a_commitment_is_owned_by_their_key_player_or_one_of_ours_and_survives_a_file() {
    let mut ws = workspace();
    let theirs = commitment(Side::Partner, Some(Owner::Player(id("kp-dana"))));
    assert_eq!(
        goals::save_commitment(&mut ws, &id("p1"), theirs, now()),
        Ok(true)
    );
    let p = &ws.partners[0];
    let owner = p.commitments[0].owner.as_ref().unwrap();
    assert_eq!(p.owner_label(owner), "Dana Whitfield (Loopline)");

    let ours = Commitment {
        id: id("k2"),
        ..commitment(Side::Us, Some(Owner::Ours("Sam Ortiz".into())))
    };
    goals::save_commitment(&mut ws, &id("p1"), ours, now()).unwrap();
    assert_eq!(
        ws.partners[0].owner_label(&Owner::Ours("Sam Ortiz".into())),
        "Sam Ortiz (us)"
    );
    let back = round_trip(&ws);
    assert_eq!(back.partners[0].commitments, ws.partners[0].commitments);
}

#[test]
fn an_owner_must_be_a_key_player_the_partner_holds_and_on_the_commitments_side() {
    let mut ws = workspace();
    let stranger = commitment(Side::Partner, Some(Owner::Player(id("kp-nobody"))));
    let e = goals::save_commitment(&mut ws, &id("p1"), stranger, now()).unwrap_err();
    assert_eq!(e[0].path, "owner");
    assert!(
        e[0].message.contains("not one of Loopline's key players"),
        "{}",
        e[0]
    );

    let wrong_side = commitment(Side::Us, Some(Owner::Player(id("kp-dana"))));
    let e = goals::save_commitment(&mut ws, &id("p1"), wrong_side, now()).unwrap_err();
    assert_eq!(e[0].path, "owner");
    assert!(e[0].message.contains("choose a person of ours"), "{}", e[0]);

    let ours_for_them = commitment(Side::Partner, Some(Owner::Ours("Sam".into())));
    assert!(goals::save_commitment(&mut ws, &id("p1"), ours_for_them, now()).is_err());
    assert!(
        ws.partners[0].commitments.is_empty(),
        "a refused edit changes nothing"
    );
}

#[test]
fn a_next_step_owned_by_someone_who_is_not_a_key_player_is_refused_where_it_is() {
    let mut ws = workspace();
    let m = meeting(
        vec![
            step("Send the deck", Some(Owner::Ours("Sam".into()))),
            step("Intro to legal", Some(Owner::Player(id("kp-ghost")))),
        ],
        None,
    );
    let e = meetings::save_meeting(&mut ws, &id("p1"), m, now()).unwrap_err();
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].path, "next_steps[1].owner");
}

#[test]
fn removing_a_key_player_hands_what_they_owned_to_their_name() {
    let mut ws = workspace();
    let dana = Some(Owner::Player(id("kp-dana")));
    meetings::save_meeting(
        &mut ws,
        &id("p1"),
        meeting(vec![step("Intro to legal", dana.clone())], None),
        now(),
    )
    .unwrap();
    goals::save_commitment(&mut ws, &id("p1"), commitment(Side::Partner, dana), now()).unwrap();

    assert!(ws.remove_key_player(&id("p1"), &id("kp-dana"), now()));
    let p = &ws.partners[0];
    let named = Some(Owner::Theirs("Dana Whitfield".into()));
    assert_eq!(p.meetings[0].next_steps[0].owner, named);
    assert_eq!(p.commitments[0].owner, named);
    assert!(
        tandem::model::workspace::validate::workspace(&ws).is_empty(),
        "the partner stays valid"
    );
    assert_eq!(
        p.owner_label(named.as_ref().unwrap()),
        "Dana Whitfield (Loopline)"
    );
}

#[test]
fn a_file_from_before_owners_and_pitch_links_reads_with_none() {
    let mut ws = workspace();
    ws.partners[0]
        .commitments
        .push(commitment(Side::Partner, None));
    ws.partners[0]
        .meetings
        .push(meeting(vec![step("Send the deck", None)], None));
    let text = file::write(&ws, Scope::Workspace, now(), true);
    assert!(
        !text.contains("\"owner\": {"),
        "no owner is written when none is set"
    );
    assert!(!text.contains("\"pitch\""));
    let back = file::restore(&text).unwrap().workspace;
    assert_eq!(back.partners[0].commitments[0].owner, None);
    assert_eq!(back.partners[0].meetings[0].pitch, None);
}

#[test]
fn a_file_naming_an_unknown_key_player_as_owner_is_refused_by_name() {
    let mut ws = workspace();
    ws.partners[0].commitments.push(commitment(
        Side::Partner,
        Some(Owner::Player(id("kp-ghost"))),
    ));
    let text = file::write(&ws, Scope::Workspace, now(), true);
    let e = file::restore(&text).unwrap_err().to_string();
    assert!(e.contains("partners[0].commitments[0].owner"), "{e}");
    assert!(e.contains("kp-ghost"), "{e}");
}

// ----- the pitch version presented ----------------------------------------------------

#[test]
fn a_meeting_links_the_pitch_version_presented_and_the_version_lists_the_meeting() {
    let mut ws = workspace();
    let m = meeting(vec![], Some(id("pv-2")));
    assert_eq!(
        meetings::save_meeting(&mut ws, &id("p1"), m, now()),
        Ok(true)
    );
    let p = &ws.partners[0];
    let shown = meetings::pitch_presented(p, &p.meetings[0]).unwrap();
    assert_eq!(shown.label, "v2, after the Berlin call");
    let at: Vec<NaiveDate> = meetings::presented_at(p, &id("pv-2"))
        .iter()
        .map(|m| m.date)
        .collect();
    assert_eq!(at, [day(2026, 12, 1)]);

    let unknown = Meeting {
        id: id("mt2"),
        ..meeting(vec![], Some(id("pv-9")))
    };
    let e = meetings::save_meeting(&mut ws, &id("p1"), unknown, now()).unwrap_err();
    assert_eq!(e[0].path, "pitch");
}

#[test]
fn the_pitch_link_survives_a_merge_whose_markets_are_matched_by_name() {
    let mut theirs = workspace();
    meetings::save_meeting(
        &mut theirs,
        &id("p1"),
        meeting(vec![], Some(id("pv-2"))),
        now(),
    )
    .unwrap();
    // A colleague's own "Germany", under another id: the merge remaps it.
    let mut ours = Workspace::empty();
    ours.markets
        .push(Market::new(id("m-germany"), "germany", now()));
    let file = round_trip(&theirs);
    let merged = import::apply(&ours, &file, Mode::Merge).unwrap();
    let p = merged.partner(&id("p1")).unwrap();
    assert!(p.markets.contains(&id("m-germany")));
    assert_eq!(p.meetings[0].pitch, Some(id("pv-2")));
    assert_eq!(
        meetings::pitch_presented(p, &p.meetings[0]).map(|v| v.id.clone()),
        Some(id("pv-2"))
    );
}

// ----- the landing plan as one grid ---------------------------------------------------

fn row(track: &str, market: &str, enabled: LandingStep) -> LandingTrack {
    LandingTrack {
        enabled,
        ..LandingTrack::new(id(track), Some(id(market)), "")
    }
}

fn planned(y: i32, m: u32, d: u32, owner: &str) -> LandingStep {
    LandingStep {
        planned: Some(day(y, m, d)),
        done: None,
        owner: owner.into(),
    }
}

#[test]
fn three_markets_are_planned_in_one_edit_and_blank_rows_add_nothing() {
    let mut ws = workspace();
    let rows = vec![
        row("t-de", "m-de", planned(2026, 12, 10, " Lena ")),
        row("t-jp", "m-jp", planned(2027, 1, 15, "Kenji")),
        row("t-br", "m-br", LandingStep::default()),
    ];
    assert_eq!(
        landing::save_plan(&mut ws, &id("p1"), rows, now()),
        Ok(true)
    );
    let plan = &ws.partners[0].landing;
    assert_eq!(plan.len(), 2, "the blank Brazil row adds no track");
    assert_eq!(plan[0].enabled.owner, "Lena", "owners are trimmed");
    assert_eq!(plan[1].enabled.planned, Some(day(2027, 1, 15)));
    assert_eq!(ws.partners[0].updated, now());
}

#[test]
fn every_bad_cell_of_the_grid_is_named_by_its_row_and_step_and_nothing_changes() {
    let mut ws = workspace();
    let before = ws.clone();
    let future = LandingStep {
        done: Some(day(2027, 3, 1)),
        ..LandingStep::default()
    };
    let rows = vec![
        row("t-de", "m-de", planned(2026, 12, 10, "Lena")),
        LandingTrack {
            launched: future.clone(),
            adopted: future,
            ..LandingTrack::new(id("t-jp"), Some(id("m-jp")), "")
        },
        // Germany again: a market has one track.
        row("t-de2", "m-de", planned(2026, 12, 1, "")),
    ];
    let e = landing::save_plan(&mut ws, &id("p1"), rows, now()).unwrap_err();
    let paths: Vec<&str> = e.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "rows[1].launched.done",
            "rows[1].adopted.done",
            "rows[2].market"
        ]
    );
    assert_eq!(ws, before);
}

#[test]
fn an_unchanged_grid_is_no_edit() {
    let mut ws = workspace();
    let rows = vec![row("t-de", "m-de", planned(2026, 12, 10, "Lena"))];
    landing::save_plan(&mut ws, &id("p1"), rows.clone(), now()).unwrap();
    assert_eq!(
        landing::save_plan(&mut ws, &id("p1"), rows, now()),
        Ok(false)
    );
}

// ----- a block pasted into the metrics grid -------------------------------------------

fn months() -> Vec<Month> {
    (1..=4)
        .map(|m| Month::parse(&format!("2026-{m:02}")).unwrap())
        .collect()
}

#[test]
fn a_block_spreads_from_the_cell_it_is_pasted_into() {
    let mut ws = workspace();
    let markets = [id("m-de"), id("m-jp"), id("m-br")];
    // Two rows of three values, pasted into Japan, February.
    let text = "12,400\t13 100\t14020\r\n3100\t\t3350\r\n";
    assert!(is_block(text) && !is_labelled(text));
    let p = &ws.partners[0];
    let paste = spread_paste(p, "users", &markets, &months(), (1, 1), text).unwrap();
    let at = |m: &str, month: usize| {
        paste
            .cells
            .iter()
            .find(|c| c.market == id(m) && c.month == months()[month])
            .map(|c| c.value)
    };
    assert_eq!(at("m-jp", 1), Some(12_400.0));
    assert_eq!(at("m-jp", 3), Some(14_020.0));
    assert_eq!(at("m-br", 1), Some(3_100.0));
    assert_eq!(at("m-br", 2), None, "an empty cell leaves the value");
    assert_eq!(paste.cells.len(), 5);
    assert_eq!(paste.outside, 0);
    assert_eq!(
        apply_grid_paste(&mut ws, &id("p1"), &paste, now()),
        Ok(true)
    );
    let s = tandem::model::metrics::series(&ws.partners[0], &id("m-br"), "users").unwrap();
    assert_eq!(s.values.get(&months()[3]), Some(&3_350.0));
}

#[test]
fn cells_beyond_the_grid_and_words_are_reported_where_they_landed() {
    let ws = workspace();
    let markets = [id("m-de"), id("m-jp")];
    let text = "1\tn/a\n2\t3\n4\t5\n";
    let paste = spread_paste(&ws.partners[0], "users", &markets, &months(), (0, 3), text).unwrap();
    // Column 3 is the last month: the second column of the block falls outside, and
    // the third row is past the last market.
    assert_eq!(paste.outside, 4, "{paste:?}");
    assert_eq!(paste.cells.len(), 2);
    assert!(paste.bad.is_empty(), "the word fell outside the grid");

    let paste = spread_paste(&ws.partners[0], "users", &markets, &months(), (0, 0), text).unwrap();
    assert_eq!(paste.bad.len(), 1);
    assert_eq!(paste.bad[0].market, id("m-de"));
    assert_eq!(paste.bad[0].month, months()[1]);
    assert_eq!(paste.bad[0].text, "n/a");
    assert_eq!(paste.outside, 2, "the third row is past the last market");
}

#[test]
fn one_value_is_typed_and_a_labelled_table_goes_to_the_table_reader() {
    assert!(!is_block("12,400"));
    assert!(
        !is_block("12400\n"),
        "a trailing line break is still one value"
    );
    assert!(is_labelled("Market\t2026-01\nGermany\t12"));
    assert!(is_labelled("\t2026-01\t2026-02\nGermany\t1\t2"));
    assert!(!is_labelled("1\t2\n3\t4"));
}

#[test]
fn the_brief_names_who_owns_each_next_step() {
    let mut ws = workspace();
    let m = meeting(
        vec![
            step("Intro to legal", Some(Owner::Player(id("kp-dana")))),
            step("Send the deck", Some(Owner::Ours("Sam Ortiz".into()))),
            step("Book the venue", None),
        ],
        None,
    );
    meetings::save_meeting(&mut ws, &id("p1"), m, now()).unwrap();
    let text = tandem::model::documents::brief::markdown(&ws, &ws.partners[0], day(2026, 12, 6));
    assert!(
        text.contains("Intro to legal (due 15 December 2026) — owner Dana Whitfield (Loopline)"),
        "{text}"
    );
    assert!(text.contains("Send the deck (due 15 December 2026) — owner Sam Ortiz (us)"));
    assert!(!text.contains("Book the venue (due 15 December 2026) — owner"));
}

#[test]
fn the_brief_names_who_owns_each_commitment() {
    let mut ws = workspace();
    let theirs = commitment(Side::Partner, Some(Owner::Player(id("kp-dana"))));
    goals::save_commitment(&mut ws, &id("p1"), theirs, now()).unwrap();
    let text = tandem::model::documents::brief::markdown(&ws, &ws.partners[0], day(2026, 12, 6));
    assert!(
        text.contains(
            "Open the catalogue API — open, due 20 December 2026 — owner Dana Whitfield (Loopline)"
        ),
        "{text}"
    );
}
