//! Merging two versions of a workspace record by record: the rule behind both several
//! open tabs and importing a colleague's file.
//!
//! Every partner, market and the program carries the edit stamp of its last edit, and
//! every deletion leaves a tombstone with its stamp (`core::stamp`: a hybrid logical
//! clock of milliseconds, counter and the writer's random id, which orders edits across
//! tabs and colleagues even within one millisecond; records written before stamps stand
//! in with their `updated` time). For each id the latest event wins:
//! - a record present on both sides: the version with the later stamp. Two different
//!   edits never carry the same stamp; only two versions from before stamps can (the
//!   same `updated`), and then `Ties` decides;
//! - a record deleted on one side: it stays deleted unless the other side edited it
//!   after the deletion (a later stamp) — an edit is never dropped by an older
//!   deletion, and a deleted record is never brought back by an older copy;
//! - a market still used by a partner is kept, even if deleted on the other side;
//! - between tabs, markets each side created under its own id with one name (two tabs
//!   that each added "United States" before seeing the other's save) become one, the
//!   earlier created, and every reference moves to it — as an import matches by name.
//!
//! The merge needs no common ancestor, so it gives the same result however the saves of
//! two tabs interleave, and merging again changes nothing. The base (what this side last
//! saved or read) only serves to tell the person when both sides changed one record.

use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::core::stamp::Stamp;
use crate::model::merge::fields;
use crate::model::program::Program;
use crate::model::workspace::records::{Market, Partner, Tombstone, Workspace};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// The merged workspace and the records both sides had changed.
#[derive(Clone, Debug, PartialEq)]
pub struct Merged {
    pub workspace: Workspace,
    /// The partners and markets changed on both sides since the base, each with how it
    /// was settled: `Loopline (kept the later edit, from the other side)`.
    pub conflicts: Vec<String>,
}

trait Record: Clone + PartialEq + Serialize {
    fn id(&self) -> &Id;
    fn stamp(&self) -> Stamp;
    fn name(&self) -> &str;
    /// The version kept of a record both sides hold: by default the later edit whole.
    fn join(ours: &Self, theirs: &Self, ties: Ties) -> Self {
        if order(theirs, ours, ties).is_gt() {
            theirs.clone()
        } else {
            ours.clone()
        }
    }
    /// What both sides changed since `base`, for the message: empty when the record is
    /// one part (the whole record clashed).
    fn clashes(_base: &Self, _ours: &Self, _theirs: &Self) -> Option<Vec<String>> {
        None
    }
}

impl Record for Partner {
    fn id(&self) -> &Id {
        &self.id
    }
    fn stamp(&self) -> Stamp {
        self.edit_stamp()
    }
    fn name(&self) -> &str {
        &self.name
    }
    /// Field by field and item by item (`merge::fields`).
    fn join(ours: &Self, theirs: &Self, ties: Ties) -> Self {
        fields::merge_partner(ours, theirs, ties == Ties::ByContent)
    }
    fn clashes(base: &Self, ours: &Self, theirs: &Self) -> Option<Vec<String>> {
        Some(
            fields::both_changed(base, ours, theirs)
                .iter()
                .map(|k| fields::label(k, ours, theirs))
                .collect(),
        )
    }
}

impl Record for Market {
    fn id(&self) -> &Id {
        &self.id
    }
    fn stamp(&self) -> Stamp {
        self.edit_stamp()
    }
    fn name(&self) -> &str {
        &self.name
    }
}

/// Partners are shared between workspace versions; the merge reads them through the
/// pointer and keeps the pointer of the side it takes, so an unchanged partner is not
/// copied.
impl<T: Record> Record for Shared<T> {
    fn id(&self) -> &Id {
        (**self).id()
    }
    fn stamp(&self) -> Stamp {
        (**self).stamp()
    }
    fn name(&self) -> &str {
        (**self).name()
    }
    /// Keeps the pointer of a side when the join is that side's version.
    fn join(ours: &Self, theirs: &Self, ties: Ties) -> Self {
        if Shared::same(ours, theirs) || **ours == **theirs {
            return ours.clone();
        }
        let joined = T::join(ours, theirs, ties);
        if joined == **ours {
            ours.clone()
        } else if joined == **theirs {
            theirs.clone()
        } else {
            Shared::new(joined)
        }
    }
    fn clashes(base: &Self, ours: &Self, theirs: &Self) -> Option<Vec<String>> {
        T::clashes(base, ours, theirs)
    }
}

