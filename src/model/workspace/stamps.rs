//! Which edit stamp each record carries, and stamping an edit: the records a merge
//! orders (partners, markets, tombstones and the program) get the edit's stamp when the
//! edit changed them.
//!
//! The edit functions themselves only move `updated` (a time for people, to the second);
//! the store stamps once per edit, after it, with a stamp from its tab's
//! [`Clock`](crate::model::core::stamp::Clock), so no edit path can forget to.

use crate::model::core::id::Id;
use crate::model::core::stamp::{Clock, Stamp};
use crate::model::program::record::Program;
use crate::model::workspace::records::{Market, Partner, Tombstone, Workspace};
use std::collections::{HashMap, HashSet};

impl Partner {
    /// The stamp a merge orders this version by: its own, or for a record written
    /// before stamps, its `updated` time.
    pub fn edit_stamp(&self) -> Stamp {
        self.stamp.unwrap_or_else(|| Stamp::legacy(self.updated))
    }
}

impl Market {
    /// As [`Partner::edit_stamp`].
    pub fn edit_stamp(&self) -> Stamp {
        self.stamp.unwrap_or_else(|| Stamp::legacy(self.updated))
    }
}

impl Tombstone {
    /// The deletion's stamp: its own, or its `deleted` time.
    pub fn edit_stamp(&self) -> Stamp {
        self.stamp.unwrap_or_else(|| Stamp::legacy(self.deleted))
    }
}

impl Program {
    /// The stamp of the program's target and levers: its own, its `updated` time, or,
    /// never edited, below every other.
    pub fn edit_stamp(&self) -> Stamp {
        self.stamp
            .or_else(|| self.updated.map(Stamp::legacy))
            .unwrap_or(Stamp::ZERO)
    }
}

/// Lets `clock` see every stamp in `ws`, so its next tick outranks them all: done on
/// load and on taking in another tab's save or a file.
pub fn observe(clock: &mut Clock, ws: &Workspace) {
    let stamps = ws
        .partners
        .iter()
        .map(|p| p.edit_stamp())
        .chain(ws.markets.iter().map(Market::edit_stamp))
        .chain(ws.deleted.iter().map(Tombstone::edit_stamp))
        .chain([ws.program.edit_stamp()]);
    if let Some(latest) = stamps.max() {
        clock.observe(latest);
    }
}

/// Gives `stamp` to every record of `after` that an edit made from `before` added or
/// changed: partners and markets by id, the program when it differs, tombstones that
/// are new. Returns whether anything was stamped.
///
/// The comparison is by value, partner by partner; partners at the same index with the
/// same id are compared first, so an edit that keeps the order costs one comparison each.
pub fn stamp_edit(before: &Workspace, after: &mut Workspace, stamp: Stamp) -> bool {
    let mut any = false;
    any |= stamp_list(
        &before.partners,
        &mut after.partners,
        |p| &p.id,
        stamp,
        |p, s| p.stamp = Some(s),
    );
    any |= stamp_list(
        &before.markets,
        &mut after.markets,
        |m| &m.id,
        stamp,
        |m, s| m.stamp = Some(s),
    );
    if after.program != before.program {
        after.program.stamp = Some(stamp);
        any = true;
    }
    let old: HashSet<&Tombstone> = before.deleted.iter().collect();
    for t in &mut after.deleted {
        if !old.contains(&*t) {
            t.stamp = Some(stamp);
            any = true;
        }
    }
    any
}

fn stamp_list<T: PartialEq>(
    before: &[T],
    after: &mut [T],
    id: impl Fn(&T) -> &Id,
    stamp: Stamp,
    set: impl Fn(&mut T, Stamp),
) -> bool {
    let mut by_id: Option<HashMap<&Id, &T>> = None;
    let mut any = false;
    for (i, record) in after.iter_mut().enumerate() {
        let was = match before.get(i).filter(|b| id(b) == id(record)) {
            Some(b) => Some(b),
            None => by_id
                .get_or_insert_with(|| before.iter().map(|b| (id(b), b)).collect())
                .get(id(record))
                .copied(),
        };
        if was != Some(&*record) {
            set(record, stamp);
            any = true;
        }
    }
    any
}
