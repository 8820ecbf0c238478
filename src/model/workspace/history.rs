//! Undo and redo: each edit is kept as the difference between the workspace before and
//! after it, at the grain of whole partners, so a hundred steps of a 500-partner
//! workspace cost kilobytes, not a hundred copies.
//!
//! Partners are shared between workspace versions (`core::shared`), so a step holds
//! pointers, not copies, and finds what an edit changed by pointer identity: a partner
//! no edit wrote to is the very same record on both sides and is never compared field by
//! field. (A partner written to without a change counts as changed; undoing it puts back
//! an equal record, which is harmless.)
//!
//! A step records, for every partner that was added, removed or changed, its version
//! and position on each side; the markets, the program name, the program's target and the tombstones are
//! recorded whole when they changed. Should an edit reorder partners it did not change (only an import can),
//! the step keeps both partner lists whole instead.

use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::program::record::Program;
use crate::model::workspace::records::{Market, Partner, Tombstone, Workspace};
use std::collections::{HashMap, HashSet, VecDeque};

/// How many steps are kept for undo.
pub const DEPTH: usize = 200;

/// One side of a step.
#[derive(Clone, Debug, PartialEq)]
enum Partners {
    /// The partners that differ, each with its index on this side, in index order.
    Changed(Vec<(usize, Shared<Partner>)>),
    Whole(Vec<Shared<Partner>>),
}

#[derive(Clone, Debug, PartialEq)]
struct Side {
    partners: Partners,
    markets: Option<Vec<Market>>,
    program_name: Option<String>,
    deleted: Option<Vec<Tombstone>>,
    program: Option<Box<Program>>,
}

/// The difference one edit made.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// What the edit was, for the undo button's label ("Move Loopline to Live").
    pub label: String,
    before: Side,
    after: Side,
}

impl Step {
    /// The step that turns `before` into `after`, or `None` when they are equal.
    pub fn between(
        before: &Workspace,
        after: &Workspace,
        label: impl Into<String>,
    ) -> Option<Step> {
        if before == after {
            return None;
        }
        let (b_partners, a_partners) = partner_sides(&before.partners, &after.partners);
        let markets = before.markets != after.markets;
        let program = before.program_name != after.program_name;
        let deleted = before.deleted != after.deleted;
        let target = before.program != after.program;
        Some(Step {
            label: label.into(),
            before: Side {
                partners: b_partners,
                markets: markets.then(|| before.markets.clone()),
                program_name: program.then(|| before.program_name.clone()),
                deleted: deleted.then(|| before.deleted.clone()),
                program: target.then(|| Box::new(before.program.clone())),
            },
            after: Side {
                partners: a_partners,
                markets: markets.then(|| after.markets.clone()),
                program_name: program.then(|| after.program_name.clone()),
                deleted: deleted.then(|| after.deleted.clone()),
                program: target.then(|| Box::new(after.program.clone())),
            },
        })
    }

    /// Turns the workspace after the edit back into the one before it.
    pub fn undo(&self, ws: &mut Workspace) {
        apply(ws, &self.after, &self.before);
    }

    /// Makes the edit again.
    pub fn redo(&self, ws: &mut Workspace) {
        apply(ws, &self.before, &self.after);
    }
}

type ById<'a> = HashMap<&'a Id, &'a Shared<Partner>>;

