//! Which edit stamp each record carries, and stamping an edit: the records a merge
//! orders (partners, markets, tombstones and the program) get the edit's stamp when the
//! edit changed them, and inside a partner every field and list item the edit changed
//! gets it too, so that a merge takes each part from the side that edited it last.
//!
//! The edit functions themselves only move `updated` (a time for people, to the second);
//! the store stamps once per edit, after it, with a stamp from its tab's
//! [`Clock`](crate::model::core::stamp::Clock), so no edit path can forget to.
//!
//! # The parts of a partner
//! A partner is merged part by part. A part is a group of top-level fields that change
//! together ([`FIELDS`]: `stage` is the stage and the day it was entered) or one item of
//! a list, by id ([`LISTS`]: `kp:<id>` for a key player, `me:<market>/<metric>` for a
//! metric series, whose values change together). A part's stamp is its entry in
//! `Partner::stamps`, or else the partner's `base`, or else the partner's own stamp:
//! a partner written before field stamps (format version 2) or never edited since it was
//! made has every part at its record's stamp. An item missing from its list with an
//! entry was deleted then; missing without one, it is unknown to this side as of `base`.

use crate::model::core::id::Id;
use crate::model::core::stamp::{Clock, Stamp};
use crate::model::program::record::Program;
use crate::model::workspace::records::{Market, Partner, Tombstone, Workspace};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap, HashSet};

/// The partner's field groups: (key, label for people).
pub const FIELDS: &[(&str, &str)] = &[
    ("name", "Name"),
    ("website", "Website"),
    ("category", "Category"),
    ("position", "Market position"),
    ("markets", "Markets"),
    ("stage", "Stage"),
    ("ladder", "Ladder level"),
    ("owner", "Owner"),
    ("tags", "Tags"),
    ("notes", "Notes"),
    ("fit", "Deal fit"),
];

/// The partner's lists merged item by item: (key prefix, label of one item).
pub const LISTS: &[(&str, &str)] = &[
    ("kp", "Key player"),
    ("pi", "Pitch"),
    ("lm", "Ladder move"),
    ("mt", "Meeting"),
    ("go", "Shared goal"),
    ("co", "Commitment"),
    ("la", "Landing track"),
    ("me", "Metric series"),
    ("wi", "Win"),
    ("de", "Decision"),
];

/// Runs `$m!(key, field, …)` for every field group of [`FIELDS`].
#[macro_export]
#[doc(hidden)]
macro_rules! each_partner_field {
    ($m:ident) => {
        $m!("name", name);
        $m!("website", website);
        $m!("category", category);
        $m!("position", position);
        $m!("markets", markets);
        $m!("stage", stage, stage_since);
        $m!("ladder", ladder);
        $m!("owner", owner);
        $m!("tags", tags);
        $m!("notes", notes);
        $m!("fit", fit);
    };
}

/// Runs `$m!(prefix, list)` for every list of [`LISTS`].
#[macro_export]
#[doc(hidden)]
macro_rules! each_partner_list {
    ($m:ident) => {
        $m!("kp", key_players);
        $m!("pi", pitches);
        $m!("lm", ladder_moves);
        $m!("mt", meetings);
        $m!("go", goals);
        $m!("co", commitments);
        $m!("la", landing);
        $m!("me", metrics);
        $m!("wi", wins);
        $m!("de", decisions);
    };
}

/// An item of a partner's list: what names it among its list.
pub trait Item: Clone + PartialEq + Serialize {
    fn item_key(&self) -> String;
    /// Where the item stands in a merged list, before its key: the moment it was made
    /// or the day it is about, written so that text order is time order; `""` for items
    /// with neither. A merge of two versions of a list orders its items by this, then
    /// by key, so that three copies merge to one order in any grouping
    /// (`merge::fields`).
    fn place(&self) -> String;
}

