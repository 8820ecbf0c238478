//! The partner table's search, filters and sort, as a pure function of the workspace,
//! so the table shows exactly what the model says and the rules are tested natively.

use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::core::vocabulary::{rank_or_last, Category, MarketPosition, Stage};
use crate::model::workspace::records::{Partner, Workspace};
use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

/// Columns the table can sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortKey {
    #[default]
    Name,
    Category,
    Position,
    Stage,
    Owner,
    Updated,
}

impl SortKey {
    pub const ALL: &'static [SortKey] = &[
        SortKey::Name,
        SortKey::Category,
        SortKey::Position,
        SortKey::Stage,
        SortKey::Owner,
        SortKey::Updated,
    ];

    pub fn label(self) -> &'static str {
        match self {
            SortKey::Name => "Name",
            SortKey::Category => "Category",
            SortKey::Position => "Position",
            SortKey::Stage => "Stage",
            SortKey::Owner => "Owner",
            SortKey::Updated => "Updated",
        }
    }
}

/// A filter on a field a partner may leave empty: any value, the field not set, or one
/// value. "Not set" keeps the partners nobody has classified reachable by a filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Pick<T> {
    #[default]
    Any,
    NotSet,
    Is(T),
}

impl<T: PartialEq> Pick<T> {
    /// Whether an optional field's value passes.
    pub fn admits(&self, value: Option<&T>) -> bool {
        match self {
            Pick::Any => true,
            Pick::NotSet => value.is_none(),
            Pick::Is(want) => value == Some(want),
        }
    }

    /// Whether a list field passes: "Not set" is the empty list, a value is one of its items.
    pub fn admits_any_of(&self, values: &[T]) -> bool {
        match self {
            Pick::Any => true,
            Pick::NotSet => values.is_empty(),
            Pick::Is(want) => values.contains(want),
        }
    }
}

/// What the partner table is asked to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Words that must all appear (case-insensitive) in the name, website, owner, tags,
    /// notes or a key player's name or title.
    pub text: String,
    pub stage: Option<Stage>,
    pub category: Pick<Category>,
    pub position: Pick<MarketPosition>,
    /// "Not set": partners in no market.
    pub market: Pick<Id>,
    pub sort: SortKey,
    pub descending: bool,
}

impl Query {
    /// Whether a partner passes the search and every filter.
    pub fn matches(&self, p: &Partner) -> bool {
        self.matches_filters(p) && Keys::of(p).has_all(&self.words())
    }

    fn matches_filters(&self, p: &Partner) -> bool {
        self.stage.is_none_or(|s| p.stage == s)
            && self.category.admits(p.category.as_ref())
            && self.position.admits(p.position.as_ref())
            && self.market.admits_any_of(&p.markets)
    }

    /// The search's words, lower-cased.
    fn words(&self) -> Vec<String> {
        self.text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    }

    /// Indexes into `ws.partners` of the matching partners, in display order. Ties keep
    /// name order so the table never reshuffles between renders.
    pub fn run(&self, ws: &Workspace) -> Vec<usize> {
        Index::default().run(self, ws)
    }
}

/// What the search and the sort read of a partner, lower-cased: its search text (name,
/// website, owner, notes, tags, key players' names and titles, a line each), its name
/// and its owner.
#[derive(Debug)]
struct Keys {
    text: String,
    name: String,
    owner: String,
}

impl Keys {
    fn of(p: &Partner) -> Self {
        let mut text = format!("{}\n{}\n{}\n{}", p.name, p.website, p.owner, p.notes);
        for tag in &p.tags {
            text.push('\n');
            text.push_str(tag);
        }
        for k in &p.key_players {
            text.push('\n');
            text.push_str(&k.name);
            text.push('\n');
            text.push_str(&k.title);
        }
        Keys {
            text: text.to_lowercase(),
            name: p.name.to_lowercase(),
            owner: p.owner.to_lowercase(),
        }
    }

    fn has_all(&self, words: &[String]) -> bool {
        words.iter().all(|w| self.text.contains(w.as_str()))
    }
}

/// The partner table's search and sort keys, kept per partner version (as
/// `figures::memo::Figures` keeps readings): at 2,000 partners lower-casing every
/// partner's text again took most of a keystroke's script time (bench/RESULTS.md), and
/// an edit writes a new version of one partner, so only its keys are made again.
/// Partners are compared by pointer ([`Shared::same`]); each entry holds its partner
/// version, so its address is not reused while the entry lives.
#[derive(Debug, Default)]
pub struct Index {
    entries: HashMap<usize, (Shared<Partner>, Shared<Keys>)>,
    computed: u64,
}