/// The two uses of a merge differ in two details. Both only matter for versions with
/// equal stamps, which stamped edits never produce: two versions written before stamps
/// with the same `updated` time.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ties {
    /// An import: on equal stamps ours stays, and our order leads with the file's new
    /// records after it.
    KeepOurs,
    /// Tabs, which must all reach the same workspace: on equal stamps a fixed order of
    /// the contents decides, and the order of the save being taken in leads.
    ByContent,
}

/// Merges `theirs` into `ours`. `base` is the version both sides last agreed on; it
/// decides only which differences are reported as conflicts, and which program name
/// stands (the program name has no edit time).
pub fn merge(base: &Workspace, ours: &Workspace, theirs: &Workspace, ties: Ties) -> Merged {
    let mut conflicts = Vec::new();
    let (program_name, program_name_stamp) = program_name(base, ours, theirs, ties);
    let deleted = tombstones(&ours.deleted, &theirs.deleted);
    let mut markets = records(
        base,
        &base.markets,
        &ours.markets,
        &theirs.markets,
        &deleted,
        ties,
        &mut conflicts,
    );
    let mut partners = records(
        base,
        &base.partners,
        &ours.partners,
        &theirs.partners,
        &deleted,
        ties,
        &mut conflicts,
    );
    if ties == Ties::ByContent {
        // Two tabs that each created "United States" before seeing the other's save
        // hold it under two ids: both settle on one, as an import matches by name.
        let joined = same_named_markets(ours, theirs, &deleted);
        let mut ws = Workspace {
            markets,
            partners,
            ..Workspace::default()
        };
        super::import::join_markets(&mut ws, &joined);
        (markets, partners) = (ws.markets, ws.partners);
    }
    keep_used_markets(&mut markets, &partners, ours, theirs);
    let deleted = dead_tombstones(deleted, &markets, &partners);
    Merged {
        workspace: Workspace {
            program_name,
            markets,
            partners,
            deleted,
            program: Program {
                name_stamp: program_name_stamp,
                ..program(
                    &base.program,
                    &ours.program,
                    &theirs.program,
                    ties,
                    &mut conflicts,
                )
            },
        },
        conflicts,
    }
}

/// The program name that stands, with its stamp. It is ordered by its own stamp;
/// between names never edited with stamps, ours stands only if we renamed it and they
/// did not, so that every side settles on the same name.
fn program_name(
    base: &Workspace,
    ours: &Workspace,
    theirs: &Workspace,
    ties: Ties,
) -> (String, Option<Stamp>) {
    let name_stamp = |ws: &Workspace| ws.program.name_stamp.unwrap_or(Stamp::ZERO);
    match name_stamp(theirs).cmp(&name_stamp(ours)) {
        std::cmp::Ordering::Greater => (theirs.program_name.clone(), theirs.program.name_stamp),
        std::cmp::Ordering::Less => (ours.program_name.clone(), ours.program.name_stamp),
        std::cmp::Ordering::Equal => {
            let name = if ours.program_name != base.program_name
                && theirs.program_name == base.program_name
            {
                ours.program_name.clone()
            } else if ties == Ties::ByContent && ours.program_name != base.program_name {
                // Both renamed under one stamp (never in practice): the larger name.
                ours.program_name.clone().max(theirs.program_name.clone())
            } else {
                theirs.program_name.clone()
            };
            (name, ours.program.name_stamp)
        }
    }
}

