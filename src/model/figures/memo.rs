//! Figures computed once per partner version (issue 11, point 5): a partner's reading
//! (health, signals, growth and buy-in as health and signals read them, the walk-away
//! suggestion) is kept for as long as the partner is the same record.
//!
//! Partners are shared between workspace versions (`core::shared`), so "the same
//! version" is pointer identity: an edit writes a new version of the one partner it
//! touches, and only that partner's reading is computed again; the portfolio then
//! re-aggregates the readings it already holds. Each entry holds its partner version, so
//! the address it is keyed by cannot be reused by another record while the entry lives.
//!
//! A reading reads, besides its partner and the day, two workspace-level records: the
//! catalogue's market names (in the reasons it gives) and the program's metric (the
//! metric a partner's buy-in is judged in). When either or the day changes, every entry
//! is dropped. A new figure that reads more of the workspace must be added to
//! [`Context`] — `tests/model_memo.rs` checks the cache against fresh readings.

use crate::model::core::shared::Shared;
use crate::model::figures::portfolio::{self, Reading};
use crate::model::program::record::Program;
use crate::model::workspace::records::{Market, Partner, Workspace};
use chrono::NaiveDate;
use std::collections::HashMap;

/// What a reading reads besides its partner.
#[derive(Clone, Debug, PartialEq)]
struct Context {
    today: NaiveDate,
    metric: String,
    markets: Vec<Market>,
}

impl Context {
    fn matches(&self, ws: &Workspace, today: NaiveDate) -> bool {
        self.today == today && self.metric == ws.program.metric && self.markets == ws.markets
    }

    fn of(ws: &Workspace, today: NaiveDate) -> Self {
        Context {
            today,
            metric: ws.program.metric.clone(),
            markets: ws.markets.clone(),
        }
    }
}

/// The readings of the partners last asked about, by partner version.
#[derive(Debug, Default)]
pub struct Figures {
    context: Option<Context>,
    entries: HashMap<usize, (Shared<Partner>, Shared<Reading>)>,
    computed: u64,
}

impl Figures {
    /// The partner's reading, computed only when this version of the partner (or the
    /// workspace-level records a reading reads) has not been read before.
    pub fn reading(
        &mut self,
        ws: &Workspace,
        p: &Shared<Partner>,
        today: NaiveDate,
    ) -> Shared<Reading> {
        self.check_context(ws, today);
        // Entries of versions edited since are dropped now and then, so a view that
        // reads partners one at a time does not keep old versions alive for long.
        if self.entries.len() > 2 * ws.partners.len() + 16 {
            self.sweep(ws);
        }
        self.get_or_compute(ws, p, today)
    }

    /// The reading of the partner with this id if it is held for this version of the
    /// partner and the same context, without computing it; `None` otherwise.
    pub fn held_of(
        &self,
        ws: &Workspace,
        id: &crate::model::core::id::Id,
        today: NaiveDate,
    ) -> Option<Shared<Reading>> {
        if !self.context.as_ref().is_some_and(|c| c.matches(ws, today)) {
            return None;
        }
        let p = ws.partners.iter().find(|p| &p.id == id)?;
        let (held, reading) = self.entries.get(&Shared::version(p))?;
        Shared::same(held, p).then(|| reading.clone())
    }

    /// The reading of the partner with this id, if the workspace has it.
    pub fn reading_of(
        &mut self,
        ws: &Workspace,
        id: &crate::model::core::id::Id,
        today: NaiveDate,
    ) -> Option<Shared<Reading>> {
        let p = ws.partners.iter().find(|p| &p.id == id)?;
        Some(self.reading(ws, p, today))
    }

    /// Every partner's reading, in workspace order; entries of partner versions no
    /// longer in the workspace are dropped.
    pub fn readings(&mut self, ws: &Workspace, today: NaiveDate) -> Vec<Shared<Reading>> {
        self.check_context(ws, today);
        let out: Vec<Shared<Reading>> = ws
            .partners
            .iter()
            .map(|p| self.get_or_compute(ws, p, today))
            .collect();
        if self.entries.len() > ws.partners.len() {
            self.sweep(ws);
        }
        out
    }

    /// Drops the entries of partner versions not in `ws`.
    fn sweep(&mut self, ws: &Workspace) {
        let live: std::collections::HashSet<usize> =
            ws.partners.iter().map(Shared::version).collect();
        self.entries.retain(|k, _| live.contains(k));
    }

    /// How many readings were computed (cache misses) since the cache was made.
    pub fn computed(&self) -> u64 {
        self.computed
    }

    fn check_context(&mut self, ws: &Workspace, today: NaiveDate) {
        if !self.context.as_ref().is_some_and(|c| c.matches(ws, today)) {
            self.entries.clear();
            self.context = Some(Context::of(ws, today));
        }
    }