macro_rules! by_id {
    ($($t:ty => $place:expr),* $(,)?) => {$(
        impl Item for $t {
            fn item_key(&self) -> String {
                self.id.as_str().to_owned()
            }
            fn place(&self) -> String {
                let place: fn(&$t) -> String = $place;
                place(self)
            }
        }
    )*};
}
// Days are ISO dates (years 1900–2200: four digits), so text order is time order; a
// goal without a due day (`~` sorts after digits) goes after those with one.
by_id!(
    // Seconds shifted past 1900's (negative) count, to nanoseconds: digits sort as times.
    crate::model::workspace::records::KeyPlayer => |x| format!(
        "{:012}.{:09}",
        x.created.timestamp() + 10_000_000_000,
        x.created.timestamp_subsec_nanos()
    ),
    crate::model::pitch::record::Pitch => |x| x.drafted.to_string(),
    crate::model::fit::record::LadderMove => |x| x.date.to_string(),
    crate::model::meetings::record::Meeting => |x| x.date.to_string(),
    crate::model::goals::record::Goal =>
        |x| x.due.map_or_else(|| "~".to_owned(), |d| d.to_string()),
    crate::model::goals::record::Commitment => |x| x.due.to_string(),
    crate::model::landing::record::LandingTrack => |_| String::new(),
    crate::model::goals::record::Win => |x| x.date.to_string(),
    crate::model::goals::record::Decision => |x| x.date.to_string(),
);

impl Item for crate::model::metrics::record::Series {
    fn item_key(&self) -> String {
        format!("{}/{}", self.market, self.metric)
    }
    fn place(&self) -> String {
        String::new()
    }
}

/// The part keys of a list's items, in list order: `prefix:key`, with `#2`, `#3` after
/// a key met again (a list a file brought with two series of one metric and market).
pub fn item_keys<T: Item>(prefix: &str, list: &[T]) -> Vec<String> {
    numbered(
        list.iter()
            .map(|x| format!("{prefix}:{}", x.item_key()))
            .collect(),
    )
}

/// `keys` with `#2`, `#3` after a key met again. Apart from [`item_keys`] so that one
/// copy serves every item type.
fn numbered(keys: Vec<String>) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    keys.into_iter()
        .map(|key| {
            let n = seen.entry(key.clone()).or_default();
            *n += 1;
            if *n == 1 {
                key
            } else {
                format!("{key}#{n}")
            }
        })
        .collect()
}

impl Partner {
    /// The stamp a merge orders this version by: its own, or for a record written
    /// before stamps, its `updated` time. Every part's stamp is at most this.
    pub fn edit_stamp(&self) -> Stamp {
        self.stamp.unwrap_or_else(|| Stamp::legacy(self.updated))
    }

    /// The stamp of every part without an entry of its own.
    pub fn base_stamp(&self) -> Stamp {
        self.base.unwrap_or_else(|| self.edit_stamp())
    }

    /// The stamp of the part `key` (a field group or `prefix:id`).
    pub fn part_stamp(&self, key: &str) -> Stamp {
        self.stamps
            .get(key)
            .copied()
            .unwrap_or_else(|| self.base_stamp())
    }

    /// Every part of this version: key → its value as JSON (`None` for an item this
    /// version lacks but has an entry for: a deletion).
    pub fn parts(&self) -> BTreeMap<String, Option<String>> {
        let mut out = BTreeMap::new();
        macro_rules! field {
            ($key:literal, $($f:ident),+) => {
                out.insert(
                    $key.to_owned(),
                    Some(serde_json::to_string(&($(&self.$f,)+)).unwrap_or_default()),
                );
            };
        }
        each_partner_field!(field);
        macro_rules! list {
            ($prefix:literal, $f:ident) => {
                for (key, x) in item_keys($prefix, &self.$f).into_iter().zip(&self.$f) {
                    out.insert(key, Some(serde_json::to_string(x).unwrap_or_default()));
                }
            };
        }
        each_partner_list!(list);
        for key in self.stamps.keys() {
            out.entry(key.clone()).or_insert(None);
        }
        out
    }

    /// The keys of the parts whose contents differ between `self` and `now` (an item in
    /// one version only counts; a deletion entry alone does not): what
    /// [`Partner::parts`] of both would differ in, found by comparing the values
    /// themselves. Every edit runs this, so it serialises nothing: the records'
    /// `Serialize` stays out of the first screen's code (bench/RESULTS.md). The records
    /// derive both, so equal values are equal JSON; only a number's sign of zero, which
    /// JSON keeps and `==` does not, could tell them apart.
    pub fn changed_parts(&self, now: &Partner) -> Vec<String> {
        let mut out = Vec::new();
        macro_rules! field {
            ($key:literal, $($f:ident),+) => {
                if ($(&self.$f,)+) != ($(&now.$f,)+) {
                    out.push($key.to_owned());
                }
            };
        }
        each_partner_field!(field);
        macro_rules! list {
            ($prefix:literal, $f:ident) => {
                changed_items($prefix, &self.$f, &now.$f, &mut out);
            };
        }
        each_partner_list!(list);
        out
    }

