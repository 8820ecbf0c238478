//! Importing a file into the workspace: what would change (the preview), and the change
//! itself, as a merge by id or a replacement.
//!
//! A merge follows `sync::merge`, record by record (partners and markets):
//! - a record only in the file is added, unless we deleted it after its last edit;
//! - a record in both is taken from the file when the file's `updated` is newer, kept
//!   as it is when ours is newer or equally new;
//! - a record only in the workspace stays, unless the file carries its deletion made
//!   after our last edit of it.
//!
//! A market in the file whose name matches one of ours under another id is the same
//! market (names compared by [`Market::key`]: case, accents and spacing aside): every
//! place the file names it ([`Workspace::market_refs_mut`]: partners' markets, landing
//! tracks, metric series) is pointed at our id, so the catalogue never holds the same
//! market twice and nothing in the file is left pointing at a market that is not there.
//! The program name stays ours in a merge.
//!
//! The preview and the import run one and the same computation ([`preview`] and
//! [`apply`] both call `outcome`), validation included: a preview that offers the
//! import lists every rule the result would break, so choosing it never ends in a
//! refusal the preview did not show.

use super::records::{Market, Partner, Workspace};
use super::sync;
use super::validate::{self, ValidationError};
use super::Id;
use std::collections::{HashMap, HashSet};

/// Merge keeps both sides; replace swaps the workspace for the file's.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Merge,
    Replace,
}

/// What happens to each partner, by name, if the import is applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    pub added: Vec<String>,
    pub updated: Vec<String>,
    pub unchanged: Vec<String>,
    /// In both, ours is newer: ours stays (merge only).
    pub kept_ours: Vec<String>,
    /// In the workspace but not in the file: gone after a replace.
    pub removed: Vec<String>,
    pub markets_added: usize,
    /// Markets in both whose file version is taken (merge) or differs (replace).
    pub markets_updated: usize,
    /// Markets only in the workspace: gone after a replace.
    pub markets_removed: usize,
    /// The file's program name, when a replace would change ours.
    pub program_renamed: Option<String>,
    /// Whether the program's target, levers or program wins would change: the file's
    /// were edited more recently (merge), or differ (replace).
    pub program_target_changed: bool,
    /// Whether the file has another program target that a merge leaves aside because
    /// ours was edited more recently.
    pub program_target_kept: bool,
    /// Markets of the file that are ours under another name's spelling or id, as
    /// (the file's name, our name): the file's records are filed under ours (merge only).
    pub markets_matched: Vec<(String, String)>,
    /// Whether the workspace after the import differs in any way (order included)
    /// from the one before: the lists above can all be empty while the order changes.
    pub changes_anything: bool,
    /// The rules the result would break: exactly what [`apply`] refuses with. When not
    /// empty, the import cannot be applied in this mode.
    pub refused: Vec<ValidationError>,
}

impl Preview {
    /// Whether applying would change nothing at all.
    pub fn is_no_op(&self) -> bool {
        !self.changes_anything
    }

    /// Whether [`apply`] accepts this import: the result breaks no rule.
    pub fn can_apply(&self) -> bool {
        self.refused.is_empty()
    }
}

/// What `apply` would do, without doing it.
pub fn preview(current: &Workspace, incoming: &Workspace, mode: Mode) -> Preview {
    let Outcome {
        incoming,
        after,
        matched,
        refused,
    } = outcome(current, incoming, mode);
    let mut out = Preview {
        refused,
        markets_matched: matched,
        ..Preview::default()
    };
    for theirs in &incoming.partners {
        let name = theirs.name.clone();
        let ours = current.partner(&theirs.id);
        let result = after.partner(&theirs.id);
        match (ours, result) {
            (None, Some(_)) => out.added.push(name),
            (None, None) => out.kept_ours.push(name),
            (Some(o), _) if o == theirs => out.unchanged.push(name),
            (Some(_), Some(r)) if r == theirs => out.updated.push(name),
            (Some(_), _) => out.kept_ours.push(name),
        }
    }
    out.removed = current
        .partners
        .iter()
        .filter(|p| after.partner(&p.id).is_none())
        .map(|p| p.name.clone())
        .collect();
    for m in &after.markets {
        match current.market(&m.id) {
            None => out.markets_added += 1,
            Some(mine) if mine != m => out.markets_updated += 1,
            Some(_) => {}
        }
    }
    out.markets_removed = current
        .markets
        .iter()
        .filter(|m| after.market(&m.id).is_none())
        .count();
    if after.program_name != current.program_name {
        out.program_renamed = Some(after.program_name.clone());
    }
    out.program_target_changed = after.program != current.program;
    out.program_target_kept = !incoming.program.is_blank()
        && incoming.program != current.program
        && after.program == current.program;
    out.changes_anything = after != *current;
    out
}

/// The workspace after the import. The result is validated again: should the two sides
/// combine into something invalid, the import is refused and nothing changes. The
/// preview has listed the same refusals in [`Preview::refused`].
pub fn apply(
    current: &Workspace,
    incoming: &Workspace,
    mode: Mode,
) -> Result<Workspace, Vec<ValidationError>> {
    let Outcome { after, refused, .. } = outcome(current, incoming, mode);
    if refused.is_empty() {
        Ok(after)
    } else {
        Err(refused)
    }
}