/// A market still in use stays, whatever the other side did to it: the newest version
/// either side holds joins `markets`.
fn keep_used_markets(
    markets: &mut Vec<Market>,
    partners: &[Shared<Partner>],
    ours: &Workspace,
    theirs: &Workspace,
) {
    let present: HashSet<Id> = markets.iter().map(|m| m.id.clone()).collect();
    let used: HashSet<&Id> = partners.iter().flat_map(|p| p.market_refs()).collect();
    for id in used.into_iter().filter(|id| !present.contains(*id)) {
        let newest = [ours, theirs]
            .iter()
            .filter_map(|ws| ws.market(id))
            .max_by(|a, b| order(*a, *b, Ties::ByContent));
        if let Some(m) = newest {
            markets.push(m.clone());
        }
    }
}

/// The tombstones of records that stayed deleted, ordered by id.
fn dead_tombstones(
    deleted: HashMap<Id, Tombstone>,
    markets: &[Market],
    partners: &[Shared<Partner>],
) -> Vec<Tombstone> {
    let live: HashSet<&Id> = partners
        .iter()
        .map(|p| &p.id)
        .chain(markets.iter().map(|m| &m.id))
        .collect();
    let mut deleted = deleted
        .into_iter()
        .filter(|(id, _)| !live.contains(id))
        .map(|(_, t)| t)
        .collect::<Vec<_>>();
    deleted.sort_by(|a, b| a.id.cmp(&b.id));
    deleted
}

/// The markets each side added under its own id with the same name ([`Market::key`]:
/// case, accents and spacing aside), each id mapped to the one both sides keep: the
/// earlier created, then the smaller id, so that every tab, in whatever order the saves
/// arrive, picks the same. Only a market one side holds and the other has neither seen
/// nor deleted is paired: two markets both sides already hold stay as the person left
/// them (a catalogue may hold `Mexico` and `México` from before accents were compared).
fn same_named_markets(
    ours: &Workspace,
    theirs: &Workspace,
    deleted: &HashMap<Id, Tombstone>,
) -> HashMap<Id, Id> {
    let ids = |ws: &Workspace| -> HashSet<Id> { ws.markets.iter().map(|m| m.id.clone()).collect() };
    let (ours_ids, theirs_ids) = (ids(ours), ids(theirs));
    // Per name key, the markets only we hold and those only they hold.
    let mut by_key: HashMap<String, (Vec<&Market>, Vec<&Market>)> = HashMap::new();
    for m in &ours.markets {
        if !theirs_ids.contains(&m.id) && !deleted.contains_key(&m.id) {
            by_key.entry(Market::key(&m.name)).or_default().0.push(m);
        }
    }
    for m in &theirs.markets {
        if !ours_ids.contains(&m.id) && !deleted.contains_key(&m.id) {
            by_key.entry(Market::key(&m.name)).or_default().1.push(m);
        }
    }
    let mut joined = HashMap::new();
    for (here, there) in by_key.values() {
        if here.is_empty() || there.is_empty() {
            continue;
        }
        let all = || here.iter().chain(there.iter());
        let Some(keep) =
            all().min_by(|a, b| a.created.cmp(&b.created).then_with(|| a.id.cmp(&b.id)))
        else {
            continue;
        };
        for m in all().filter(|m| m.id != keep.id) {
            joined.insert(m.id.clone(), keep.id.clone());
        }
    }
    joined
}

/// The latest deletion of every id deleted on either side (by stamp; on equal stamps,
/// the later time, then the earlier side).
fn tombstones(ours: &[Tombstone], theirs: &[Tombstone]) -> HashMap<Id, Tombstone> {
    let mut out: HashMap<Id, Tombstone> = HashMap::new();
    for t in ours.iter().chain(theirs) {
        let key = |t: &Tombstone| (t.edit_stamp(), t.deleted);
        match out.get_mut(&t.id) {
            Some(kept) if key(kept) >= key(t) => {}
            Some(kept) => *kept = t.clone(),
            None => {
                out.insert(t.id.clone(), t.clone());
            }
        }
    }
    out
}

