//! Importing a file into the workspace: what would change (the preview), and the change
//! itself, as a merge by id or a replacement.
//!
//! A merge follows `rule::merge`, record by record (partners and markets):
//! - a record only in the file is added, unless we deleted it after its last edit;
//! - a market in both is taken from the file when the file's stamp is later, kept as it
//!   is when ours is later or equally late; a partner in both is merged field by field
//!   and item by item (`merge::fields`), each part from the side that edited it last;
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

use crate::model::core::check::ValidationError;
use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::core::stamp::Stamp;
use crate::model::merge::conflict::{self, Conflict};
use crate::model::merge::rule;
use crate::model::workspace::records::{Market, Partner, Workspace};
use crate::model::workspace::validate::{self};
use chrono::{DateTime, Utc};
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
    /// In both, and the import changes ours: the file's version, or some of its fields.
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
    /// Markets of the file matched to ours by name under another id, as (the file's
    /// name, our name): the file's records there are filed under ours (merge only).
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

/// Whether both sides of an import are known to pass validation as they are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sides {
    /// Either may break a rule (a spreadsheet's rows, a hand-made workspace): the result
    /// is checked whole.
    Unchecked,
    /// Both passed `validate::workspace` as they are: the workspace the app holds
    /// (checked when loaded and at each edit) and a file that `file::restore` returned.
    /// A partner the result takes unchanged from either (the same version,
    /// `Shared::same`) is not checked on its own again (`validate::Checked`); a partner
    /// the merge wrote, or whose markets it rewrote, is.
    Valid,
}

/// What `apply` would do, without doing it.
pub fn preview(current: &Workspace, incoming: &Workspace, mode: Mode) -> Preview {
    preview_of(current, incoming, mode, Sides::Unchecked)
}

/// [`preview`] of two sides known to pass validation ([`Sides::Valid`]): the import
/// dialog's, a restored file into the app's workspace.
pub fn preview_valid(current: &Workspace, incoming: &Workspace, mode: Mode) -> Preview {
    preview_of(current, incoming, mode, Sides::Valid)
}

fn preview_of(current: &Workspace, incoming: &Workspace, mode: Mode, sides: Sides) -> Preview {
    let Outcome {
        incoming,
        after,
        matched,
        refused,
    } = outcome(current, incoming, mode, sides);
    let mut out = Preview {
        refused,
        markets_matched: matched,
        ..Preview::default()
    };
    // Each side's records by id, built once: a lookup per partner stays constant time.
    let partners = |ws: &Workspace| -> HashMap<Id, usize> {
        ws.partners
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), i))
            .collect()
    };
    let markets = |ws: &Workspace| -> HashMap<Id, usize> {
        ws.markets
            .iter()
            .enumerate()
            .map(|(i, m)| (m.id.clone(), i))
            .collect()
    };
    let (current_partners, after_partners) = (partners(current), partners(&after));
    let (current_markets, after_markets) = (markets(current), markets(&after));
    for theirs in &incoming.partners {
        let name = theirs.name.clone();
        let ours = current_partners
            .get(&theirs.id)
            .map(|&i| &current.partners[i]);
        let result = after_partners.get(&theirs.id).map(|&i| &after.partners[i]);
        match (ours, result) {
            (None, Some(_)) => out.added.push(name),
            (None, None) => out.kept_ours.push(name),
            (Some(o), _) if o == theirs => out.unchanged.push(name),
            // Taken from the file, whole or field by field (`merge::fields`).
            (Some(o), Some(r)) if r != o => out.updated.push(name),
            (Some(_), _) => out.kept_ours.push(name),
        }
    }
    out.removed = current
        .partners
        .iter()
        .filter(|p| !after_partners.contains_key(&p.id))
        .map(|p| p.name.clone())
        .collect();
    for m in &after.markets {
        match current_markets.get(&m.id).map(|&i| &current.markets[i]) {
            None => out.markets_added += 1,
            Some(mine) if mine != m => out.markets_updated += 1,
            Some(_) => {}
        }
    }
    out.markets_removed = current
        .markets
        .iter()
        .filter(|m| !after_markets.contains_key(&m.id))
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
    apply_of(current, incoming, mode, Sides::Unchecked)
}