/// One computation behind both the preview and the import.
struct Outcome {
    /// The file's workspace as combined: its markets matched to ours (merge).
    incoming: Workspace,
    after: Workspace,
    /// (the file's market name, ours) for each market matched by name.
    matched: Vec<(String, String)>,
    refused: Vec<ValidationError>,
}

fn outcome(current: &Workspace, incoming: &Workspace, mode: Mode) -> Outcome {
    let (incoming, matched) = match mode {
        Mode::Merge => {
            let renames = market_matches(current, incoming);
            let matched = incoming
                .markets
                .iter()
                .filter_map(|m| {
                    let ours = current.market(renames.get(&m.id)?)?;
                    Some((m.name.clone(), ours.name.clone()))
                })
                .collect();
            (renamed(incoming, &renames), matched)
        }
        Mode::Replace => (incoming.clone(), Vec::new()),
    };
    let after = combine(current, &incoming, mode);
    let refused = validate::workspace(&after);
    Outcome {
        incoming,
        after,
        matched,
        refused,
    }
}

/// Merge or replace, once the file's markets are matched to ours.
fn combine(current: &Workspace, incoming: &Workspace, mode: Mode) -> Workspace {
    match mode {
        Mode::Replace => incoming.clone(),
        Mode::Merge => {
            let mut merged =
                sync::merge(current, current, incoming, sync::Ties::KeepOurs).workspace;
            // The program is ours: a file brings partners, not a new name.
            merged.program_name = current.program_name.clone();
            merged
        }
    }
}

/// The file's workspace with its markets matched to ours by name ([`Market::key`]): a
/// matching market takes our id everywhere the file names it, and leaves the file's
/// catalogue.
pub fn match_markets(current: &Workspace, incoming: &Workspace) -> Workspace {
    renamed(incoming, &market_matches(current, incoming))
}

/// The file's markets that are ours under another id, to our id. A market of the file
/// whose id we hold is the same market by id, whatever its name. Among ours, a name
/// equal but for case wins over one equal but for accents (a catalogue may hold both
/// `Mexico` and `México`, written before accents were compared).
fn market_matches(current: &Workspace, incoming: &Workspace) -> HashMap<Id, Id> {
    let plain = |name: &str| name.trim().to_lowercase();
    let mut renames = HashMap::new();
    for theirs in &incoming.markets {
        if current.market(&theirs.id).is_some() {
            continue;
        }
        let key = Market::key(&theirs.name);
        let same: Vec<&Market> = current
            .markets
            .iter()
            .filter(|m| Market::key(&m.name) == key)
            .collect();
        let ours = same
            .iter()
            .find(|m| plain(&m.name) == plain(&theirs.name))
            .or(same.first());
        if let Some(ours) = ours {
            renames.insert(theirs.id.clone(), ours.id.clone());
        }
    }
    renames
}

/// The file's workspace with each renamed market's id replaced everywhere it is named.
fn renamed(incoming: &Workspace, renames: &HashMap<Id, Id>) -> Workspace {
    let mut out = incoming.clone();
    if renames.is_empty() {
        return out;
    }
    out.markets.retain(|m| !renames.contains_key(&m.id));
    for id in out.market_refs_mut() {
        if let Some(ours) = renames.get(id) {
            *id = ours.clone();
        }
    }
    for p in &mut out.partners {
        rejoin(p);
    }
    out
}