fn partner_sides(before: &[Shared<Partner>], after: &[Shared<Partner>]) -> (Partners, Partners) {
    // Most edits keep every partner where it was (ids are unique in a workspace): then
    // the changed partners are the indexes whose versions differ, found without the two
    // maps by id below (hashing 2,000 ids twice took a sixth of a move at 2,000
    // partners, bench/RESULTS.md). Gives what the general way gives for such lists.
    if before.len() == after.len()
        && before
            .iter()
            .zip(after)
            .all(|(b, a)| Shared::same(b, a) || b.id == a.id)
    {
        let changed = |list: &[Shared<Partner>]| {
            list.iter()
                .enumerate()
                .filter(|&(i, _)| !Shared::same(&before[i], &after[i]))
                .map(|(i, p)| (i, p.clone()))
                .collect()
        };
        return (
            Partners::Changed(changed(before)),
            Partners::Changed(changed(after)),
        );
    }
    let after_by_id: ById = after.iter().map(|p| (&p.id, p)).collect();
    let before_by_id: ById = before.iter().map(|p| (&p.id, p)).collect();
    let same =
        |p: &Shared<Partner>, other: &ById| other.get(&p.id).is_some_and(|q| Shared::same(q, p));
    let kept_before: Vec<&Id> = before
        .iter()
        .filter(|p| same(p, &after_by_id))
        .map(|p| &p.id)
        .collect();
    let kept_after: Vec<&Id> = after
        .iter()
        .filter(|p| same(p, &before_by_id))
        .map(|p| &p.id)
        .collect();
    if kept_before != kept_after {
        return (
            Partners::Whole(before.to_vec()),
            Partners::Whole(after.to_vec()),
        );
    }
    let changed = |list: &[Shared<Partner>], other: &ById| {
        list.iter()
            .enumerate()
            .filter(|(_, p)| !same(p, other))
            .map(|(i, p)| (i, p.clone()))
            .collect()
    };
    (
        Partners::Changed(changed(before, &after_by_id)),
        Partners::Changed(changed(after, &before_by_id)),
    )
}

/// Replaces side `from` of a step by side `to` in `ws`.
fn apply(ws: &mut Workspace, from: &Side, to: &Side) {
    match (&from.partners, &to.partners) {
        (Partners::Changed(old), Partners::Changed(new)) => {
            let gone: HashSet<&Id> = old.iter().map(|(_, p)| &p.id).collect();
            ws.partners.retain(|p| !gone.contains(&p.id));
            for (i, p) in new {
                let at = (*i).min(ws.partners.len());
                ws.partners.insert(at, p.clone());
            }
        }
        (_, Partners::Whole(list)) => ws.partners = list.clone(),
        (Partners::Whole(_), Partners::Changed(_)) => {
            unreachable!("both sides of a step are made together, whole or changed")
        }
    }
    if let Some(markets) = &to.markets {
        ws.markets = markets.clone();
    }
    if let Some(name) = &to.program_name {
        ws.program_name = name.clone();
    }
    if let Some(program) = &to.program {
        ws.program = (**program).clone();
    }
    if let Some(deleted) = &to.deleted {
        ws.deleted = deleted.clone();
    }
}

/// The undo and redo stacks of one session.
#[derive(Clone, Debug, Default)]
pub struct History {
    undo: VecDeque<Step>,
    redo: Vec<Step>,
}

impl History {
    /// Records an edit; any steps that were undone can no longer be redone.
    pub fn record(&mut self, step: Step) {
        self.redo.clear();
        self.undo.push_back(step);
        if self.undo.len() > DEPTH {
            self.undo.pop_front();
        }
    }

    /// Undoes the latest edit; returns its label.
    pub fn undo(&mut self, ws: &mut Workspace) -> Option<String> {
        let step = self.undo.pop_back()?;
        step.undo(ws);
        let label = step.label.clone();
        self.redo.push(step);
        Some(label)
    }

    /// Redoes the latest undone edit; returns its label.
    pub fn redo(&mut self, ws: &mut Workspace) -> Option<String> {
        let step = self.redo.pop()?;
        step.redo(ws);
        let label = step.label.clone();
        self.undo.push_back(step);
        Some(label)
    }

    pub fn next_undo(&self) -> Option<&str> {
        self.undo.back().map(|s| s.label.as_str())
    }