/// [`apply`] of two sides known to pass validation ([`Sides::Valid`]), as
/// [`preview_valid`] previews it.
pub fn apply_valid(
    current: &Workspace,
    incoming: &Workspace,
    mode: Mode,
) -> Result<Workspace, Vec<ValidationError>> {
    apply_of(current, incoming, mode, Sides::Valid)
}

fn apply_of(
    current: &Workspace,
    incoming: &Workspace,
    mode: Mode,
    sides: Sides,
) -> Result<Workspace, Vec<ValidationError>> {
    let Outcome { after, refused, .. } = outcome(current, incoming, mode, sides);
    if refused.is_empty() {
        Ok(after)
    } else {
        Err(refused)
    }
}

/// The conflicts a person settles before importing in `mode`: the partners both sides
/// edited since they last shared them (`conflict::find`, with the file's markets matched
/// to ours). None for a replace, which takes the file whole.
pub fn conflicts(
    current: &Workspace,
    incoming: &Workspace,
    shared: &conflict::Shared,
    mode: Mode,
) -> Vec<Conflict> {
    match mode {
        Mode::Merge => conflict::find(current, &match_markets(current, incoming), shared),
        Mode::Replace => Vec::new(),
    }
}

impl Preview {
    /// The preview shown beside `conflicts`: a partner with clashing parts is listed
    /// there with its choice, so it leaves the updated and kept lists here.
    pub fn beside(mut self, conflicts: &[Conflict]) -> Preview {
        let names: HashSet<&str> = conflicts.iter().map(|c| c.theirs.name.as_str()).collect();
        self.updated.retain(|n| !names.contains(n.as_str()));
        self.kept_ours.retain(|n| !names.contains(n.as_str()));
        self
    }
}