/// Two markets of the file may have become one (`Mexico` and `México` both matching
/// ours): the partner lists it once, and two series of one metric there become one, the
/// first one's value standing where both have a month.
fn rejoin(p: &mut Partner) {
    let mut seen = HashSet::new();
    p.markets.retain(|id| seen.insert(id.clone()));
    let mut joined: Vec<super::metrics::Series> = Vec::with_capacity(p.metrics.len());
    for s in std::mem::take(&mut p.metrics) {
        let metric = s.metric.trim().to_lowercase();
        match joined
            .iter_mut()
            .find(|j| j.market == s.market && j.metric.trim().to_lowercase() == metric)
        {
            Some(j) => {
                for (month, value) in s.values {
                    j.values.entry(month).or_insert(value);
                }
            }
            None => joined.push(s),
        }
    }
    p.metrics = joined;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyPlayer, Market, Partner, Stage};
    use chrono::{DateTime, Duration, TimeZone, Utc};

    fn t(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, day, 9, 0, 0).unwrap()
    }
    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }
    fn partner(i: &str, name: &str, day: u32) -> Partner {
        Partner::new(id(i), name, t(day))
    }
    fn ws(partners: Vec<Partner>) -> Workspace {
        Workspace {
            partners,
            ..Workspace::empty()
        }
    }

    #[test]
    fn a_newer_program_target_in_the_file_is_announced_and_taken() {
        let ours = ws(vec![partner("a", "Aria", 1)]);
        let mut theirs = ours.clone();
        theirs.program.metric = "users".into();
        theirs.program.target_growth = Some(250.0);
        theirs.program.updated = Some(t(4));
        let p = preview(&ours, &theirs, Mode::Merge);
        assert!(p.program_target_changed);
        assert!(!p.is_no_op());
        assert_eq!(
            apply(&ours, &theirs, Mode::Merge).unwrap().program,
            theirs.program
        );
        // Ours edited later: ours stays, and the preview says nothing changes there.
        let mut later = ours.clone();
        later.program.metric = "revenue".into();
        later.program.updated = Some(t(6));
        let p = preview(&later, &theirs, Mode::Merge);
        assert!(!p.program_target_changed);
        assert!(
            p.program_target_kept,
            "the file's older target is named, not dropped silently"
        );
        assert_eq!(
            apply(&later, &theirs, Mode::Merge).unwrap().program,
            later.program
        );
        // A partners export carries no target and never clears ours.
        let subset = crate::model::file::subset(&later, &[id("a")].into());
        let p = preview(&later, &subset, Mode::Merge);
        assert!(!p.program_target_changed && !p.program_target_kept);
    }

    #[test]
    fn merge_adds_updates_and_keeps_the_newer_side() {
        let mut newer_here = partner("b", "Beat", 1);
        newer_here.updated = t(5);
        let ours = ws(vec![
            partner("a", "Aria", 1),
            newer_here,
            partner("c", "Chord", 1),
        ]);
        let mut a_theirs = partner("a", "Aria", 1);
        a_theirs.stage = Stage::Live;
        a_theirs.updated = t(3);
        let mut b_theirs = partner("b", "Beat (old)", 1);
        b_theirs.updated = t(2);
        let theirs = ws(vec![
            a_theirs.clone(),
            b_theirs,
            partner("c", "Chord", 1),
            partner("d", "Drum", 2),
        ]);

        let p = preview(&ours, &theirs, Mode::Merge);
        assert_eq!(p.added, ["Drum"]);
        assert_eq!(p.updated, ["Aria"]);
        assert_eq!(p.unchanged, ["Chord"]);
        assert_eq!(p.kept_ours, ["Beat (old)"]);
        assert!(p.removed.is_empty());

        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        let names: Vec<_> = merged.partners.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Aria", "Beat", "Chord", "Drum"]);
        assert_eq!(merged.partners[0], a_theirs);
    }

    #[test]
    fn replace_lists_what_disappears() {
        let ours = ws(vec![partner("a", "Aria", 1), partner("b", "Beat", 1)]);
        let theirs = ws(vec![partner("b", "Beat", 1), partner("c", "Chord", 1)]);
        let p = preview(&ours, &theirs, Mode::Replace);
        assert_eq!(p.added, ["Chord"]);
        assert_eq!(p.unchanged, ["Beat"]);
        assert_eq!(p.removed, ["Aria"]);
        assert_eq!(apply(&ours, &theirs, Mode::Replace).unwrap(), theirs);
    }

    #[test]
    fn merging_a_workspace_into_itself_changes_nothing() {
        let ours = ws(vec![partner("a", "Aria", 1), partner("b", "Beat", 2)]);
        assert!(preview(&ours, &ours, Mode::Merge).is_no_op());
        assert_eq!(apply(&ours, &ours, Mode::Merge).unwrap(), ours);
    }

    #[test]
    fn same_market_name_under_another_id_is_unified() {
        let mut ours = ws(vec![]);
        ours.markets.push(Market::new(id("m-de"), "Germany", t(1)));
        let mut theirs = ws(vec![]);
        theirs
            .markets
            .push(Market::new(id("x-de"), "germany", t(1)));
        theirs.markets.push(Market::new(id("x-br"), "Brazil", t(1)));
        let mut p = partner("p", "Pulse", 1);
        p.markets = vec![id("x-de"), id("x-br")];
        theirs.partners.push(p);

        assert_eq!(preview(&ours, &theirs, Mode::Merge).markets_added, 1);
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        assert_eq!(merged.markets.len(), 2);
        assert_eq!(merged.partners[0].markets, [id("m-de"), id("x-br")]);
    }

    #[test]
    fn an_invalid_combination_is_refused() {
        // A key player id in the file that our workspace uses for a partner.
        let ours = ws(vec![partner("a", "Aria", 1)]);
        let mut p = partner("b", "Beat", 1);
        p.key_players.push(KeyPlayer::new(id("a"), "Ana", t(1)));
        let theirs = ws(vec![p]);
        let errors = apply(&ours, &theirs, Mode::Merge).unwrap_err();
        assert!(
            errors[0].message.contains("same id as partner \"Aria\""),
            "{errors:?}"
        );
        // The preview said so before.
        assert_eq!(preview(&ours, &theirs, Mode::Merge).refused, errors);
    }

    #[test]
    fn equal_timestamps_keep_ours() {
        let ours = ws(vec![partner("a", "Aria", 1)]);
        let mut theirs = ws(vec![partner("a", "Aria renamed", 1)]);
        theirs.partners[0].updated = t(1) + Duration::zero();
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        assert_eq!(merged.partners[0].name, "Aria");
    }
}