impl Index {
    /// [`Query::run`], reading the keys kept here.
    pub fn run(&mut self, q: &Query, ws: &Workspace) -> Vec<usize> {
        if self.entries.len() > 2 * ws.partners.len() + 16 {
            let live: HashSet<usize> = ws.partners.iter().map(Shared::version).collect();
            self.entries.retain(|k, _| live.contains(k));
        }
        let words = q.words();
        let mut keyed: Vec<(usize, &Partner, Shared<Keys>)> = Vec::new();
        for (index, p) in ws.partners.iter().enumerate() {
            if !q.matches_filters(p) {
                continue;
            }
            let keys = self.keys(p);
            if keys.has_all(&words) {
                keyed.push((index, p, keys));
            }
        }
        let by_name = |a: &(usize, &Partner, Shared<Keys>), b: &(usize, &Partner, Shared<Keys>)| {
            a.2.name.cmp(&b.2.name).then_with(|| a.1.id.cmp(&b.1.id))
        };
        keyed.sort_by(|ka, kb| {
            let (a, b) = (ka.1, kb.1);
            let primary = match q.sort {
                SortKey::Name => Ordering::Equal,
                SortKey::Category => rank_or_last(a.category).cmp(&rank_or_last(b.category)),
                SortKey::Position => rank_or_last(a.position).cmp(&rank_or_last(b.position)),
                SortKey::Stage => a.stage.rank().cmp(&b.stage.rank()),
                SortKey::Owner => ka.2.owner.cmp(&kb.2.owner),
                SortKey::Updated => a.updated.cmp(&b.updated),
            };
            let primary = if q.descending {
                primary.reverse()
            } else {
                primary
            };
            primary.then_with(|| {
                let names = by_name(ka, kb);
                if q.descending && q.sort == SortKey::Name {
                    names.reverse()
                } else {
                    names
                }
            })
        });
        keyed.into_iter().map(|k| k.0).collect()
    }

    fn keys(&mut self, p: &Shared<Partner>) -> Shared<Keys> {
        let key = Shared::version(p);
        if let Some((held, keys)) = self.entries.get(&key) {
            if Shared::same(held, p) {
                return keys.clone();
            }
        }
        self.computed += 1;
        let keys = Shared::new(Keys::of(p));
        self.entries.insert(key, (p.clone(), keys.clone()));
        keys
    }

    /// Makes the keys of up to `limit` partners not kept yet, from `from` on; returns
    /// where to go on, or `None` when every partner's are kept (work for idle time).
    pub fn warm(&mut self, ws: &Workspace, from: usize, limit: usize) -> Option<usize> {
        let end = (from + limit).min(ws.partners.len());
        for p in ws.partners.get(from..end).unwrap_or_default() {
            self.keys(p);
        }
        (end < ws.partners.len()).then_some(end)
    }

    /// How many partners' keys were made (cache misses) since the index was made.
    pub fn computed(&self) -> u64 {
        self.computed
    }
}

