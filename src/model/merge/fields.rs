//! Merging two versions of one partner part by part: each field group and each list
//! item (`workspace::stamps`: `stage`, `notes`, `kp:<id>`, …) is taken from the side
//! that edited it last, so two tabs or two colleagues who edited different fields of one
//! partner both keep their edit.
//!
//! For every part the greater stamp wins; an item missing with the greater stamp stays
//! deleted (a deletion beats only the edits it saw, those stamped before it), an item
//! present with the greater stamp stays or comes back. Equal stamps with different
//! contents only come from versions written before stamps: the tie rule decides (the
//! larger content on both sides alike, for tabs; ours, for an import).
//!
//! The merged version's stamp is the later of the two, its `base` the later base, and it
//! keeps an entry for every part whose stamp differs from that base: merging it again
//! with either side changes nothing. A merged list that is exactly one side's items
//! keeps that side's order; any other is in one order of its items' own: by each
//! item's place ([`Item::place`]: when a key player was added, the day of a meeting, a
//! commitment's due day …), then by key. Keeping the order of the side edited last (as
//! before) made merging three copies give different orders in different groupings.

use crate::model::core::stamp::Stamp;
use crate::model::workspace::records::Partner;
use crate::model::workspace::stamps::{item_keys, Item, FIELDS, LISTS};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The parts of one version: key → (stamp, content as JSON or `None` when missing).
pub type Parts = BTreeMap<String, (Stamp, Option<String>)>;

/// Every part of `p` with its stamp.
pub fn parts(p: &Partner) -> Parts {
    p.parts()
        .into_iter()
        .map(|(k, v)| {
            let s = p.part_stamp(&k);
            (k, (s, v))
        })
        .collect()
}

/// Which side a part of the merge comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
}

/// The side whose version of a part wins: the greater stamp; on equal stamps and
/// different contents, the greater content (`by_content`) or ours.
fn winner(o: &(Stamp, Option<String>), t: &(Stamp, Option<String>), by_content: bool) -> Side {
    match t.0.cmp(&o.0) {
        std::cmp::Ordering::Greater => Side::Theirs,
        std::cmp::Ordering::Less => Side::Ours,
        std::cmp::Ordering::Equal => {
            if by_content && t.1 > o.1 {
                Side::Theirs
            } else {
                Side::Ours
            }
        }
    }
}

/// A part a side never had (an item added on the other side): missing as of its base.
fn missing(p: &Partner, key: &str) -> (Stamp, Option<String>) {
    (p.part_stamp(key), None)
}

/// For each part, the side it is taken from and its stamp.
pub fn choose(
    ours: &Partner,
    theirs: &Partner,
    by_content: bool,
) -> (Parts, Parts, BTreeMap<String, (Side, Stamp)>) {
    let (po, pt) = (parts(ours), parts(theirs));
    let mut out = BTreeMap::new();
    for key in po.keys().chain(pt.keys()) {
        if out.contains_key(key) {
            continue;
        }
        let o = po.get(key).cloned().unwrap_or_else(|| missing(ours, key));
        let t = pt.get(key).cloned().unwrap_or_else(|| missing(theirs, key));
        let side = winner(&o, &t, by_content);
        let stamp = if side == Side::Ours { o.0 } else { t.0 };
        out.insert(key.clone(), (side, stamp));
    }
    (po, pt, out)
}

/// The two versions merged part by part. `by_content` is the tie rule for tabs.
pub fn merge_partner(ours: &Partner, theirs: &Partner, by_content: bool) -> Partner {
    let (_, _, chosen) = choose(ours, theirs, by_content);
    build(ours, theirs, &chosen, by_content)
}