/// The import as the person settled it: `merged` (from [`apply`]) with each conflict
/// settled as chosen (`conflict::settle`; `stamp` is the choice's edit stamp, `new_id`
/// makes the ids of a partner kept twice), then validated again: the preview ran the
/// checks without the choices, so a choice that breaks a rule refuses the import here.
pub fn settle(
    mut merged: Workspace,
    conflicts: &[Conflict],
    choices: &conflict::Choices,
    now: DateTime<Utc>,
    stamp: Stamp,
    new_id: impl FnMut() -> Id,
) -> Result<Workspace, Vec<ValidationError>> {
    conflict::settle(&mut merged, conflicts, choices, now, stamp, new_id);
    let errors = validate::workspace(&merged);
    if errors.is_empty() {
        Ok(merged)
    } else {
        Err(errors)
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

fn outcome(current: &Workspace, file: &Workspace, mode: Mode, sides: Sides) -> Outcome {
    let incoming = file;
    let (incoming, matched) = match mode {
        Mode::Merge => {
            let renames = market_matches(current, incoming);
            let ours_by_id: HashMap<&Id, &Market> =
                current.markets.iter().map(|m| (&m.id, m)).collect();
            let matched = incoming
                .markets
                .iter()
                .filter_map(|m| {
                    let ours = *ours_by_id.get(renames.get(&m.id)?)?;
                    Some((m.name.clone(), ours.name.clone()))
                })
                .collect();
            (
                ours_where_equal(renamed(incoming, &renames), current),
                matched,
            )
        }
        Mode::Replace => (incoming.clone(), Vec::new()),
    };
    let after = combine(current, &incoming, mode);
    let checked = match sides {
        Sides::Valid => validate::Checked::partners_of(&[current, file]),
        Sides::Unchecked => validate::Checked::none(),
    };
    let refused = validate::workspace_reusing(&after, &checked);
    Outcome {
        incoming,
        after,
        matched,
        refused,
    }
}

/// The file's partners that equal ours, as our versions of them (the same
/// [`Shared`](crate::model::core::shared::Shared) record): equal, so nothing the merge
/// or the preview makes of them changes, but then told unchanged by pointer, where each
/// of the merge's and the preview's questions compared them field by field, 2,000
/// partners four times over in an import of a program's own file.
fn ours_where_equal(mut incoming: Workspace, current: &Workspace) -> Workspace {
    let ours: HashMap<&Id, &Shared<Partner>> =
        current.partners.iter().map(|p| (&p.id, p)).collect();
    for p in &mut incoming.partners {
        if let Some(&o) = ours.get(&p.id) {
            if !Shared::same(o, p) && **o == **p {
                *p = o.clone();
            }
        }
    }
    incoming
}

/// Merge or replace, once the file's markets are matched to ours.
fn combine(current: &Workspace, incoming: &Workspace, mode: Mode) -> Workspace {
    match mode {
        Mode::Replace => incoming.clone(),
        Mode::Merge => {
            let mut merged =
                rule::merge(current, current, incoming, rule::Ties::KeepOurs).workspace;
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
    // Our markets by id and by name key, in catalogue order, built once.
    let ids: HashSet<&Id> = current.markets.iter().map(|m| &m.id).collect();
    let mut by_key: HashMap<String, Vec<&Market>> = HashMap::new();
    for m in &current.markets {
        by_key.entry(Market::key(&m.name)).or_default().push(m);
    }
    let mut renames = HashMap::new();
    for theirs in &incoming.markets {
        if ids.contains(&theirs.id) {
            continue;
        }
        let same = by_key
            .get(&Market::key(&theirs.name))
            .map(Vec::as_slice)
            .unwrap_or_default();
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
    join_markets(&mut out, renames);
    out
}

/// Makes each market of `renames` the one it maps to: the renamed market leaves the
/// catalogue and its id is replaced everywhere the workspace names a market
/// ([`Workspace::market_refs_mut_where`]), then each partner lists a market once and
/// joins series that became one. Shared by imports and by tabs' merges.
///
/// Only the partners this changes are written ([`joining_changes`]); the others stay
/// the very version they were. Writing every partner copied each one (another version
/// holds it), so a file whose markets match ours by name came out of this step with
/// 2,000 new partner versions, all compared field by field and validated again.
pub(super) fn join_markets(ws: &mut Workspace, renames: &HashMap<Id, Id>) {
    if renames.is_empty() {
        return;
    }
    ws.markets.retain(|m| !renames.contains_key(&m.id));
    // Decided before any id changes: afterwards a renamed partner names ours.
    let changes: Vec<bool> = ws
        .partners
        .iter()
        .map(|p| joining_changes(p, renames))
        .collect();
    for id in ws.market_refs_mut_where(|i, _| changes[i]) {
        if let Some(ours) = renames.get(id) {
            *id = ours.clone();
        }
    }
    for (p, _) in ws.partners.iter_mut().zip(&changes).filter(|(_, c)| **c) {
        rejoin(p);
        rename_series_stamps(p, renames);
    }
}

/// Whether [`join_markets`] changes `p`: it names a renamed market (in its markets,
/// landing tracks, metric series or its series' stamps), or [`rejoin`] would change it
/// anyway (a market listed twice, two series of one metric and market: never in a
/// partner that passed validation, possible in one that did not). A partner for which
/// this is false comes out of the joining equal to what it was.
fn joining_changes(p: &Partner, renames: &HashMap<Id, Id>) -> bool {
    if p.market_refs().any(|id| renames.contains_key(id)) {
        return true;
    }
    let renamed = |key: &String| {
        key.strip_prefix("me:")
            .and_then(|k| k.split_once('/'))
            .and_then(|(market, _)| Id::parse(market).ok())
            .is_some_and(|m| renames.contains_key(&m))
    };
    if p.stamps.keys().any(renamed) {
        return true;
    }
    let mut seen = HashSet::new();
    if !p.markets.iter().all(|id| seen.insert(id)) {
        return true;
    }
    let mut series = HashSet::new();
    !p.metrics
        .iter()
        .all(|s| series.insert((&s.market, s.metric.trim().to_lowercase())))
}

/// A metric series' part key names its market (`me:<market>/<metric>`, see
/// `workspace::stamps`): its stamp follows the series to our market id, the later
/// stamp standing where two series became one.
fn rename_series_stamps(p: &mut Partner, renames: &HashMap<Id, Id>) {
    let moved: Vec<(String, String)> = p
        .stamps
        .keys()
        .filter_map(|k| {
            let (market, metric) = k.strip_prefix("me:")?.split_once('/')?;
            let ours = renames.get(&Id::parse(market).ok()?)?;
            Some((k.clone(), format!("me:{ours}/{metric}")))
        })
        .collect();
    if moved.is_empty() {
        return;
    }
    let p = &mut *p;
    for (old, new) in moved {
        if let Some(s) = p.stamps.remove(&old) {
            let kept = p.stamps.entry(new).or_insert(s);
            *kept = (*kept).max(s);
        }
    }
}

/// Two markets of the file may have become one (`Mexico` and `México` both matching
/// ours): the partner lists it once, and two series of one metric there become one, the
/// first one's value standing where both have a month.
fn rejoin(p: &mut Partner) {
    let mut seen = HashSet::new();
    p.markets.retain(|id| seen.insert(id.clone()));
    let mut joined: Vec<crate::model::metrics::record::Series> =
        Vec::with_capacity(p.metrics.len());
    // Each joined series' place by (market, metric as compared).
    let mut at: HashMap<(Id, String), usize> = HashMap::new();
    for s in std::mem::take(&mut p.metrics) {
        let key = (s.market.clone(), s.metric.trim().to_lowercase());
        match at.get(&key).map(|&i| &mut joined[i]) {
            Some(j) => {
                for (month, value) in s.values {
                    j.values.entry(month).or_insert(value);
                }
            }
            None => {
                at.insert(key, joined.len());
                joined.push(s);
            }
        }
    }
    p.metrics = joined;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::merge::fields::Side;
    use crate::model::{
        core::vocabulary::Stage, workspace::records::KeyPlayer, workspace::records::Market,
        workspace::records::Partner,
    };
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
            partners: partners.into_iter().map(Into::into).collect(),
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
        let subset = crate::model::formats::file::subset(&later, &[id("a")].into());
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
        assert_eq!(merged.partners[0], a_theirs.into());
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
        theirs.partners.push(p.into());

        assert_eq!(preview(&ours, &theirs, Mode::Merge).markets_added, 1);
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        assert_eq!(merged.markets.len(), 2);
        assert_eq!(merged.partners[0].markets, [id("m-de"), id("x-br")]);
    }

    /// Two colleagues' workspaces that each created "United States" on their own, the
    /// file's holding a partner with a landing track and metrics there.
    fn two_colleagues(ours_name: &str, theirs_name: &str) -> (Workspace, Workspace) {
        use crate::model::landing::LandingTrack;
        use crate::model::metrics::Series;
        let mut ours = ws(vec![]);
        ours.markets
            .push(Market::new(id("ours-us"), ours_name, t(1)));
        let mut theirs = ws(vec![]);
        theirs
            .markets
            .push(Market::new(id("theirs-us"), theirs_name, t(2)));
        theirs
            .markets
            .push(Market::new(id("theirs-br"), "Brazil", t(2)));
        let mut p = partner("p", "Pulse", 2);
        p.markets = vec![id("theirs-us"), id("theirs-br")];
        p.landing
            .push(LandingTrack::new(id("l-us"), Some(id("theirs-us")), ""));
        p.metrics.push(Series {
            market: id("theirs-us"),
            metric: "users".into(),
            values: [(crate::model::Month::parse("2026-10").unwrap(), 120.0)].into(),
        });
        theirs.partners.push(p.into());
        (ours, theirs)
    }

    #[test]
    fn an_empty_profile_with_its_own_market_takes_a_colleagues_file_whole() {
        let (ours, theirs) = two_colleagues("United States", "United States");
        let p = preview(&ours, &theirs, Mode::Merge);
        assert!(p.can_apply(), "{:?}", p.refused);
        assert_eq!(p.added, ["Pulse"]);
        assert_eq!(p.markets_added, 1, "Brazil joins; United States is ours");
        assert_eq!(
            p.markets_matched,
            [("United States".to_owned(), "United States".to_owned())]
        );
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        let pulse = &merged.partners[0];
        assert_eq!(pulse.markets, [id("ours-us"), id("theirs-br")]);
        assert_eq!(pulse.landing[0].market, Some(id("ours-us")));
        assert_eq!(pulse.metrics[0].market, id("ours-us"));
        assert_eq!(
            merged
                .markets
                .iter()
                .map(|m| m.id.as_str())
                .collect::<Vec<_>>(),
            ["ours-us", "theirs-br"]
        );
        assert!(validate::workspace(&merged).is_empty());
    }

    #[test]
    fn market_names_meet_across_case_accents_and_spacing() {
        for (ours_name, theirs_name) in [
            ("United States", "  united   STATES "),
            ("México", "Mexico"),
            ("Cote d'Ivoire", "Côte d'Ivoire"),
            ("Ísland", "ISLAND"),
        ] {
            let (ours, theirs) = two_colleagues(ours_name, theirs_name);
            let merged = apply(&ours, &theirs, Mode::Merge)
                .unwrap_or_else(|e| panic!("{theirs_name}: {e:?}"));
            assert_eq!(merged.markets.len(), 2, "{theirs_name} is {ours_name}");
            assert_eq!(merged.markets[0].name, ours_name, "our name stays");
            assert_eq!(merged.partners[0].landing[0].market, Some(id("ours-us")));
        }
        // Another market is another market.
        let (ours, theirs) = two_colleagues("United States", "United Kingdom");
        assert_eq!(apply(&ours, &theirs, Mode::Merge).unwrap().markets.len(), 3);
    }

    #[test]
    fn a_name_equal_but_for_case_wins_over_one_equal_but_for_accents() {
        let (mut ours, theirs) = two_colleagues("Mexico", "méxico");
        ours.markets
            .push(Market::new(id("ours-mx2"), "México", t(1)));
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        assert_eq!(merged.partners[0].markets[0], id("ours-mx2"));
    }

    #[test]
    fn two_markets_of_the_file_that_are_one_of_ours_join_their_series() {
        use crate::model::metrics::Series;
        let (ours, mut theirs) = two_colleagues("Mexico", "Mexico");
        theirs
            .markets
            .push(Market::new(id("theirs-mx2"), "México", t(2)));
        let p = &mut theirs.partners[0];
        p.markets.push(id("theirs-mx2"));
        p.metrics.push(Series {
            market: id("theirs-mx2"),
            metric: "users".into(),
            values: [
                (crate::model::Month::parse("2026-10").unwrap(), 999.0),
                (crate::model::Month::parse("2026-11").unwrap(), 130.0),
            ]
            .into(),
        });
        let p = preview(&ours, &theirs, Mode::Merge);
        assert!(p.can_apply(), "{:?}", p.refused);
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        let pulse = &merged.partners[0];
        assert_eq!(pulse.markets, [id("ours-us"), id("theirs-br")]);
        assert_eq!(pulse.metrics.len(), 1);
        let values: Vec<f64> = pulse.metrics[0].values.values().copied().collect();
        assert_eq!(values, [120.0, 130.0], "the first series' value stands");
    }

    #[test]
    fn a_refused_merge_is_refused_in_the_preview_first() {
        // Our catalogue holds the file's market id under a name the file gives to
        // another market: the file's copy of the id is newer and takes our name.
        let (mut ours, mut theirs) = two_colleagues("United States", "United States");
        ours.markets.push(Market::new(id("theirs-br"), "USA", t(1)));
        theirs.markets[1].name = "United States".into();
        theirs.markets[0].name = "America".into();
        let p = preview(&ours, &theirs, Mode::Merge);
        let applied = apply(&ours, &theirs, Mode::Merge);
        assert_eq!(p.can_apply(), applied.is_ok());
        assert_eq!(applied.err().unwrap_or_default(), p.refused);
        assert!(!p.can_apply(), "two markets named United States");
        assert!(p.refused[0].to_string().contains("\"United States\""));
    }

    // -----------------------------------------------------------------------------
    // Every place that names a market

    /// Every field of the file whose value is an id (or a list of them), as
    /// (record type, field), that does *not* name a catalogue market. Together with
    /// [`MARKET_FIELDS`] it must cover every id-valued field of the file's schema.
    const OTHER_ID_FIELDS: &[(&str, &str)] = &[
        ("Commitment", "id"),
        ("Decision", "id"),
        ("Goal", "id"),
        ("KeyPlayer", "id"),
        ("LadderMove", "id"),
        ("LandingTrack", "id"),
        ("Lever", "id"),
        ("Lever", "partner"),
        ("Market", "id"),
        ("Meeting", "id"),
        ("Meeting", "pitch"),
        // Inside an enum variant: `{"player": "<key player id>"}` (merge::fields keeps
        // it naming a key player the partner holds).
        ("Owner", "player"),
        ("Partner", "id"),
        ("Pitch", "goal"),
        ("Pitch", "id"),
        ("Reception", "player"),
        ("Tombstone", "id"),
        ("Win", "id"),
    ];

    /// Every field that names a catalogue market: what `Workspace::market_refs_mut`
    /// must yield.
    const MARKET_FIELDS: &[(&str, &str)] = &[
        ("LandingTrack", "market"),
        ("Partner", "markets"),
        ("Series", "market"),
    ];

    type Found = std::collections::BTreeMap<(String, String), Vec<String>>;

    /// Walks a value along its schema and collects, per (record type, field), the ids
    /// found in id-valued fields.
    fn ids_by_field(schema: &serde_json::Value, value: &serde_json::Value) -> Found {
        let defs = &schema["$defs"];
        let mut found = Found::new();
        walk(defs, "Workspace", schema, value, &mut found);
        found
    }

    fn is_id(node: &serde_json::Value) -> bool {
        let refers = |n: &serde_json::Value| n["$ref"] == "#/$defs/Id";
        refers(node)
            || refers(&node["items"])
            || node["anyOf"]
                .as_array()
                .is_some_and(|a| a.iter().any(|n| refers(n) || refers(&n["items"])))
    }

    fn walk(
        defs: &serde_json::Value,
        record: &str,
        node: &serde_json::Value,
        value: &serde_json::Value,
        found: &mut Found,
    ) {
        use serde_json::Value;
        if let Some(target) = node["$ref"].as_str() {
            let name = target.trim_start_matches("#/$defs/");
            return walk(defs, name, &defs[name], value, found);
        }
        // An enum's variants (`Owner`'s `{"player": id}`) are `oneOf` branches: the ids
        // inside them count like any other field's.
        let branches = node["anyOf"].as_array().into_iter().flatten();
        for branch in branches.chain(node["oneOf"].as_array().into_iter().flatten()) {
            walk(defs, record, branch, value, found);
        }
        match value {
            Value::Object(fields) => {
                for (key, v) in fields {
                    let field = &node["properties"][key];
                    if field.is_null() {
                        if node["additionalProperties"].is_object() {
                            walk(defs, record, &node["additionalProperties"], v, found);
                        }
                        continue;
                    }
                    if is_id(field) {
                        let ids = found.entry((record.into(), key.clone())).or_default();
                        match v {
                            Value::String(s) => ids.push(s.clone()),
                            Value::Array(a) => {
                                ids.extend(a.iter().filter_map(|x| x.as_str().map(str::to_owned)))
                            }
                            _ => {}
                        }
                    } else {
                        walk(defs, record, field, v, found);
                    }
                }
            }
            Value::Array(items) if node["items"].is_object() => {
                for item in items {
                    walk(defs, record, &node["items"], item, found);
                }
            }
            _ => {}
        }
    }

    /// Every id-valued field the schema declares, as (record type, field).
    fn id_fields(schema: &serde_json::Value) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut visit = |record: &str, node: &serde_json::Value| {
            // The record's own fields and those of each variant of an enum.
            let variants = ["oneOf", "anyOf"]
                .into_iter()
                .flat_map(|k| node[k].as_array().into_iter().flatten());
            for part in std::iter::once(node).chain(variants) {
                for (key, field) in part["properties"].as_object().into_iter().flatten() {
                    if is_id(field) {
                        out.push((record.to_owned(), key.clone()));
                    }
                }
            }
        };
        visit("Workspace", schema);
        for (name, node) in schema["$defs"].as_object().into_iter().flatten() {
            visit(name, node);
        }
        out.sort();
        out
    }

    fn schema() -> serde_json::Value {
        serde_json::to_value(schemars::schema_for!(Workspace)).unwrap()
    }

    #[test]
    fn every_id_field_of_the_file_is_known_to_name_a_market_or_not() {
        let mut known: Vec<(String, String)> = MARKET_FIELDS
            .iter()
            .chain(OTHER_ID_FIELDS)
            .map(|(r, f)| (r.to_string(), f.to_string()))
            .collect();
        known.sort();
        assert_eq!(
            id_fields(&schema()),
            known,
            "a record's field holds an id and is in neither list: if it names a market, \
             add it to MARKET_FIELDS and to `Workspace::market_refs_mut` (records.rs), so \
             that an import points it at the receiving market; otherwise add it to \
             OTHER_ID_FIELDS"
        );
    }

    /// The demo with one record of every kind that can name a market, and a tombstone.
    fn every_market_reference() -> Workspace {
        let mut ws = crate::model::demo::workspace(t(20));
        ws.deleted.push(crate::model::Tombstone {
            id: id("gone"),
            deleted: t(3),
            stamp: None,
        });
        ws
    }

    #[test]
    fn market_refs_mut_reaches_every_field_that_names_a_market() {
        let schema = schema();
        let before = every_market_reference();
        let found = ids_by_field(&schema, &serde_json::to_value(&before).unwrap());
        for (record, field) in MARKET_FIELDS {
            let key = (record.to_string(), field.to_string());
            assert!(
                found.get(&key).is_some_and(|ids| !ids.is_empty()),
                "the sample workspace holds no {record}.{field}: give it one, or this test \
                 cannot see whether an import renames it"
            );
        }
        let mut after = before.clone();
        let renamed = |i: &Id| Id::parse(&format!("renamed-{i}")).unwrap();
        for m in &mut after.markets {
            m.id = renamed(&m.id);
        }
        for i in after.market_refs_mut() {
            *i = renamed(i);
        }
        assert!(validate::workspace(&after).is_empty());
        let moved = ids_by_field(&schema, &serde_json::to_value(&after).unwrap());
        for (key, ids) in &found {
            let is_market =
                MARKET_FIELDS.contains(&(&*key.0, &*key.1)) || (key.0 == "Market" && key.1 == "id");
            let expected: Vec<String> = if is_market {
                ids.iter().map(|i| format!("renamed-{i}")).collect()
            } else {
                ids.clone()
            };
            assert_eq!(moved.get(key), Some(&expected), "{key:?}");
        }
        // The read-only list names the same places.
        for (a, b) in before.partners.iter().zip(&after.partners) {
            let read: Vec<Id> = a.market_refs().map(renamed).collect();
            let written: Vec<Id> = b.market_refs().cloned().collect();
            assert_eq!(read, written, "{}", a.name);
        }
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

    /// Two valid sides: the preview and the import refuse what the full check refuses
    /// (the merge's own partners and the ids across partners are checked), and accept
    /// the same.
    #[test]
    fn valid_sides_are_refused_and_accepted_as_the_full_check_does() {
        let ours = ws(vec![partner("a", "Aria", 1)]);
        let mut p = partner("b", "Beat", 1);
        p.key_players.push(KeyPlayer::new(id("a"), "Ana", t(1)));
        let theirs = ws(vec![p]);
        for mode in [Mode::Merge, Mode::Replace] {
            assert_eq!(
                preview_valid(&ours, &theirs, mode),
                preview(&ours, &theirs, mode)
            );
            assert_eq!(
                apply_valid(&ours, &theirs, mode),
                apply(&ours, &theirs, mode)
            );
        }
        assert!(!preview_valid(&ours, &theirs, Mode::Merge).can_apply());
        let (ours, theirs, _) = both_edited();
        let found = preview_valid(&ours, &theirs, Mode::Merge);
        assert_eq!(found, preview(&ours, &theirs, Mode::Merge));
        assert!(found.can_apply() && !found.updated.is_empty(), "{found:?}");
    }

    /// A file that breaks a rule is refused whole, before any import; a workspace of
    /// records not known valid (a spreadsheet's rows) is checked whole by `preview`.
    #[test]
    fn a_hostile_partner_is_refused_by_the_file_or_by_the_unchecked_preview() {
        let ours = ws(vec![partner("a", "Aria", 1)]);
        let mut theirs = ws(vec![partner("a", "Aria", 1), partner("b", "Beat", 1)]);
        theirs.partners[1].website = "javascript:alert(1)".into();
        let text = crate::model::formats::file::write(
            &theirs,
            crate::model::formats::file::Scope::Workspace,
            t(2),
            false,
        );
        assert!(crate::model::formats::file::restore(&text).is_err());
        let refused = preview(&ours, &theirs, Mode::Merge).refused;
        assert_eq!(refused.len(), 1, "{refused:?}");
        assert_eq!(refused[0].path, "partners[1].website");
    }

    /// A partner of the file equal to ours is merged as our very version: the preview
    /// says unchanged, and the result holds our record, not a copy.
    #[test]
    fn a_partner_equal_to_ours_is_merged_as_ours() {
        let ours = ws(vec![partner("a", "Aria", 1), partner("b", "Beat", 1)]);
        let mut theirs = ours.clone();
        theirs.partners = ours
            .partners
            .iter()
            .map(|p| Shared::new((**p).clone()))
            .collect();
        theirs.partners[1].name = "Beat renamed".into();
        theirs.partners[1].updated = t(2);
        let merged = apply_valid(&ours, &theirs, Mode::Merge).unwrap();
        assert!(Shared::same(&merged.partners[0], &ours.partners[0]));
        assert_eq!(merged.partners[1].name, "Beat renamed");
        let p = preview_valid(&ours, &theirs, Mode::Merge);
        assert_eq!((p.unchanged.len(), p.updated.len()), (1, 1), "{p:?}");
    }

    #[test]
    fn equal_timestamps_keep_ours() {
        let ours = ws(vec![partner("a", "Aria", 1)]);
        let mut theirs = ws(vec![partner("a", "Aria renamed", 1)]);
        theirs.partners[0].updated = t(1) + Duration::zero();
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        assert_eq!(merged.partners[0].name, "Aria");
    }

    /// Both sides shared the demo, then each moved its first partner to another stage:
    /// one conflict. The file also moved the second partner, which it alone edited.
    fn both_edited() -> (Workspace, Workspace, conflict::Shared) {
        let base = crate::model::demo::workspace(t(1));
        let shared = base
            .partners
            .iter()
            .map(|p| (p.id.clone(), p.edit_stamp()))
            .collect();
        let (mut ours, mut theirs) = (base.clone(), base.clone());
        let (a, b) = (base.partners[0].id.clone(), base.partners[1].id.clone());
        let stamp = |day: u32, writer: u64| Stamp::new(t(day).timestamp_millis(), 0, writer);
        ours.move_stage(&a, Stage::Paused, t(2));
        crate::model::workspace::stamps::stamp_edit(&base, &mut ours, stamp(2, 1));
        theirs.move_stage(&a, Stage::Research, t(3));
        theirs.move_stage(&b, Stage::Research, t(3));
        crate::model::workspace::stamps::stamp_edit(&base, &mut theirs, stamp(3, 2));
        (ours, theirs, shared)
    }

    #[test]
    fn a_merge_has_the_conflicts_and_a_replace_none() {
        let (ours, theirs, shared) = both_edited();
        let found = conflicts(&ours, &theirs, &shared, Mode::Merge);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].ours.id, ours.partners[0].id);
        assert!(conflicts(&ours, &theirs, &shared, Mode::Replace).is_empty());
    }

    #[test]
    fn the_preview_beside_the_conflicts_leaves_the_conflicting_partner_to_them() {
        let (ours, theirs, shared) = both_edited();
        let found = conflicts(&ours, &theirs, &shared, Mode::Merge);
        let (a, b) = (ours.partners[0].name.clone(), ours.partners[1].name.clone());
        let full = preview(&ours, &theirs, Mode::Merge);
        let listed =
            |p: &Preview, name: &str| p.updated.iter().chain(&p.kept_ours).any(|n| n == name);
        assert!(listed(&full, &a), "{full:?}");
        let shown = full.clone().beside(&found);
        assert!(!listed(&shown, &a), "{shown:?}");
        assert!(shown.updated.contains(&b), "{shown:?}");
        assert_eq!(shown.added, full.added);
        assert_eq!(full.clone().beside(&[]), full);
    }

    #[test]
    fn a_settled_import_keeps_each_choice_and_is_checked_again() {
        let (ours, theirs, shared) = both_edited();
        let found = conflicts(&ours, &theirs, &shared, Mode::Merge);
        let a = ours.partners[0].id.clone();
        let merged = apply(&ours, &theirs, Mode::Merge).unwrap();
        let at = Stamp::new(t(4).timestamp_millis(), 0, 1);
        let mine = conflict::Choices {
            fields: HashMap::from([((a.clone(), "stage".to_owned()), Side::Ours)]),
            ..conflict::Choices::default()
        };
        let mut n = 0u128;
        let settled = settle(merged.clone(), &found, &mine, t(4), at, || {
            n += 1;
            Id::from_random(n)
        })
        .unwrap();
        assert_eq!(settled.partner(&a).unwrap().stage, Stage::Paused);
        // Keeping both with a copy that takes a used id breaks a rule: refused, with
        // the rule named.
        let both = conflict::Choices {
            both: HashSet::from([a.clone()]),
            ..conflict::Choices::default()
        };
        let taken = ours.partners[1].id.clone();
        let errors = settle(merged, &found, &both, t(4), at, || taken.clone()).unwrap_err();
        assert!(
            errors
                .iter()
                .any(|e| e.to_string().contains("ids must be unique")),
            "{errors:?}"
        );
    }
}