    /// Drops the entries that say no more than `base` does, and `base` when it is the
    /// partner's own stamp: the one written form of a partner's stamps.
    pub fn compact_stamps(&mut self) {
        let base = self.base_stamp();
        self.stamps.retain(|_, s| *s != base);
        if self.base == Some(self.edit_stamp()) {
            self.base = None;
        }
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

    /// The program's target and levers, the name's stamp aside: what a merge orders by
    /// `stamp`.
    pub fn same_record(&self, other: &Program) -> bool {
        // Equal whole is the common case (every edit of a partner asks): then the two
        // copies below, 200 levers each, are not made.
        if self == other {
            return true;
        }
        Program {
            name_stamp: None,
            ..self.clone()
        } == Program {
            name_stamp: None,
            ..other.clone()
        }
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
        .chain([ws.program.edit_stamp()])
        .chain(ws.program.name_stamp);
    if let Some(latest) = stamps.max() {
        clock.observe(latest);
    }
}

/// Gives `stamp` to every record of `after` that an edit made from `before` added or
/// changed: partners and markets by id, the program when it differs, tombstones that
/// are new, the program's name when it changed. Inside a changed partner only the
/// fields and items the edit changed get the stamp; the others keep the stamps they had
/// in `before` (whatever the edit left in `after`: a form saves a copy taken earlier).
/// Returns whether anything was stamped.
///
/// The comparison is by value, partner by partner; partners at the same index with the
/// same id are compared first, so an edit that keeps the order costs one comparison each,
/// and a partner the edit did not touch (the same shared version on both sides) none:
/// comparing 2,000 partners field by field took a third of a move at 2,000 partners
/// (bench/RESULTS.md).
pub fn stamp_edit(before: &Workspace, after: &mut Workspace, stamp: Stamp) -> bool {
    let mut any = false;
    let mut by_id: Option<HashMap<&Id, &Partner>> = None;
    for (i, record) in after.partners.iter_mut().enumerate() {
        let was = match before.partners.get(i).filter(|b| b.id == record.id) {
            Some(b) => Some(&**b),
            None => by_id
                .get_or_insert_with(|| before.partners.iter().map(|b| (&b.id, &**b)).collect())
                .get(&record.id)
                .copied(),
        };
        // The same record in memory is the same value: no field-by-field comparison.
        if was.is_some_and(|w| std::ptr::eq(w, &**record)) || was == Some(&**record) {
            continue;
        }
        any |= stamp_partner(was, record, stamp);
    }
    any |= stamp_list(
        &before.markets,
        &mut after.markets,
        |m| &m.id,
        stamp,
        |m, s| m.stamp = Some(s),
    );
    if !after.program.same_record(&before.program) {
        after.program.stamp = Some(stamp);
        any = true;
    }
    if after.program_name != before.program_name {
        after.program.name_stamp = Some(stamp);
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

/// Adds to `out` the part keys of the items of one list that differ between `old` and
/// `new`, or are in one of them only.
fn changed_items<T: Item>(prefix: &str, old: &[T], new: &[T], out: &mut Vec<String>) {
    // An unchanged list (every list but one in an edit) has no changed item: its keys,
    // a string and two hash maps' worth per item, are not made.
    if old == new {
        return;
    }
    let (old_keys, new_keys) = (item_keys(prefix, old), item_keys(prefix, new));
    changed_keys(old_keys, new_keys, &|i, j| old[i] == new[j], out);
}

/// As [`changed_items`], given the items' keys and whether the `i`th old item equals
/// the `j`th new one: one copy for every item type.
fn changed_keys(
    old: Vec<String>,
    new: Vec<String>,
    same: &dyn Fn(usize, usize) -> bool,
    out: &mut Vec<String>,
) {
    let mut new: HashMap<String, usize> = new.into_iter().zip(0..).collect();
    for (i, key) in old.into_iter().enumerate() {
        match new.remove(&key) {
            Some(j) if same(i, j) => {}
            _ => out.push(key),
        }
    }
    // What is left is in the new version only.
    out.extend(new.into_keys());
}

/// Stamps one partner an edit wrote: a new one whole, an existing one part by part.
/// Returns whether anything got the stamp.
fn stamp_partner(was: Option<&Partner>, now: &mut Partner, stamp: Stamp) -> bool {
    let Some(was) = was else {
        now.stamp = Some(stamp);
        now.base = None;
        now.stamps.clear();
        return true;
    };
    let changed = was.changed_parts(now);
    // Whatever stamps the edit left, the parts it did not change keep `was`'s.
    now.base = Some(was.base_stamp());
    now.stamps = was.stamps.clone();
    now.stamp = was.stamp;
    if changed.is_empty() {
        // Only bookkeeping moved (`updated`): nothing to order by.
        now.compact_stamps();
        return false;
    }
    for key in changed {
        now.stamps.insert(key, stamp);
    }
    now.stamp = Some(stamp.max(was.edit_stamp()));
    now.compact_stamps();
    true
}

/// Stamps a replacement of the whole workspace (a reset, a restored backup, an import):
/// the records it removed get a stamped tombstone, so that another tab holding them does
/// not bring them back; a changed program name gets `stamp`. With `fresh` (a reset to
/// the demo or to empty: records made now), records without a stamp that are not what
/// was there get it too; otherwise (a file, a backup) every record keeps the stamps it
/// comes with, so the file's order of edits stands and a later exchange with the
/// colleague who wrote it sees no edit that neither made.
pub fn stamp_replace(
    before: &Workspace,
    after: &mut Workspace,
    stamp: Stamp,
    now: chrono::DateTime<chrono::Utc>,
    fresh: bool,
) {
    let kept: HashSet<&Id> = after
        .partners
        .iter()
        .map(|p| &p.id)
        .chain(after.markets.iter().map(|m| &m.id))
        .collect();
    let tombstoned: HashSet<&Id> = after.deleted.iter().map(|t| &t.id).collect();
    let gone: Vec<Tombstone> = before
        .partners
        .iter()
        .map(|p| &p.id)
        .chain(before.markets.iter().map(|m| &m.id))
        .filter(|id| !kept.contains(id) && !tombstoned.contains(id))
        .map(|id| Tombstone {
            id: id.clone(),
            deleted: now,
            stamp: Some(stamp),
        })
        .collect();
    after.deleted.extend(gone);
    if after.program_name != before.program_name {
        after.program.name_stamp = Some(stamp);
    }
    // A record the replaced workspace had deleted after its last edit comes back now (a
    // restored backup): stamped, so that tabs holding the deletion take it back too.
    let deleted: HashMap<&Id, Stamp> = before
        .deleted
        .iter()
        .map(|t| (&t.id, t.edit_stamp()))
        .collect();
    for p in &mut after.partners {
        if deleted.get(&p.id).is_some_and(|d| *d >= p.edit_stamp()) {
            let p = &mut **p;
            p.stamp = Some(stamp);
            p.base = None;
            p.stamps.clear();
        }
    }
    for m in &mut after.markets {
        if deleted.get(&m.id).is_some_and(|d| *d >= m.edit_stamp()) {
            m.stamp = Some(stamp);
        }
    }
    let present: HashSet<Id> = after
        .partners
        .iter()
        .map(|p| p.id.clone())
        .chain(after.markets.iter().map(|m| m.id.clone()))
        .collect();
    after.deleted.retain(|t| !present.contains(&t.id));
    if !fresh {
        return;
    }
    let old: HashMap<&Id, &Partner> = before.partners.iter().map(|p| (&p.id, &**p)).collect();
    for p in &mut after.partners {
        if p.stamp.is_none() && old.get(&p.id).is_none_or(|was| *was != &**p) {
            let p = &mut **p;
            p.stamp = Some(stamp);
            p.base = None;
            p.stamps.clear();
        }
    }
    let old: HashMap<&Id, &Market> = before.markets.iter().map(|m| (&m.id, m)).collect();
    for m in &mut after.markets {
        if m.stamp.is_none() && old.get(&m.id).is_none_or(|was| *was != m) {
            m.stamp = Some(stamp);
        }
    }
    if after.program.stamp.is_none() && !after.program.same_record(&before.program) {
        after.program.stamp = Some(stamp);
    }
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