    fn get_or_compute(
        &mut self,
        ws: &Workspace,
        p: &Shared<Partner>,
        today: NaiveDate,
    ) -> Shared<Reading> {
        let key = Shared::version(p);
        if let Some((held, reading)) = self.entries.get(&key) {
            if Shared::same(held, p) {
                return reading.clone();
            }
        }
        self.computed += 1;
        let reading = Shared::new(portfolio::reading(ws, p, today));
        self.entries.insert(key, (p.clone(), reading.clone()));
        reading
    }
}

/// What a whole-workspace figure (the plan, the heat map) reads: every partner version,
/// the markets, the program and the day. The program and the markets are compared by
/// value (a few hundred records at most), the partners by pointer.
#[derive(Debug)]
struct WholeKey {
    today: NaiveDate,
    partners: Vec<Shared<Partner>>,
    markets: Vec<Market>,
    program: Program,
    program_name: String,
}

impl WholeKey {
    fn matches(&self, ws: &Workspace, today: NaiveDate) -> bool {
        self.today == today
            && self.partners.len() == ws.partners.len()
            && self
                .partners
                .iter()
                .zip(&ws.partners)
                .all(|(a, b)| Shared::same(a, b))
            && self.program_name == ws.program_name
            && self.markets == ws.markets
            && self.program == ws.program
    }

    fn of(ws: &Workspace, today: NaiveDate) -> Self {
        WholeKey {
            today,
            partners: ws.partners.clone(),
            markets: ws.markets.clone(),
            program: ws.program.clone(),
            program_name: ws.program_name.clone(),
        }
    }
}

/// A figure computed over the whole workspace, kept for as long as the workspace and
/// the day are the same: a screen visited again, or another screen showing the same
/// figure, reads it instead of computing it again (at 2,000 partners the plan takes
/// about 100 ms and the heat map about 30 ms natively). Any edit computes it again: the
/// plan and the heat map from the partners' parts kept in a [`PerPartner`], of which
/// only the edited partner's is computed again.
/// A figure that reads more of the workspace than [`WholeKey`] holds must not use it.
#[derive(Debug)]
pub struct Whole<T> {
    held: Option<(WholeKey, T)>,
    computed: u64,
}

impl<T> Default for Whole<T> {
    fn default() -> Self {
        Whole {
            held: None,
            computed: 0,
        }
    }
}

impl<T: Clone> Whole<T> {
    /// The figure for `ws` on `today`: the one held when neither changed, else
    /// `compute`'s, then held.
    pub fn get(
        &mut self,
        ws: &Workspace,
        today: NaiveDate,
        compute: impl FnOnce(&Workspace, NaiveDate) -> T,
    ) -> T {
        if let Some((key, value)) = &self.held {
            if key.matches(ws, today) {
                return value.clone();
            }
        }
        self.computed += 1;
        let value = compute(ws, today);
        self.held = Some((WholeKey::of(ws, today), value.clone()));
        value
    }

    /// How many times the figure was computed (cache misses) since the cache was made.
    pub fn computed(&self) -> u64 {
        self.computed
    }
}

/// One partner's part of a whole-workspace figure (a heat map row, the plan's share of
/// the program's monthly figure), kept per partner version under a context: what the
/// part reads besides its partner. Asked under another context, every entry is dropped.
/// So after an edit a whole figure computes the edited partner's part again and
/// re-aggregates the parts it holds (`portfolio::HeatParts`, `planner::PlanParts`).
#[derive(Debug)]
pub struct PerPartner<C, V> {
    context: Option<C>,
    entries: HashMap<usize, (Shared<Partner>, Shared<V>)>,
    computed: u64,
}

impl<C, V> Default for PerPartner<C, V> {
    fn default() -> Self {
        PerPartner {
            context: None,
            entries: HashMap::new(),
            computed: 0,
        }
    }
}

impl<C: PartialEq, V> PerPartner<C, V> {
    /// Readies the parts of `ws` under `context`: drops them all when the context
    /// changed, and now and then the parts of partner versions no longer in `ws`.
    pub fn within(&mut self, ws: &Workspace, context: C) {
        if self.context.as_ref() != Some(&context) {
            self.entries.clear();
            self.context = Some(context);
        }
        if self.entries.len() > 2 * ws.partners.len() + 16 {
            let live: std::collections::HashSet<usize> =
                ws.partners.iter().map(Shared::version).collect();
            self.entries.retain(|k, _| live.contains(k));
        }
    }

    /// The part of this partner version, computed only when not held.
    pub fn get(&mut self, p: &Shared<Partner>, compute: impl FnOnce(&Partner) -> V) -> Shared<V> {
        let key = Shared::version(p);
        if let Some((held, part)) = self.entries.get(&key) {
            if Shared::same(held, p) {
                return part.clone();
            }
        }
        self.computed += 1;
        let part = Shared::new(compute(p));
        self.entries.insert(key, (p.clone(), part.clone()));
        part
    }

    /// How many parts were computed (cache misses) since the cache was made.
    pub fn computed(&self) -> u64 {
        self.computed
    }
}
