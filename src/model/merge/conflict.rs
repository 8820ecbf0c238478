//! Conflicts on import: a field (or list item) of a partner edited on both sides since
//! the two last shared it.
//!
//! Tandem remembers, per partner, the edit stamp of the version that last crossed a file
//! boundary here (exported, or imported): the *shared* stamp. A merge takes each field
//! and item from the side that edited it last (`merge::fields`), so edits to different
//! fields never conflict. A part that differs on the two sides and was edited on both
//! since the shared stamp was changed by both people: the later-edit rule would silently
//! drop one person's work, so the person chooses per field: keep mine or keep the
//! file's; or, for the whole partner, keep both as two partners. A partner never shared
//! before has no shared stamp, and the later edit of each part wins as usual.

use crate::model::core::format::{day, day_short};
use crate::model::core::id::Id;
use crate::model::core::stamp::Stamp;
use crate::model::core::vocabulary::label_or_not_set;
use crate::model::merge::fields::{self, Side};
use crate::model::workspace::records::{KeyPlayer, Partner, Workspace};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The stamp of each partner's last shared version.
pub type Shared = BTreeMap<Id, Stamp>;

/// Reads the shared stamps as stored. Before field stamps they were `updated` times (to
/// the second); such a time reads as the end of its second, so that, as before, only an
/// edit in a later second counts as made since sharing. What does not read is dropped:
/// this is Tandem's own bookkeeping, and without it an import falls back to the later
/// edit winning.
pub fn read_shared(text: &str) -> Shared {
    let Ok(raw) = serde_json::from_str::<BTreeMap<Id, serde_json::Value>>(text) else {
        return Shared::new();
    };
    raw.into_iter()
        .filter_map(|(id, v)| {
            let v = v.as_str()?;
            let stamp = Stamp::parse(v).ok().or_else(|| {
                let at: DateTime<Utc> = v.parse().ok()?;
                Some(Stamp::new(at.timestamp_millis() + 999, u32::MAX, u64::MAX))
            })?;
            Some((id, stamp))
        })
        .collect()
}

/// One part both sides edited since sharing.
#[derive(Clone, Debug, PartialEq)]
pub struct Clash {
    /// The part's key (`notes`, `kp:<id>`: `workspace::stamps`).
    pub key: String,
    /// For people: "Notes", "Key player Dana Whitfield".
    pub label: String,
    pub ours: String,
    pub theirs: String,
    /// What the merge keeps unless the person chooses: the later edit.
    pub later: Side,
}

/// A partner with parts edited on both sides.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub ours: Partner,
    pub theirs: Partner,
    pub fields: Vec<Clash>,
}

impl Conflict {
    /// The partner's name as a heading: ours, and the file's too when the two differ
    /// (a rename on the other side would otherwise hide which partner of theirs it is).
    pub fn heading(&self) -> String {
        if self.ours.name == self.theirs.name {
            self.ours.name.clone()
        } else {
            format!("{} (“{}” in the file)", self.ours.name, self.theirs.name)
        }
    }
}

/// How the person settled the conflicts: a side per clashing part, and the partners
/// kept as two (the file's version joins as a separate partner with fresh ids).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub fields: HashMap<(Id, String), Side>,
    pub both: HashSet<Id>,
}

/// The conflicts between the workspace and a file (whose markets already match ours).
pub fn find(current: &Workspace, incoming: &Workspace, shared: &Shared) -> Vec<Conflict> {
    let by_id: HashMap<&Id, &Partner> = current.partners.iter().map(|p| (&p.id, &**p)).collect();
    incoming
        .partners
        .iter()
        .filter_map(|theirs| {
            let ours = *by_id.get(&theirs.id)?;
            let since = *shared.get(&theirs.id)?;
            if *ours == **theirs {
                return None;
            }
            let (po, pt, chosen) = fields::choose(ours, theirs, false);
            let clashes: Vec<Clash> = chosen
                .iter()
                .filter_map(|(key, (later, _))| {
                    let o = po
                        .get(key)
                        .map_or((ours.part_stamp(key), None), Clone::clone);
                    let t = pt
                        .get(key)
                        .map_or((theirs.part_stamp(key), None), Clone::clone);
                    (o.1 != t.1 && o.0 > since && t.0 > since).then(|| Clash {
                        key: key.clone(),
                        label: fields::label(key, ours, theirs),
                        ours: part_text(ours, current, incoming, key),
                        theirs: part_text(theirs, incoming, current, key),
                        later: *later,
                    })
                })
                .collect();
            (!clashes.is_empty()).then(|| Conflict {
                fields: clashes,
                ours: ours.clone(),
                theirs: (**theirs).clone(),
            })
        })
        .collect()
}

