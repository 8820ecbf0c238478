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
