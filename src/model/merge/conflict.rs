//! Conflicts on import: a partner edited on both sides since the two last shared it.
//!
//! Tandem remembers, per record, the `updated` time of the version that last crossed a
//! file boundary here (exported, or imported): the *shared* time. A partner in both the
//! workspace and the file, different on each side, whose `updated` is later than its
//! shared time on both sides, was edited by both people since they last shared: the
//! newer-edit-wins rule would silently drop one person's work, so the person chooses per
//! partner: keep ours, keep the file's, or keep both as two partners. A partner never
//! shared before has no shared time, and the newer edit wins as usual.

use crate::model::core::format::{day, day_short, moment};
use crate::model::core::id::Id;
use crate::model::core::stamp::Stamp;
use crate::model::core::vocabulary::label_or_not_set;
use crate::model::workspace::records::{Partner, Workspace};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

/// When each record's last shared version was edited.
pub type Shared = BTreeMap<Id, DateTime<Utc>>;

/// A partner edited on both sides, with the fields that differ.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub ours: Partner,
    pub theirs: Partner,
    /// (field label, our value, their value) for each field that differs.
    pub fields: Vec<(&'static str, String, String)>,
}

/// How the person settled a conflict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Choice {
    KeepOurs,
    KeepTheirs,
    /// Both stay: the file's version joins as a separate partner with fresh ids.
    KeepBoth,
}

/// The conflicts between the workspace and a file (whose markets already match ours).
pub fn find(current: &Workspace, incoming: &Workspace, shared: &Shared) -> Vec<Conflict> {
    let by_id: HashMap<&Id, &Partner> = current.partners.iter().map(|p| (&p.id, &**p)).collect();
    incoming
        .partners
        .iter()
        .filter_map(|theirs| {
            let ours = *by_id.get(&theirs.id)?;
            let since = shared.get(&theirs.id)?;
            (*ours != **theirs && ours.updated > *since && theirs.updated > *since).then(|| {
                Conflict {
                    fields: differences(ours, theirs, current, incoming),
                    ours: ours.clone(),
                    theirs: (**theirs).clone(),
                }
            })
        })
        .collect()
}

/// Applies the person's choices to a merged workspace. Conflicts without a choice keep
/// what the merge chose (the newer edit). `new_id` makes the ids of a kept-both copy;
/// `stamp` is the edit stamp of the choice: a new one from the tab's clock after it has
/// observed the file (`workspace::stamps::observe`), so the partners kept as ours and the
/// copies outrank the file's versions the next time the same file is merged.
pub fn settle(
    merged: &mut Workspace,
    conflicts: &[Conflict],
    choices: &HashMap<Id, Choice>,
    now: DateTime<Utc>,
    stamp: Stamp,
    mut new_id: impl FnMut() -> Id,
) {
    let slots: HashMap<Id, usize> = merged
        .partners
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.clone(), i))
        .collect();
    for c in conflicts {
        let Some(choice) = choices.get(&c.ours.id) else {
            continue;
        };
        let Some(&slot) = slots.get(&c.ours.id) else {
            continue;
        };
        match choice {
            Choice::KeepTheirs => merged.partners[slot] = c.theirs.clone().into(),
            // Keeping ours is a decision made now: it must outrank the file's version
            // the next time the same file is merged.
            Choice::KeepOurs => {
                merged.partners[slot] = Partner {
                    updated: now.max(c.theirs.updated),
                    stamp: Some(stamp),
                    ..c.ours.clone()
                }
                .into();
            }
            Choice::KeepBoth => {
                merged.partners[slot] = c.ours.clone().into();
                let mut copy = c.theirs.clone();
                copy.id = new_id();
                copy.name = both_name(&copy.name);
                // Fresh key-player ids, and the copy's meetings follow them so its
                // receptions still name its own key players.
                let mut renamed = HashMap::new();
                for kp in &mut copy.key_players {
                    let fresh = new_id();
                    renamed.insert(kp.id.clone(), fresh.clone());
                    kp.id = fresh;
                }
                for r in copy.meetings.iter_mut().flat_map(|m| &mut m.attendees) {
                    if let Some(fresh) = renamed.get(&r.player) {
                        r.player = fresh.clone();
                    }
                }
                copy.updated = now.max(copy.updated);
                copy.stamp = Some(stamp);
                merged.partners.insert(slot + 1, copy.into());
            }
        }
    }
}