/// The program's target and levers are one record: the later edit wins, as for a
/// partner.
fn program(
    base: &Program,
    ours: &Program,
    theirs: &Program,
    ties: Ties,
    conflicts: &mut Vec<String>,
) -> Program {
    let text = |p: &Program| serde_json::to_string(p).unwrap_or_default();
    let theirs_wins = match theirs.edit_stamp().cmp(&ours.edit_stamp()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => ties == Ties::ByContent && text(theirs) > text(ours),
    };
    if !ours.same_record(base) && !theirs.same_record(base) && !ours.same_record(theirs) {
        let side = if theirs_wins {
            "from the other side"
        } else {
            "from this side"
        };
        conflicts.push(format!(
            "The program target and levers (kept the later edit, {side})"
        ));
    }
    if theirs_wins {
        theirs.clone()
    } else {
        ours.clone()
    }
}

/// Orders two versions of a record, the later edit greater; on equal stamps (versions
/// from before stamps), by content or not at all, as `ties` says.
fn order<T: Record>(a: &T, b: &T, ties: Ties) -> std::cmp::Ordering {
    a.stamp().cmp(&b.stamp()).then_with(|| match ties {
        Ties::KeepOurs => std::cmp::Ordering::Equal,
        Ties::ByContent => {
            let text = |r: &T| serde_json::to_string(r).unwrap_or_default();
            text(a).cmp(&text(b))
        }
    })
}