/// The partner made of the parts `chosen` takes from each side, with their stamps.
pub fn build(
    ours: &Partner,
    theirs: &Partner,
    chosen: &BTreeMap<String, (Side, Stamp)>,
    by_content: bool,
) -> Partner {
    // The side edited last leads: its `id` and `created`; its list order before the sort.
    let theirs_lead = match theirs.edit_stamp().cmp(&ours.edit_stamp()) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            by_content
                && serde_json::to_string(theirs).unwrap_or_default()
                    > serde_json::to_string(ours).unwrap_or_default()
        }
    };
    let (lead, other, lead_side) = if theirs_lead {
        (theirs, ours, Side::Theirs)
    } else {
        (ours, theirs, Side::Ours)
    };
    let mut out = lead.clone();
    let side_of = |key: &str| chosen.get(key).map_or(lead_side, |c| c.0);
    macro_rules! field {
        ($key:literal, $($f:ident),+) => {
            if side_of($key) != lead_side {
                $(out.$f = other.$f.clone();)+
            }
        };
    }
    crate::each_partner_field!(field);
    macro_rules! list {
        ($prefix:literal, $f:ident) => {{
            let lead_keys = item_keys($prefix, &lead.$f);
            let other_keys = item_keys($prefix, &other.$f);
            let others: HashMap<&String, usize> =
                other_keys.iter().enumerate().map(|(i, k)| (k, i)).collect();
            let in_lead: HashSet<&String> = lead_keys.iter().collect();
            let mut list = Vec::with_capacity(lead.$f.len());
            for (k, x) in lead_keys.iter().zip(&lead.$f) {
                if side_of(k) == lead_side {
                    list.push(x.clone());
                } else if let Some(&i) = others.get(k) {
                    list.push(other.$f[i].clone());
                }
            }
            for (k, y) in other_keys.iter().zip(&other.$f) {
                if !in_lead.contains(k) && side_of(k) != lead_side {
                    list.push(y.clone());
                }
            }
            out.$f = in_order(list, &lead.$f, &other.$f);
        }};
    }
    crate::each_partner_list!(list);
    release_departed(&mut out, ours, theirs);
    out.created = ours.created.min(theirs.created);
    out.updated = ours.updated.max(theirs.updated);
    out.stamp = if ours.edit_stamp() >= theirs.edit_stamp() {
        ours.stamp
    } else {
        theirs.stamp
    };
    let base = ours.base_stamp().max(theirs.base_stamp());
    out.base = Some(base);
    out.stamps = chosen
        .iter()
        .filter(|(_, (_, s))| *s != base)
        .map(|(k, (_, s))| (k.clone(), *s))
        .collect();
    // A stamp above the record's own comes only from hand-made files: the record's
    // stamp stays the latest of its parts.
    if let Some(top) = out.stamps.values().max().copied() {
        if top > out.edit_stamp() {
            out.stamp = Some(top);
        }
    }
    out.compact_stamps();
    out
}

/// A merged list's order. When the merge keeps exactly one side's items as that side
/// holds them (the other side older, or the same items), that side's list stands as it
/// is: taking in an older copy reorders nothing. Otherwise the items go in one order of
/// their own, whatever the sides held: by place (when made, or the day it is about),
/// then key, then content (two items of one key come only from hand-made files). So
/// copies whose lists are in that order (items added over time are) merge to the same
/// list in any grouping.
fn in_order<T: Item>(mut list: Vec<T>, lead: &[T], other: &[T]) -> Vec<T> {
    let holds = |side: &[T]| side.len() == list.len() && side.iter().all(|x| list.contains(x));
    if holds(lead) {
        return lead.to_vec();
    }
    if holds(other) {
        return other.to_vec();
    }
    list.sort_by_cached_key(|x| {
        (
            x.place(),
            x.item_key(),
            serde_json::to_string(x).unwrap_or_default(),
        )
    });
    list
}

/// The name an owner falls back to when the key player it named is gone and neither
/// side knows their name.
pub const FORMER_KEY_PLAYER: &str = "A former key player";

/// Owners (of next steps and commitments) that name a key player the merged partner no
/// longer holds: one side removed the key player while the other gave them work. As a
/// removal on one side does ([`Partner::release_owner`]), the work goes to the person by
/// name on the partner's side, so that nothing names a key player who is not there (the
/// partner would break a rule and be refused). The name is the key player's in the
/// version that still holds them (the later edited, should both), else
/// [`FORMER_KEY_PLAYER`]. Returns how many owners changed.
pub fn release_departed(out: &mut Partner, ours: &Partner, theirs: &Partner) -> usize {
    let present: HashSet<&crate::model::core::id::Id> =
        out.key_players.iter().map(|k| &k.id).collect();
    let departed: Vec<crate::model::core::id::Id> = out
        .meetings
        .iter()
        .flat_map(|m| m.next_steps.iter().filter_map(|s| s.owner.as_ref()))
        .chain(out.commitments.iter().filter_map(|c| c.owner.as_ref()))
        .filter_map(|o| o.player())
        .filter(|id| !present.contains(id))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut changed = 0;
    for id in departed {
        let key = format!("kp:{id}");
        let name = [ours, theirs]
            .into_iter()
            .filter_map(|p| {
                let k = p.key_players.iter().find(|k| k.id == id)?;
                Some((p.part_stamp(&key), k.name.as_str()))
            })
            .max()
            .map_or(FORMER_KEY_PLAYER, |(_, n)| n)
            .to_owned();
        changed += out.release_owner(&id, &name);
    }
    changed
}