/// The name of the file's copy when both are kept, within the name limit.
fn both_name(name: &str) -> String {
    const SUFFIX: &str = " (from file)";
    let room = crate::model::core::check::MAX_NAME - SUFFIX.chars().count();
    let base: String = name.chars().take(room).collect();
    format!("{base}{SUFFIX}")
}

/// The profile fields and key players that differ, in the order the page shows them.
fn differences(
    a: &Partner,
    b: &Partner,
    ws_a: &Workspace,
    ws_b: &Workspace,
) -> Vec<(&'static str, String, String)> {
    // A market of the file matched to ours by name carries our id and is no longer in
    // the file's catalogue; a market new in the file is only in the file's.
    let market_name = |m: &Id, first: &Workspace, then: &Workspace| -> String {
        first
            .market(m)
            .or_else(|| then.market(m))
            .map_or_else(|| first.market_name(m).to_owned(), |x| x.name.clone())
    };
    let markets = |p: &Partner, ws: &Workspace| {
        p.markets
            .iter()
            .map(|m| market_name(m, ws, ws_a))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let players = |p: &Partner| {
        p.key_players
            .iter()
            .map(|k| {
                format!(
                    "{} ({}, {}, influence {})",
                    k.name,
                    k.role.label(),
                    k.stance.label(),
                    k.influence
                )
            })
            .collect::<Vec<_>>()
            .join("; ")
    };
    let rows: [(&'static str, String, String); 23] = [
        ("Name", a.name.clone(), b.name.clone()),
        ("Website", a.website.clone(), b.website.clone()),
        (
            "Category",
            label_or_not_set(a.category).into(),
            label_or_not_set(b.category).into(),
        ),
        (
            "Market position",
            label_or_not_set(a.position).into(),
            label_or_not_set(b.position).into(),
        ),
        ("Markets", markets(a, ws_a), markets(b, ws_b)),
        ("Stage", a.stage.label().into(), b.stage.label().into()),
        (
            "Ladder level",
            a.ladder.label().into(),
            b.ladder.label().into(),
        ),
        ("Owner", a.owner.clone(), b.owner.clone()),
        ("Tags", a.tags.join(", "), b.tags.join(", ")),
        ("Notes", a.notes.clone(), b.notes.clone()),
        ("Key players", players(a), players(b)),
        (
            "In stage since",
            day(a.in_stage_since()),
            day(b.in_stage_since()),
        ),
        section("Pitches", &a.pitches, &b.pitches, |x| {
            let sent = x
                .sent
                .map_or(String::new(), |d| format!(", sent {}", day_short(d)));
            format!(
                "{}{sent} ({} of 12 ingredients written)",
                x.label,
                x.ingredients
                    .values()
                    .filter(|t| !t.trim().is_empty())
                    .count()
            )
        }),
        section(
            "Deal fit",
            std::slice::from_ref(&a.fit),
            std::slice::from_ref(&b.fit),
            |f| {
                let opt = |v: Option<u8>| v.map_or("–".to_owned(), |v| v.to_string());
                format!(
                    "UX {}, strategic {}, leverage ours {} / theirs {}, economics {}",
                    f.ux.map_or("not judged", |v| v.label()),
                    opt(f.strategic),
                    opt(f.our_leverage),
                    opt(f.their_leverage),
                    f.economics.map_or("not judged", |v| v.label())
                )
            },
        ),
        section("Ladder moves", &a.ladder_moves, &b.ladder_moves, |m| {
            format!(
                "{}: {} → {}",
                day_short(m.date),
                m.from.label(),
                m.to.label()
            )
        }),
        section("Meetings", &a.meetings, &b.meetings, |m| {
            format!(
                "{}: {} ({} attending)",
                day_short(m.date),
                m.presented,
                m.attendees.len()
            )
        }),
        section("Shared goals", &a.goals, &b.goals, |g| {
            format!("{} ({})", g.statement, g.status.label())
        }),
        section("Commitments", &a.commitments, &b.commitments, |k| {
            format!(
                "{}: {} (due {}, {})",
                k.side.label(),
                k.what,
                day_short(k.due),
                k.status.label()
            )
        }),
        section("Landing plan", &a.landing, &b.landing, |t| {
            let done = t.steps().iter().filter(|(_, s)| s.done.is_some()).count();
            let name = t
                .market
                .as_ref()
                .map_or(t.team.clone(), |m| market_name(m, ws_a, ws_b));
            format!("{name}: {done} of 3 steps done")
        }),
        section("Metrics", &a.metrics, &b.metrics, |s| {
            format!(
                "{} in {}: {} months",
                s.metric,
                market_name(&s.market, ws_a, ws_b),
                s.values.len()
            )
        }),
        section("Wins", &a.wins, &b.wins, |w| {
            format!("{}: {}", day_short(w.date), w.title)
        }),
        section("Decisions", &a.decisions, &b.decisions, |d| {
            format!("{}: {} by {}", day_short(d.date), d.kind.label(), d.who)
        }),
        ("Last edited", moment(a.updated), moment(b.updated)),
    ];
    rows.into_iter().filter(|(_, x, y)| x != y).collect()
}

/// One line per record of a list, for the side-by-side view. When the two lists differ
/// only in what the lines leave out (a note, a reception), the lines say so, so that
/// every real difference shows as a row.
fn section<T: PartialEq>(
    label: &'static str,
    a: &[T],
    b: &[T],
    line: impl Fn(&T) -> String,
) -> (&'static str, String, String) {
    let text = |list: &[T]| list.iter().map(&line).collect::<Vec<_>>().join("; ");
    let (mut x, mut y) = (text(a), text(b));
    if a != b && x == y {
        x.push_str(" (details differ)");
        y.push_str(" (details differ)");
    }
    (label, x, y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{core::vocabulary::Stage, demo};
    use chrono::{Duration, TimeZone};

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
    }

    /// The demo shared at t0; then each side edits partner 0 (and the file partner 1).
    fn scene() -> (Workspace, Workspace, Shared) {
        let base = demo::workspace(t0());
        let shared: Shared = base
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.updated))
            .collect();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let (a, b) = (base.partners[0].id.clone(), base.partners[1].id.clone());
        ours.move_stage(&a, Stage::Paused, t0() + Duration::days(1));
        theirs.move_stage(&a, Stage::Research, t0() + Duration::days(2));
        theirs.move_stage(&b, Stage::Research, t0() + Duration::days(2));
        (ours, theirs, shared)
    }

    #[test]
    fn a_market_the_file_holds_under_another_id_is_shown_by_name_not_as_unknown() {
        let (ours, mut theirs, shared) = scene();
        // The file's copy of partner 0's first market is the same market by name.
        let market = ours.partners[0].markets[0].clone();
        let other = Id::parse("their-copy").unwrap();
        for m in theirs.markets.iter_mut().filter(|m| m.id == market) {
            m.id = other.clone();
        }
        for id in theirs.market_refs_mut().filter(|id| **id == market) {
            *id = other.clone();
        }
        theirs.partners[0].markets.pop();
        let matched = crate::model::merge::import::match_markets(&ours, &theirs);
        let found = find(&ours, &matched, &shared);
        let text = format!("{:?}", found[0].fields);
        assert!(!text.contains("(unknown market)"), "{text}");
        assert!(text.contains(ours.market_name(&market)), "{text}");
    }

    #[test]
    fn only_partners_edited_on_both_sides_since_sharing_conflict() {
        let (ours, theirs, shared) = scene();
        let found = find(&ours, &theirs, &shared);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].ours.id, ours.partners[0].id);
        let labels: Vec<_> = found[0].fields.iter().map(|f| f.0).collect();
        assert_eq!(labels, ["Stage", "In stage since", "Last edited"]);
        assert_eq!(found[0].fields[0].1, "Paused");
        assert_eq!(found[0].fields[0].2, "Research");
        // Never shared: no conflict, the newer edit wins as usual.
        assert!(find(&ours, &theirs, &Shared::new()).is_empty());
    }

    #[test]
    fn each_choice_settles_as_asked_and_keeping_both_makes_fresh_ids() {
        let (ours, mut theirs, shared) = scene();
        let met = theirs.partners[0].key_players[0].id.clone();
        theirs.partners[0]
            .meetings
            .push(crate::model::meetings::Meeting {
                pitch: None,
                id: Id::parse("mt-1").unwrap(),
                date: t0().date_naive(),
                ours: vec![],
                presented: "Roadmap".into(),
                attendees: vec![crate::model::meetings::Reception {
                    player: met,
                    body_language: crate::model::core::vocabulary::Scale::Positive,
                    tone: crate::model::core::vocabulary::Scale::Neutral,
                    reaction: crate::model::core::vocabulary::Scale::Positive,
                    note: String::new(),
                }],
                room: None,
                room_note: String::new(),
                next_steps: vec![],
            });
        let conflicts = find(&ours, &theirs, &shared);
        let id = conflicts[0].ours.id.clone();
        let now = t0() + Duration::days(3);
        let mut n = 0u128;
        let mut fresh = || {
            n += 1;
            Id::from_random(n)
        };
        for (choice, stage) in [
            (Choice::KeepOurs, Stage::Paused),
            (Choice::KeepTheirs, Stage::Research),
        ] {
            let mut merged = crate::model::merge::import::apply(
                &ours,
                &theirs,
                crate::model::merge::import::Mode::Merge,
            )
            .unwrap();
            settle(
                &mut merged,
                &conflicts,
                &HashMap::from([(id.clone(), choice)]),
                now,
                Stamp::legacy(now),
                &mut fresh,
            );
            assert_eq!(merged.partner(&id).unwrap().stage, stage);
            assert!(crate::model::workspace::validate::workspace(&merged).is_empty());
        }
        let mut merged = crate::model::merge::import::apply(
            &ours,
            &theirs,
            crate::model::merge::import::Mode::Merge,
        )
        .unwrap();
        let before = merged.partners.len();
        settle(
            &mut merged,
            &conflicts,
            &HashMap::from([(id.clone(), Choice::KeepBoth)]),
            now,
            Stamp::legacy(now),
            &mut fresh,
        );
        assert_eq!(merged.partners.len(), before + 1);
        let copy = merged
            .partners
            .iter()
            .find(|p| p.name.ends_with("(from file)"))
            .unwrap();
        assert_eq!(copy.stage, Stage::Research);
        let players: Vec<&Id> = copy.key_players.iter().map(|k| &k.id).collect();
        let attending: Vec<&Id> = copy
            .meetings
            .iter()
            .flat_map(|m| &m.attendees)
            .map(|r| &r.player)
            .collect();
        assert!(!attending.is_empty());
        assert!(
            attending.iter().all(|p| players.contains(p)),
            "the copy's meetings follow its new key-player ids"
        );
        assert!(crate::model::workspace::validate::workspace(&merged).is_empty());
    }

    #[test]
    fn keeping_ours_outranks_the_same_file_next_time() {
        let (ours, theirs, shared) = scene();
        let conflicts = find(&ours, &theirs, &shared);
        let id = conflicts[0].ours.id.clone();
        let mut merged = crate::model::merge::import::apply(
            &ours,
            &theirs,
            crate::model::merge::import::Mode::Merge,
        )
        .unwrap();
        settle(
            &mut merged,
            &conflicts,
            &HashMap::from([(id.clone(), Choice::KeepOurs)]),
            t0() + Duration::days(3),
            Stamp::new((t0() + Duration::days(3)).timestamp_millis(), 0, 9),
            || Id::from_random(1),
        );
        let again = crate::model::merge::import::apply(
            &merged,
            &theirs,
            crate::model::merge::import::Mode::Merge,
        )
        .unwrap();
        assert_eq!(again.partner(&id).unwrap().stage, Stage::Paused);
    }

    #[test]
    fn a_kept_both_name_stays_within_the_limit() {
        let long = "x".repeat(crate::model::core::check::MAX_NAME);
        assert_eq!(
            both_name(&long).chars().count(),
            crate::model::core::check::MAX_NAME
        );
    }
}