fn records<T: Record>(
    base_ws: &Workspace,
    base: &[T],
    ours: &[T],
    theirs: &[T],
    deleted: &HashMap<Id, Tombstone>,
    ties: Ties,
    conflicts: &mut Vec<String>,
) -> Vec<T> {
    let index = |list: &[T]| -> HashMap<Id, usize> {
        list.iter()
            .enumerate()
            .map(|(i, r)| (r.id().clone(), i))
            .collect()
    };
    let (b, o, t) = (index(base), index(ours), index(theirs));
    let base_deleted: HashSet<&Id> = base_ws.deleted.iter().map(|d| &d.id).collect();
    let mut pick = |id: &Id| -> Option<T> {
        let o = o.get(id).map(|&i| &ours[i]);
        let t = t.get(id).map(|&i| &theirs[i]);
        let joined;
        let winner = match (o, t) {
            (Some(o), Some(t)) => {
                joined = T::join(o, t, ties);
                &joined
            }
            (one, other) => one.or(other)?,
        };
        let alive = deleted
            .get(id)
            .is_none_or(|t| winner.stamp() > t.edit_stamp());
        // Report a record both sides changed since the base, when they disagree.
        let was = b.get(id).map(|&i| &base[i]);
        let changed_here = o != was || (o.is_none() && !base_deleted.contains(id) && was.is_some());
        let changed_there = t != was;
        if o != t && changed_here && changed_there {
            if let Some(note) = was.and_then(|was| clash_note(was, o, t, winner, alive)) {
                conflicts.push(note);
            }
        }
        alive.then(|| winner.clone())
    };
    let (first, second) = match ties {
        Ties::KeepOurs => (ours, theirs),
        Ties::ByContent => (theirs, ours),
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for id in first
        .iter()
        .map(Record::id)
        .chain(second.iter().map(Record::id))
    {
        if seen.insert(id.clone()) {
            if let Some(r) = pick(id) {
                out.push(r);
            }
        }
    }
    out
}

/// What to tell the person about a record both sides changed since `was`, if anything:
/// the parts both changed, or, when the parts cannot be told apart (or the record went),
/// which side's version stands.
fn clash_note<T: Record>(
    was: &T,
    o: Option<&T>,
    t: Option<&T>,
    winner: &T,
    alive: bool,
) -> Option<String> {
    let clashes = match (o, t) {
        (Some(o), Some(t)) => T::clashes(was, o, t),
        _ => None,
    };
    match clashes {
        // Different parts on each side: both stay, nothing to say.
        Some(parts) if parts.is_empty() && alive => None,
        Some(parts) if alive => Some(format!(
            "{}: {} (kept the later edit)",
            winner.name(),
            parts.join(", ")
        )),
        _ => {
            let from = if Some(winner) == o {
                "this side"
            } else {
                "the other side"
            };
            let outcome = if alive {
                "kept the later edit"
            } else {
                "kept the deletion"
            };
            Some(format!("{} ({outcome}, from {from})", winner.name()))
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::core::stamp::Stamp;
    use crate::model::{core::vocabulary::Stage, demo};
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }
    fn later(s: i64) -> DateTime<Utc> {
        now() + Duration::seconds(s)
    }

    #[test]
    fn edits_to_different_records_in_two_tabs_both_survive_in_any_order() {
        let base = demo::workspace(now());
        let mut ours = base.clone();
        let mut theirs = base.clone();
        let (a, b) = (base.partners[0].id.clone(), base.partners[1].id.clone());
        ours.move_stage(&a, Stage::Paused, later(5));
        theirs.move_stage(&b, Stage::Research, later(3));
        // Our base may already be our own save, which theirs never saw.
        for base in [&base, &ours] {
            let merged = merge(base, &ours, &theirs, Ties::ByContent).workspace;
            assert_eq!(merged.partner(&a).unwrap().stage, Stage::Paused);
            assert_eq!(merged.partner(&b).unwrap().stage, Stage::Research);
            assert_eq!(
                merge(&theirs, &theirs, &merged, Ties::ByContent).workspace,
                merged
            );
        }
    }

    #[test]
    fn deletions_travel_and_are_not_undone_by_an_older_copy() {
        let base = demo::workspace(now());
        let mut theirs = base.clone();
        let gone = theirs.partners[2].id.clone();
        theirs.delete_partner(&gone, later(10));
        let merged = merge(&base, &base, &theirs, Ties::ByContent).workspace;
        assert!(merged.partner(&gone).is_none());
        assert_eq!(merged.deleted_at(&gone), Some(later(10)));
        // The old copy coming back (from a stale file) does not resurrect it.
        let again = merge(&merged, &merged, &base, Ties::ByContent).workspace;
        assert!(again.partner(&gone).is_none());
    }

    #[test]
    fn an_edit_after_the_deletion_keeps_the_record() {
        let base = demo::workspace(now());
        let id = base.partners[0].id.clone();
        let mut ours = base.clone();
        ours.move_stage(&id, Stage::Paused, later(20));
        let mut theirs = base.clone();
        theirs.delete_partner(&id, later(10));
        let merged = merge(&base, &ours, &theirs, Ties::ByContent);
        assert_eq!(merged.workspace.partner(&id).unwrap().stage, Stage::Paused);
        assert_eq!(merged.workspace.deleted_at(&id), None);
        assert_eq!(merged.conflicts.len(), 1, "{:?}", merged.conflicts);
    }

    #[test]
    fn our_additions_survive_their_save() {
        let base = demo::workspace(now());
        let mut ours = base.clone();
        let mut mine = base.partners[0].clone();
        mine.id = Id::parse("added-here").unwrap();
        ours.partners.push(mine);
        let mut theirs = base.clone();
        theirs.program_name = "Renamed there".into();
        let merged = merge(&base, &ours, &theirs, Ties::ByContent).workspace;
        assert!(merged.partner(&Id::parse("added-here").unwrap()).is_some());
        assert_eq!(merged.program_name, "Renamed there");
    }

    #[test]
    fn the_same_record_edited_twice_keeps_the_later_edit_and_says_so() {
        let base = demo::workspace(now());
        let id = base.partners[0].id.clone();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.move_stage(&id, Stage::Paused, later(5));
        theirs.move_stage(&id, Stage::Research, later(9));
        let merged = merge(&base, &ours, &theirs, Ties::ByContent);
        assert_eq!(
            merged.workspace.partner(&id).unwrap().stage,
            Stage::Research
        );
        assert_eq!(
            merged.conflicts,
            [format!(
                "{}: Stage (kept the later edit)",
                base.partners[0].name
            )]
        );
    }

    #[test]
    fn same_second_edits_settle_the_same_way_on_both_sides() {
        let base = demo::workspace(now());
        let id = base.partners[0].id.clone();
        let mut ours = base.clone();
        let mut theirs = base.clone();
        ours.move_stage(&id, Stage::Paused, later(5));
        theirs.move_stage(&id, Stage::Research, later(5));
        let here = merge(&base, &ours, &theirs, Ties::ByContent).workspace;
        let there = merge(&base, &theirs, &ours, Ties::ByContent).workspace;
        assert_eq!(here.partners, there.partners);
    }

    #[test]
    fn two_tabs_that_each_created_a_market_by_one_name_settle_on_one_market() {
        use crate::model::core::id::Id;
        use crate::model::metrics::record::Series;
        let base = demo::workspace(now());
        let (pa, pb) = (base.partners[0].id.clone(), base.partners[1].id.clone());
        let id = |s: &str| Id::parse(s).unwrap();
        // Tab A adds "Côte d’Ivoire" to a partner, with a metric there; tab B adds
        // " cote d’ivoire" to another partner and plans landing there.
        let mut a = base.clone();
        a.add_partner_market(
            &pa,
            Market::new(id("m-us-a"), "Côte d’Ivoire", later(5)),
            later(5),
        )
        .unwrap();
        let series = Series {
            market: id("m-us-a"),
            metric: "users".into(),
            values: [(
                crate::model::core::month::Month::new(2026, 10).unwrap(),
                120.0,
            )]
            .into(),
        };
        let i = a.partners.iter().position(|p| p.id == pa).unwrap();
        a.partners[i].metrics.push(series);
        let mut b = base.clone();
        b.add_partner_market(
            &pb,
            Market::new(id("m-us-b"), " cote d’ivoire", later(7)),
            later(7),
        )
        .unwrap();
        let j = b.partners.iter().position(|p| p.id == pb).unwrap();
        b.partners[j]
            .landing
            .push(crate::model::landing::LandingTrack::new(
                id("t-us"),
                Some(id("m-us-b")),
                String::new(),
            ));
        // Each tab takes in the other's save, in either order, and again after.
        let at_a = merge(&base, &a, &b, Ties::ByContent).workspace;
        let at_b = merge(&base, &b, &a, Ties::ByContent).workspace;
        let us = |ws: &Workspace| {
            ws.markets
                .iter()
                .filter(|m| Market::key(&m.name) == "cote d’ivoire")
                .map(|m| m.id.clone())
                .collect::<Vec<_>>()
        };
        // One market, the earlier created, on both sides; every reference moved to it.
        assert_eq!(us(&at_a), [id("m-us-a")]);
        assert_eq!(us(&at_b), [id("m-us-a")]);
        assert_eq!(at_a.markets, at_b.markets);
        assert_eq!(at_a.partners, at_b.partners);
        let pb_there = at_a.partner(&pb).unwrap();
        assert_eq!(pb_there.markets.last(), Some(&id("m-us-a")));
        assert_eq!(pb_there.landing.last().unwrap().market, Some(id("m-us-a")));
        assert_eq!(
            at_a.partner(&pa).unwrap().metrics.last().unwrap().market,
            id("m-us-a")
        );
        assert!(crate::model::workspace::validate::workspace(&at_a).is_empty());
        // The next round of saves changes nothing: the tabs have converged.
        assert_eq!(merge(&at_b, &at_a, &at_b, Ties::ByContent).workspace, at_a);
        assert_eq!(merge(&at_a, &at_b, &at_a, Ties::ByContent).workspace, at_b);
        // A tab that saw only B's save meets A's joined one: still the one market.
        let late = merge(&base, &b, &at_a, Ties::ByContent).workspace;
        assert_eq!(us(&late), [id("m-us-a")]);
    }

    #[test]
    fn markets_both_tabs_hold_are_not_joined_by_name() {
        use crate::model::core::id::Id;
        let id = |s: &str| Id::parse(s).unwrap();
        let mut base = demo::workspace(now());
        // Written before accents were compared: both sides hold both.
        base.markets.push(Market::new(id("m-mx1"), "Mexico", now()));
        base.markets.push(Market::new(id("m-mx2"), "México", now()));
        let mut theirs = base.clone();
        theirs.program_name = "Renamed".into();
        let merged = merge(&base, &base, &theirs, Ties::ByContent).workspace;
        assert!(merged.market(&id("m-mx1")).is_some() && merged.market(&id("m-mx2")).is_some());
    }

    #[test]
    fn a_market_deleted_there_but_used_here_is_kept() {
        let base = demo::workspace(now());
        let market = base.markets.last().unwrap().id.clone();
        let mut theirs = base.clone();
        for p in &mut theirs.partners {
            p.markets.retain(|m| m != &market);
            p.metrics.retain(|s| s.market != market);
            p.landing.retain(|t| t.market.as_ref() != Some(&market));
        }
        theirs.remove_market(&market, later(10)).unwrap();
        let mut ours = base.clone();
        let pid = ours.partners[0].id.clone();
        let mut p = ours.partner(&pid).unwrap().clone();
        if !p.markets.contains(&market) {
            p.markets.push(market.clone());
        }
        ours.save_partner(p, later(20)).unwrap();
        let merged = merge(&base, &ours, &theirs, Ties::ByContent).workspace;
        assert!(merged.market(&market).is_some());
        assert!(crate::model::workspace::validate::workspace(&merged).is_empty());
    }

    #[test]
    fn within_one_millisecond_the_later_stamp_wins_whatever_the_contents() {
        let base = demo::workspace(now());
        let id = base.partners[0].id.clone();
        let ms = later(5).timestamp_millis();
        // Both edits in the same second (and millisecond); the later stamp is the one
        // made after seeing the other, or the higher writer.
        for (a, b) in [
            (Stamp::new(ms, 0, 1), Stamp::new(ms, 1, 1)),
            (Stamp::new(ms, 0, 2), Stamp::new(ms, 0, 1)),
            (Stamp::new(ms, 3, u64::MAX), Stamp::new(ms, 4, 5)),
        ] {
            for (first, second) in [
                (Stage::Paused, Stage::Research),
                (Stage::Research, Stage::Paused),
            ] {
                let mut ours = base.clone();
                let mut theirs = base.clone();
                ours.move_stage(&id, first, later(5));
                theirs.move_stage(&id, second, later(5));
                ours.partners[0].stamp = Some(a);
                theirs.partners[0].stamp = Some(b);
                let expected = if b > a { second } else { first };
                for ties in [Ties::ByContent, Ties::KeepOurs] {
                    let here = merge(&base, &ours, &theirs, ties).workspace;
                    let there = merge(&base, &theirs, &ours, ties).workspace;
                    assert_eq!(here.partner(&id).unwrap().stage, expected);
                    assert_eq!(there.partner(&id).unwrap().stage, expected);
                }
            }
        }
    }

    #[test]
    fn a_stamped_deletion_and_a_stamped_edit_of_the_same_second_go_by_stamp() {
        let base = demo::workspace(now());
        let id = base.partners[0].id.clone();
        let ms = later(5).timestamp_millis();
        for (edit, deletion, alive) in [
            (Stamp::new(ms, 1, 7), Stamp::new(ms, 0, 8), true),
            (Stamp::new(ms, 0, 8), Stamp::new(ms, 1, 7), false),
        ] {
            let mut ours = base.clone();
            ours.move_stage(&id, Stage::Paused, later(5));
            ours.partners[0].stamp = Some(edit);
            let mut theirs = base.clone();
            theirs.delete_partner(&id, later(5));
            theirs.deleted[0].stamp = Some(deletion);
            for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
                let merged = merge(&base, a, b, Ties::ByContent).workspace;
                assert_eq!(merged.partner(&id).is_some(), alive);
                assert_eq!(merged.deleted_at(&id).is_some(), !alive);
            }
        }
    }
}