/// The label of a part for people: "Notes", "Key player Dana Whitfield".
pub fn label(key: &str, ours: &Partner, theirs: &Partner) -> String {
    if let Some((_, l)) = FIELDS.iter().find(|(k, _)| *k == key) {
        return (*l).to_owned();
    }
    let Some((prefix, rest)) = key.split_once(':') else {
        return key.to_owned();
    };
    let kind = LISTS
        .iter()
        .find(|(p, _)| *p == prefix)
        .map_or(prefix, |(_, l)| l);
    let id = rest.split('#').next().unwrap_or(rest);
    let named = [ours, theirs]
        .into_iter()
        .find_map(|p| item_name(p, prefix, id));
    match named {
        Some(n) if !n.is_empty() => format!("{kind} {n}"),
        _ => kind.to_owned(),
    }
}

/// A short name of an item, where it has one.
fn item_name(p: &Partner, prefix: &str, id: &str) -> Option<String> {
    use crate::model::core::format::day_short;
    match prefix {
        "kp" => p
            .key_players
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.name.clone()),
        "pi" => p
            .pitches
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.label.clone()),
        "mt" => p
            .meetings
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| day_short(x.date)),
        "go" => p
            .goals
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.statement.clone()),
        "co" => p
            .commitments
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.what.clone()),
        "wi" => p
            .wins
            .iter()
            .find(|x| x.id.as_str() == id)
            .map(|x| x.title.clone()),
        "me" => Some(id.replace('/', " ")),
        _ => None,
    }
}

/// The parts edited on both sides since `base`'s version, whose contents differ: the
/// part keys, for the message a tab shows when it took in another's edits.
pub fn both_changed(base: &Partner, ours: &Partner, theirs: &Partner) -> Vec<String> {
    let (pb, po, pt) = (base.parts(), ours.parts(), theirs.parts());
    let get = |m: &BTreeMap<String, Option<String>>, k: &str| m.get(k).cloned().flatten();
    po.keys()
        .chain(pt.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|k| {
            let (b, o, t) = (get(&pb, k), get(&po, k), get(&pt, k));
            o != t && o != b && t != b
        })
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::core::id::Id;
    use crate::model::core::vocabulary::Stage;
    use crate::model::workspace::records::KeyPlayer;
    use crate::model::workspace::records::Workspace;
    use crate::model::workspace::stamps::stamp_edit;
    use chrono::{TimeZone, Utc};

    fn ws() -> Workspace {
        let t = Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0).unwrap();
        let mut ws = Workspace::empty();
        let mut p = Partner::new(Id::parse("p1").unwrap(), "Loopline", t);
        p.key_players
            .push(KeyPlayer::new(Id::parse("k1").unwrap(), "Dana", t));
        p.stamp = Some(Stamp::new(1, 0, 1));
        ws.partners.push(p.into());
        ws
    }

    fn edit(ws: &Workspace, at: Stamp, f: impl FnOnce(&mut Partner)) -> Workspace {
        let mut after = ws.clone();
        f(&mut after.partners[0]);
        stamp_edit(ws, &mut after, at);
        after
    }

    #[test]
    fn different_fields_of_one_partner_both_stay_in_either_order() {
        let base = ws();
        let a = edit(&base, Stamp::new(10, 0, 2), |p| p.stage = Stage::Paused);
        let b = edit(&base, Stamp::new(10, 0, 3), |p| p.notes = "theirs".into());
        for by_content in [true, false] {
            let ab = merge_partner(&a.partners[0], &b.partners[0], by_content);
            let ba = merge_partner(&b.partners[0], &a.partners[0], by_content);
            assert_eq!(ab, ba);
            assert_eq!(ab.stage, Stage::Paused);
            assert_eq!(ab.notes, "theirs");
            assert_eq!(merge_partner(&ab, &a.partners[0], by_content), ab);
        }
    }

    #[test]
    fn a_deleted_item_stays_deleted_unless_edited_after_the_deletion() {
        let base = ws();
        let gone = edit(&base, Stamp::new(20, 0, 2), |p| p.key_players.clear());
        let before = edit(&base, Stamp::new(15, 0, 3), |p| {
            p.key_players[0].title = "CEO".into()
        });
        let after = edit(&base, Stamp::new(25, 0, 3), |p| {
            p.key_players[0].title = "CTO".into()
        });
        let m = merge_partner(&gone.partners[0], &before.partners[0], true);
        assert!(m.key_players.is_empty());
        let m = merge_partner(&gone.partners[0], &after.partners[0], true);
        assert_eq!(m.key_players[0].title, "CTO");
        // An item added on one side is kept: the other never had it.
        let added = edit(&base, Stamp::new(12, 0, 3), |p| {
            p.key_players
                .push(KeyPlayer::new(Id::parse("k2").unwrap(), "Sam", p.updated))
        });
        let m = merge_partner(&gone.partners[0], &added.partners[0], true);
        let names: Vec<&str> = m.key_players.iter().map(|k| k.name.as_str()).collect();
        assert_eq!(names, ["Sam"]);
    }
}
