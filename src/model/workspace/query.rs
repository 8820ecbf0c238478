//! The partner table's search, filters and sort, as a pure function of the workspace,
//! so the table shows exactly what the model says and the rules are tested natively.

use crate::model::core::id::Id;
use crate::model::core::vocabulary::{rank_or_last, Category, MarketPosition, Stage};
use crate::model::workspace::records::{Partner, Workspace};
use std::cmp::Ordering;

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

/// What the partner table is asked to show.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Words that must all appear (case-insensitive) in the name, website, owner, tags,
    /// notes or a key player's name or title.
    pub text: String,
    pub stage: Option<Stage>,
    pub category: Option<Category>,
    pub position: Option<MarketPosition>,
    pub market: Option<Id>,
    pub sort: SortKey,
    pub descending: bool,
}

impl Query {
    /// Whether a partner passes the search and every filter.
    pub fn matches(&self, p: &Partner) -> bool {
        self.stage.is_none_or(|s| p.stage == s)
            && self.category.is_none_or(|c| p.category == Some(c))
            && self.position.is_none_or(|m| p.position == Some(m))
            && self.market.as_ref().is_none_or(|m| p.markets.contains(m))
            && self.matches_text(p)
    }

    fn matches_text(&self, p: &Partner) -> bool {
        let words: Vec<String> = self
            .text
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        if words.is_empty() {
            return true;
        }
        let haystack = searchable(p);
        words.iter().all(|w| haystack.contains(w.as_str()))
    }

    /// Indexes into `ws.partners` of the matching partners, in display order. Ties keep
    /// name order so the table never reshuffles between renders.
    pub fn run(&self, ws: &Workspace) -> Vec<usize> {
        let rows: Vec<usize> = (0..ws.partners.len())
            .filter(|&i| self.matches(&ws.partners[i]))
            .collect();
        // Each partner's lower-case name (and owner, when sorting by owner) computed once,
        // not in every comparison: at 2,000 partners the comparisons' copies cost more
        // than the sort itself.
        struct Keyed<'a> {
            index: usize,
            partner: &'a Partner,
            name: String,
            owner: String,
        }
        let mut keyed: Vec<Keyed> = rows
            .into_iter()
            .map(|index| {
                let partner = &*ws.partners[index];
                Keyed {
                    index,
                    partner,
                    name: partner.name.to_lowercase(),
                    owner: if self.sort == SortKey::Owner {
                        partner.owner.to_lowercase()
                    } else {
                        String::new()
                    },
                }
            })
            .collect();
        let by_name = |a: &Keyed, b: &Keyed| {
            a.name
                .cmp(&b.name)
                .then_with(|| a.partner.id.cmp(&b.partner.id))
        };
        keyed.sort_by(|ka, kb| {
            let (a, b) = (ka.partner, kb.partner);
            let primary = match self.sort {
                SortKey::Name => Ordering::Equal,
                SortKey::Category => rank_or_last(a.category).cmp(&rank_or_last(b.category)),
                SortKey::Position => rank_or_last(a.position).cmp(&rank_or_last(b.position)),
                SortKey::Stage => a.stage.rank().cmp(&b.stage.rank()),
                SortKey::Owner => ka.owner.cmp(&kb.owner),
                SortKey::Updated => a.updated.cmp(&b.updated),
            };
            let primary = if self.descending {
                primary.reverse()
            } else {
                primary
            };
            primary.then_with(|| {
                let names = by_name(ka, kb);
                if self.descending && self.sort == SortKey::Name {
                    names.reverse()
                } else {
                    names
                }
            })
        });
        keyed.into_iter().map(|k| k.index).collect()
    }
}

fn searchable(p: &Partner) -> String {
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
    text.to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;
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
            market: Some(Id::parse("m-jp").unwrap()),
            ..live
        };
        assert_eq!(names(&ws, &live_in_japan), ["beta Audio"]);
        let content = Query {
            category: Some(Category::Content),
            ..Query::default()
        };
        assert_eq!(names(&ws, &content), ["Alpha Radio"]);
        let disruptors = Query {
            position: Some(MarketPosition::Disruptor),
            ..Query::default()
        };
        assert!(names(&ws, &disruptors).is_empty());
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