    pub fn next_redo(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Forgets everything, for when the workspace is replaced from outside (another
    /// tab) in a way no step describes.
    pub fn clear(&mut self) {
        self.undo.clear();
        self.redo.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{core::vocabulary::Stage, demo};
    use chrono::{TimeZone, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, 12, 0, 0).unwrap()
    }

    fn round_trip(before: &Workspace, after: &Workspace) {
        let step = Step::between(before, after, "edit").unwrap();
        let mut ws = after.clone();
        step.undo(&mut ws);
        assert_eq!(&ws, before);
        step.redo(&mut ws);
        assert_eq!(&ws, after);
    }

    #[test]
    fn an_edit_keeps_only_the_partner_it_changed() {
        let before = demo::workspace(now());
        let mut after = before.clone();
        let id = after.partners[4].id.clone();
        after.move_stage(&id, Stage::Live, now());
        let step = Step::between(&before, &after, "move").unwrap();
        match (&step.before.partners, &step.after.partners) {
            (Partners::Changed(b), Partners::Changed(a)) => {
                assert_eq!((b.len(), a.len()), (1, 1));
                assert_eq!(b[0].0, 4);
            }
            other => panic!("expected changed partners, got {other:?}"),
        }
        assert!(step.before.markets.is_none());
        round_trip(&before, &after);
    }

    #[test]
    fn deletes_inserts_and_renames_undo_exactly() {
        let before = demo::workspace(now());
        let mut after = before.clone();
        after.delete_partner(&before.partners[0].id, now());
        after.delete_partner(&before.partners[7].id, now());
        let mut p = before.partners[3].clone();
        p.id = crate::model::core::id::Id::parse("new-one").unwrap();
        after.partners.insert(2, p);
        after.program_name = "Renamed".into();
        after.markets.pop();
        after.partners.iter_mut().for_each(|p| {
            p.markets
                .retain(|m| after.markets.iter().any(|k| &k.id == m))
        });
        round_trip(&before, &after);
    }

    #[test]
    fn a_reordering_import_is_kept_whole() {
        let before = demo::workspace(now());
        let mut after = before.clone();
        after.partners.reverse();
        let step = Step::between(&before, &after, "import").unwrap();
        assert!(matches!(step.after.partners, Partners::Whole(_)));
        round_trip(&before, &after);
        round_trip(&Workspace::empty(), &before);
        round_trip(&before, &Workspace::empty());
    }

    #[test]
    fn no_step_for_no_change() {
        let ws = demo::workspace(now());
        assert!(Step::between(&ws, &ws, "nothing").is_none());
    }

    #[test]
    fn history_undoes_and_redoes_in_order_and_a_new_edit_drops_redo() {
        let mut ws = demo::workspace(now());
        let start = ws.clone();
        let mut history = History::default();
        let mut states = vec![ws.clone()];
        for i in 0..3 {
            let before = ws.clone();
            ws.partners[i].name = format!("renamed {i}");
            history.record(Step::between(&before, &ws, format!("move {i}")).unwrap());
            states.push(ws.clone());
        }
        assert_eq!(history.undo(&mut ws).as_deref(), Some("move 2"));
        assert_eq!(ws, states[2]);
        assert_eq!(history.undo(&mut ws).as_deref(), Some("move 1"));
        assert_eq!(history.redo(&mut ws).as_deref(), Some("move 1"));
        assert_eq!(ws, states[2]);
        let before = ws.clone();
        ws.program_name = "New".into();
        history.record(Step::between(&before, &ws, "rename").unwrap());
        assert_eq!(history.next_redo(), None);
        while history.undo(&mut ws).is_some() {}
        assert_eq!(ws, start);
    }

    #[test]
    fn history_keeps_the_latest_steps_up_to_its_depth() {
        let mut ws = Workspace::empty();
        let mut history = History::default();
        for i in 0..DEPTH + 20 {
            let before = ws.clone();
            ws.program_name = format!("name {i}");
            history.record(Step::between(&before, &ws, format!("{i}")).unwrap());
        }
        let mut undone = 0;
        while history.undo(&mut ws).is_some() {
            undone += 1;
        }
        assert_eq!(undone, DEPTH);
        assert_eq!(ws.program_name, "name 19");
    }
}