/// The partner table's count line: how many partners match of how many there are, and,
/// while the table shows only the first page of them, that it does ("Showing 250 of
/// 250" above 50 rows read as if every row were there).
pub fn showing(matching: usize, shown: usize, total: usize) -> String {
    if shown >= matching {
        format!("Showing {matching} of {total} partners")
    } else if matching == total {
        format!("Showing the first {shown} of {total} partners")
    } else {
        format!("Showing the first {shown} of {matching} matching partners ({total} in all)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_line_says_when_only_the_first_rows_are_shown() {
        assert_eq!(showing(13, 13, 13), "Showing 13 of 13 partners");
        assert_eq!(showing(1, 1, 14), "Showing 1 of 14 partners");
        assert_eq!(
            showing(250, 50, 250),
            "Showing the first 50 of 250 partners"
        );
        assert_eq!(
            showing(120, 100, 250),
            "Showing the first 100 of 120 matching partners (250 in all)"
        );
        assert_eq!(showing(0, 0, 250), "Showing 0 of 250 partners");
    }
    use crate::model::{workspace::records::KeyPlayer, workspace::records::Market};
    use chrono::{TimeZone, Utc};

    fn ws() -> Workspace {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let id = |s: &str| Id::parse(s).unwrap();
        let mut ws = Workspace::empty();
        ws.markets.push(Market::new(id("m-jp"), "Japan", now));
        let mut a = Partner::new(id("a"), "beta Audio", now);
        a.stage = Stage::Live;
        a.owner = "Zoe".into();
        a.markets.push(id("m-jp"));
        let mut b = Partner::new(id("b"), "Alpha Radio", now);
        b.category = Some(Category::Content);
        b.owner = "adam".into();
        b.key_players
            .push(KeyPlayer::new(id("k"), "Mina Sato", now));
        let mut c = Partner::new(id("c"), "Gamma Telco", now);
        c.stage = Stage::Live;
        c.tags.push("Bundle".into());
        c.updated = now + chrono::Duration::days(3);
        ws.partners = vec![a.into(), b.into(), c.into()];
        ws
    }

    fn names(ws: &Workspace, q: &Query) -> Vec<String> {
        q.run(ws)
            .into_iter()
            .map(|i| ws.partners[i].name.clone())
            .collect()
    }

    #[test]
    fn default_query_lists_all_by_name_ignoring_case() {
        assert_eq!(
            names(&ws(), &Query::default()),
            ["Alpha Radio", "beta Audio", "Gamma Telco"]
        );
    }

    #[test]
    fn text_search_needs_every_word_in_any_field() {
        let ws = ws();
        let q = |t: &str| Query {
            text: t.into(),
            ..Query::default()
        };
        assert_eq!(names(&ws, &q("sato")), ["Alpha Radio"]);
        assert_eq!(names(&ws, &q("bundle gamma")), ["Gamma Telco"]);
        assert_eq!(names(&ws, &q("bundle alpha")), Vec::<String>::new());
        assert_eq!(names(&ws, &q("  ")).len(), 3);
    }

    #[test]
    fn filters_combine() {
        let ws = ws();
        let live = Query {
            stage: Some(Stage::Live),
            ..Query::default()
        };
        assert_eq!(names(&ws, &live), ["beta Audio", "Gamma Telco"]);
        let live_in_japan = Query {
            market: Pick::Is(Id::parse("m-jp").unwrap()),
            ..live
        };
        assert_eq!(names(&ws, &live_in_japan), ["beta Audio"]);
        let content = Query {
            category: Pick::Is(Category::Content),
            ..Query::default()
        };
        assert_eq!(names(&ws, &content), ["Alpha Radio"]);
        let disruptors = Query {
            position: Pick::Is(MarketPosition::Disruptor),
            ..Query::default()
        };
        assert!(names(&ws, &disruptors).is_empty());
    }

    #[test]
    fn not_set_reaches_the_partners_a_filter_field_leaves_empty() {
        let ws = ws();
        let q = |category, position, market| Query {
            category,
            position,
            market,
            ..Query::default()
        };
        // Only Alpha Radio has a category; only beta Audio a market; nobody a position.
        assert_eq!(
            names(&ws, &q(Pick::NotSet, Pick::Any, Pick::Any)),
            ["beta Audio", "Gamma Telco"]
        );
        assert_eq!(names(&ws, &q(Pick::Any, Pick::NotSet, Pick::Any)).len(), 3);
        assert_eq!(
            names(&ws, &q(Pick::Any, Pick::Any, Pick::NotSet)),
            ["Alpha Radio", "Gamma Telco"]
        );
        assert_eq!(
            names(&ws, &q(Pick::NotSet, Pick::Any, Pick::NotSet)),
            ["Gamma Telco"]
        );
    }

    #[test]
    fn the_index_makes_one_partners_keys_again_after_its_edit_and_agrees_with_a_fresh_run() {
        let mut ws = ws();
        let mut index = Index::default();
        let all = Query::default();
        let search = Query {
            text: "SATO".into(),
            sort: SortKey::Owner,
            ..Query::default()
        };
        assert_eq!(index.run(&all, &ws), all.run(&ws));
        assert_eq!(index.run(&search, &ws), search.run(&ws));
        assert_eq!(index.computed(), 3, "each partner's keys made once");

        // An edit writes a new version of one partner: only its keys are made again.
        let before = ws.clone();
        ws.partners[2].name = "Aardvark Sato".into();
        assert_eq!(index.run(&search, &ws), search.run(&ws));
        assert_eq!(index.run(&all, &ws), all.run(&ws));
        assert_eq!(index.computed(), 4);
        assert_eq!(names(&ws, &search), ["Aardvark Sato", "Alpha Radio"]);
        // The version before the edit is still kept while it is asked for (undo).
        assert_eq!(index.run(&all, &before), all.run(&before));
        assert_eq!(index.computed(), 4);
        assert_eq!(index.warm(&ws, 0, 2), Some(2));
        assert_eq!(index.warm(&ws, 2, 2), None);
        assert_eq!(index.computed(), 4, "warming makes nothing already kept");
    }

    #[test]
    fn sorting_by_column_and_direction_with_name_as_tiebreak() {
        let ws = ws();
        let q = |sort, descending| Query {
            sort,
            descending,
            ..Query::default()
        };
        assert_eq!(
            names(&ws, &q(SortKey::Stage, false)),
            ["Alpha Radio", "beta Audio", "Gamma Telco"]
        );
        assert_eq!(
            names(&ws, &q(SortKey::Stage, true)),
            ["beta Audio", "Gamma Telco", "Alpha Radio"]
        );
        assert_eq!(
            names(&ws, &q(SortKey::Owner, false)),
            ["Gamma Telco", "Alpha Radio", "beta Audio"]
        );
        assert_eq!(names(&ws, &q(SortKey::Updated, true))[0], "Gamma Telco");
        assert_eq!(
            names(&ws, &q(SortKey::Name, true)),
            ["Gamma Telco", "beta Audio", "Alpha Radio"]
        );
    }
}