/// Applies the person's choices to a merged workspace. A clash without a choice keeps
/// what the merge chose (the later edit). `new_id` makes the ids of a kept-both copy;
/// `stamp` is the edit stamp of the choice: a new one from the tab's clock after it has
/// observed the file (`workspace::stamps::observe`). A part kept from the side that
/// edited it earlier gets it, so that the choice outranks the other version the next
/// time the same file (or another tab's copy) is merged.
pub fn settle(
    merged: &mut Workspace,
    conflicts: &[Conflict],
    choices: &Choices,
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
        let Some(&slot) = slots.get(&c.ours.id) else {
            continue;
        };
        if choices.both.contains(&c.ours.id) {
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
            copy.base = None;
            copy.stamps.clear();
            merged.partners.insert(slot + 1, copy.into());
            continue;
        }
        let (_, _, mut chosen) = fields::choose(&c.ours, &c.theirs, false);
        let mut restamped = false;
        for clash in &c.fields {
            let Some(side) = choices.fields.get(&(c.ours.id.clone(), clash.key.clone())) else {
                continue;
            };
            if *side != clash.later {
                chosen.insert(clash.key.clone(), (*side, stamp));
                restamped = true;
            }
        }
        if restamped {
            let mut p = fields::build(&c.ours, &c.theirs, &chosen, false);
            p.updated = now.max(p.updated);
            merged.partners[slot] = p.into();
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

/// One part of `p` as people read it, `ws` naming its markets (or else `other`: a
/// market of the file matched to ours by name carries our id and is only in ours).
/// A list item no longer there reads "(deleted)"; an unknown key reads as nothing.
fn part_text(p: &Partner, ws: &Workspace, other: &Workspace, key: &str) -> String {
    let market = |m: &Id| {
        ws.market(m)
            .or_else(|| other.market(m))
            .map_or_else(|| ws.market_name(m).to_owned(), |x| x.name.clone())
    };
    let (prefix, id) = match key.split_once(':') {
        Some((prefix, rest)) => (prefix, rest.split('#').next().unwrap_or(rest)),
        None => (key, ""),
    };
    if let Some(text) = field_text(p, prefix, &market) {
        return text;
    }
    match item_texts(p, prefix, &market) {
        Some(items) => items
            .into_iter()
            .find(|(i, _)| i == id)
            .map_or_else(|| "(deleted)".to_owned(), |(_, t)| t),
        None => String::new(),
    }
}

/// Names a market for people (see [`part_text`]).
type MarketName<'a> = &'a dyn Fn(&Id) -> String;

/// A single field of `p` (`name`, `fit`, …) as people read it; `None` for a list's key.
fn field_text(p: &Partner, prefix: &str, market: MarketName) -> Option<String> {
    Some(match prefix {
        "name" => p.name.clone(),
        "website" => p.website.clone(),
        "category" => label_or_not_set(p.category).into(),
        "position" => label_or_not_set(p.position).into(),
        "markets" => p.markets.iter().map(market).collect::<Vec<_>>().join(", "),
        "stage" => format!("{}, since {}", p.stage.label(), day(p.in_stage_since())),
        "ladder" => p.ladder.label().into(),
        "owner" => p.owner.clone(),
        "tags" => p.tags.join(", "),
        "notes" => p.notes.clone(),
        "fit" => fit_text(p),
        _ => return None,
    })
}

/// The fit judgement in one line.
fn fit_text(p: &Partner) -> String {
    let f = &p.fit;
    let opt = |v: Option<u8>| v.map_or("–".to_owned(), |v| v.to_string());
    format!(
        "UX {}, strategic {}, leverage ours {} / theirs {}, economics {}",
        f.ux.map_or("not judged", |v| v.label()),
        opt(f.strategic),
        opt(f.our_leverage),
        opt(f.their_leverage),
        f.economics.map_or("not judged", |v| v.label())
    )
}

/// The items of the list `prefix` names (`kp`, `mt`, …), each as its id in the part's
/// key and its text for people; `None` for a key that names no list.
fn item_texts(p: &Partner, prefix: &str, market: MarketName) -> Option<Vec<(String, String)>> {
    let items: Vec<(&str, String)> = match prefix {
        "kp" => p
            .key_players
            .iter()
            .map(|k| (k.id.as_str(), key_player_text(k)))
            .collect(),
        "pi" => p
            .pitches
            .iter()
            .map(|x| {
                let sent = x
                    .sent
                    .map_or(String::new(), |d| format!(", sent {}", day_short(d)));
                let written = x
                    .ingredients
                    .values()
                    .filter(|t| !t.trim().is_empty())
                    .count();
                let text = format!("{}{sent} ({written} of 12 ingredients written)", x.label);
                (x.id.as_str(), text)
            })
            .collect(),
        "lm" => p
            .ladder_moves
            .iter()
            .map(|m| {
                let text = format!(
                    "{}: {} → {}",
                    day_short(m.date),
                    m.from.label(),
                    m.to.label()
                );
                (m.id.as_str(), text)
            })
            .collect(),
        "mt" => p
            .meetings
            .iter()
            .map(|m| {
                let text = format!(
                    "{}: {} ({} attending, {} next steps)",
                    day_short(m.date),
                    m.presented,
                    m.attendees.len(),
                    m.next_steps.len()
                );
                (m.id.as_str(), text)
            })
            .collect(),
        "me" => return Some(metric_texts(p, market)),
        _ => return goal_texts(p, prefix, market),
    };
    Some(items.into_iter().map(|(i, t)| (i.to_owned(), t)).collect())
}

/// A key player in one line: name, title, role, stance, influence and notes.
fn key_player_text(k: &KeyPlayer) -> String {
    format!(
        "{}{} ({}, {}, influence {}){}",
        k.name,
        if k.title.is_empty() {
            String::new()
        } else {
            format!(", {}", k.title)
        },
        k.role.label(),
        k.stance.label(),
        k.influence,
        if k.notes.is_empty() {
            String::new()
        } else {
            format!(": {}", k.notes)
        }
    )
}

/// The metric series, keyed `<market>/<metric>` as their parts are.
fn metric_texts(p: &Partner, market: MarketName) -> Vec<(String, String)> {
    p.metrics
        .iter()
        .map(|s| {
            let values = s
                .values
                .iter()
                .map(|(m, v)| format!("{m}: {v}"))
                .collect::<Vec<_>>()
                .join(", ");
            let text = format!("{} in {}: {values}", s.metric, market(&s.market));
            (format!("{}/{}", s.market, s.metric), text)
        })
        .collect()
}

/// The lists of goals, commitments, landing, wins and decisions ([`item_texts`]).
fn goal_texts(p: &Partner, prefix: &str, market: MarketName) -> Option<Vec<(String, String)>> {
    let items: Vec<(&str, String)> = match prefix {
        "go" => p
            .goals
            .iter()
            .map(|g| {
                (
                    g.id.as_str(),
                    format!("{} ({})", g.statement, g.status.label()),
                )
            })
            .collect(),
        "co" => p
            .commitments
            .iter()
            .map(|k| {
                let due = day_short(k.due);
                let text = format!(
                    "{}: {} (due {due}, {})",
                    k.side.label(),
                    k.what,
                    k.status.label()
                );
                (k.id.as_str(), text)
            })
            .collect(),
        "la" => p
            .landing
            .iter()
            .map(|t| {
                let done = t.steps().iter().filter(|(_, s)| s.done.is_some()).count();
                let name = t.market.as_ref().map_or(t.team.clone(), market);
                (t.id.as_str(), format!("{name}: {done} of 3 steps done"))
            })
            .collect(),
        "wi" => p
            .wins
            .iter()
            .map(|w| (w.id.as_str(), format!("{}: {}", day_short(w.date), w.title)))
            .collect(),
        "de" => p
            .decisions
            .iter()
            .map(|d| {
                let text = format!("{}: {} by {}", day_short(d.date), d.kind.label(), d.who);
                (d.id.as_str(), text)
            })
            .collect(),
        _ => return None,
    };
    Some(items.into_iter().map(|(i, t)| (i.to_owned(), t)).collect())
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
            .map(|p| (p.id.clone(), p.edit_stamp()))
            .collect();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let (a, b) = (base.partners[0].id.clone(), base.partners[1].id.clone());
        let at = |days: i64, writer: u64| {
            Stamp::new((t0() + Duration::days(days)).timestamp_millis(), 0, writer)
        };
        ours.move_stage(&a, Stage::Paused, t0() + Duration::days(1));
        crate::model::workspace::stamps::stamp_edit(&base, &mut ours, at(1, 1));
        theirs.move_stage(&a, Stage::Research, t0() + Duration::days(2));
        theirs.move_stage(&b, Stage::Research, t0() + Duration::days(2));
        crate::model::workspace::stamps::stamp_edit(&base, &mut theirs, at(2, 2));
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
        let text = format!(
            "{:?}",
            part_text(&found[0].ours, &ours, &matched, "markets")
        );
        assert!(!text.contains("(unknown market)"), "{text}");
        assert!(text.contains(ours.market_name(&market)), "{text}");
    }

    #[test]
    fn a_partner_renamed_in_the_file_is_headed_by_both_names() {
        let (ours, mut theirs, shared) = scene();
        let found = find(&ours, &theirs, &shared);
        assert_eq!(found[0].heading(), ours.partners[0].name);
        theirs.partners[0].name = "Renamed Ltd".into();
        let found = find(&ours, &theirs, &shared);
        assert_eq!(
            found[0].heading(),
            format!("{} (“Renamed Ltd” in the file)", ours.partners[0].name)
        );
    }

    #[test]
    fn only_partners_edited_on_both_sides_since_sharing_conflict() {
        let (ours, theirs, shared) = scene();
        let found = find(&ours, &theirs, &shared);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].ours.id, ours.partners[0].id);
        let labels: Vec<_> = found[0].fields.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["Stage"]);
        assert!(found[0].fields[0].ours.starts_with("Paused"));
        assert!(found[0].fields[0].theirs.starts_with("Research"));
        assert_eq!(found[0].fields[0].later, Side::Theirs);
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
        for (choice, stage) in [(Side::Ours, Stage::Paused), (Side::Theirs, Stage::Research)] {
            let mut merged = crate::model::merge::import::apply(
                &ours,
                &theirs,
                crate::model::merge::import::Mode::Merge,
            )
            .unwrap();
            settle(
                &mut merged,
                &conflicts,
                &Choices {
                    fields: HashMap::from([((id.clone(), "stage".to_owned()), choice)]),
                    ..Choices::default()
                },
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
            &Choices {
                both: HashSet::from([id.clone()]),
                ..Choices::default()
            },
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
            &Choices {
                fields: HashMap::from([((id.clone(), "stage".to_owned()), Side::Ours)]),
                ..Choices::default()
            },
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
    fn different_fields_edited_on_each_side_are_no_conflict_and_both_stay() {
        let (ours, _, shared) = scene();
        // They changed the notes, not the stage.
        let base = demo::workspace(t0());
        let mut theirs = base.clone();
        let id = ours.partners[0].id.clone();
        let stage = ours.partners[0].stage;
        theirs.partners[0].notes = "Their note".into();
        crate::model::workspace::stamps::stamp_edit(
            &base,
            &mut theirs,
            Stamp::new((t0() + Duration::days(2)).timestamp_millis(), 0, 2),
        );
        assert!(find(&ours, &theirs, &shared).is_empty());
        let merged = crate::model::merge::import::apply(
            &ours,
            &theirs,
            crate::model::merge::import::Mode::Merge,
        )
        .unwrap();
        let p = merged.partner(&id).unwrap();
        assert_eq!((p.stage, p.notes.as_str()), (stage, "Their note"));
    }

    #[test]
    fn shared_times_stored_before_stamps_read_as_the_end_of_their_second() {
        let shared = read_shared(
            r#"{"p1":"2026-11-01T09:00:00Z","p2":"1795435200123-0-9f86d081884c7d65","p3":7}"#,
        );
        let at = t0().timestamp_millis();
        assert!(shared[&Id::parse("p1").unwrap()] > Stamp::new(at + 998, 5, 5));
        assert!(shared[&Id::parse("p1").unwrap()] < Stamp::new(at + 1000, 0, 0));
        assert_eq!(shared.len(), 2);
        assert!(read_shared("nonsense").is_empty());
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
