//! The pipeline board's columns: one per stage, in [`Stage::ALL`] order, each listing its
//! partners' cards by name ignoring case (ties in workspace order). Kept per partner
//! version ([`Board`]): a move makes one new card and sorts again the two columns it
//! touches, and every other column stays the same shared list, so the board's views
//! can tell by pointer that nothing in it changed. At 2,000 partners, making every card
//! and sorting every column again on each move was a large part of the move's script
//! (bench/RESULTS.md).

use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::core::vocabulary::Stage;
use crate::model::workspace::records::{Partner, Workspace};
use std::sync::Arc;

/// What a card on the board shows of a partner.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Card {
    pub id: Id,
    pub name: String,
    pub stage: Stage,
    pub category: &'static str,
    pub owner: String,
}

impl Card {
    pub fn of(partner: &Partner) -> Card {
        Card {
            id: partner.id.clone(),
            name: partner.name.clone(),
            stage: partner.stage,
            // Alone on a card, "Not set" would not say what is not set.
            category: partner.category.map_or("Category not set", |c| c.label()),
            owner: partner.owner.clone(),
        }
    }
}

/// A column's cards, in the order shown. Equality looks at the pointer first (`Arc` of
/// an `Eq` value), so an unchanged column compares in one step.
pub type Column = Arc<Vec<Arc<Card>>>;

/// The columns of the board, [`Board::columns`], kept between calls.
#[derive(Default)]
pub struct Board {
    /// One per partner, in workspace order.
    kept: Vec<Kept>,
    /// One per stage, in `Stage::ALL` order.
    columns: Vec<Column>,
}

/// A partner's card, the version of the partner it was made from (held, so that its
/// address names no other version meanwhile) and the name it sorts by.
struct Kept {
    partner: Shared<Partner>,
    card: Arc<Card>,
    key: String,
}

impl Kept {
    fn of(partner: &Shared<Partner>) -> Kept {
        Kept {
            partner: partner.clone(),
            card: Arc::new(Card::of(partner)),
            key: partner.name.to_lowercase(),
        }
    }
}

impl Board {
    /// The columns of `ws`, one per stage in `Stage::ALL` order. A column whose cards
    /// are the same as at the last call is the same `Arc` as then.
    pub fn columns(&mut self, ws: &Workspace) -> Vec<Column> {
        let dirty = self.refresh(ws);
        let stages = Stage::ALL.len();
        if self.columns.len() != stages {
            self.columns = vec![Column::default(); stages];
        }
        for (rank, stage) in Stage::ALL.iter().enumerate() {
            if dirty[rank] {
                self.columns[rank] = self.column(*stage);
            }
        }
        self.columns.clone()
    }

    /// Brings the cards up to `ws` and says which stages' columns changed.
    fn refresh(&mut self, ws: &Workspace) -> Vec<bool> {
        let stages = Stage::ALL.len();
        let same_list = self.kept.len() == ws.partners.len() && self.columns.len() == stages;
        if !same_list {
            // Partners added or removed (or the first call): every card made again.
            self.kept = ws.partners.iter().map(Kept::of).collect();
            return vec![true; stages];
        }
        let mut dirty = vec![false; stages];
        for (kept, partner) in self.kept.iter_mut().zip(&ws.partners) {
            if Shared::same(&kept.partner, partner) {
                continue;
            }
            let fresh = Kept::of(partner);
            // Another version that shows the same (an edit of a field the card does not
            // show) keeps its card, and its column stays as it was.
            if fresh.card != kept.card {
                dirty[kept.card.stage.rank()] = true;
                dirty[fresh.card.stage.rank()] = true;
                *kept = fresh;
            } else {
                kept.partner = fresh.partner;
            }
        }
        dirty
    }

    /// The cards of `stage` by name ignoring case, ties in workspace order.
    fn column(&self, stage: Stage) -> Column {
        let mut cards: Vec<&Kept> = self.kept.iter().filter(|k| k.card.stage == stage).collect();
        cards.sort_by(|a, b| a.key.cmp(&b.key));
        Arc::new(cards.into_iter().map(|k| k.card.clone()).collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{TimeZone, Utc};

    fn ws(n: usize) -> Workspace {
        let now = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
        let mut ws = Workspace::empty();
        for i in 0..n {
            let id = Id::parse(&format!("p{i}")).unwrap();
            // Names that sort apart from the order of the list, with ties.
            let mut p = Partner::new(id, format!("{} partner", ["b", "A", "c"][i % 3]), now);
            p.stage = Stage::ALL[i % 4];
            ws.partners.push(p.into());
        }
        ws
    }

    /// The columns made from scratch, as the board showed them before they were kept.
    fn fresh(ws: &Workspace) -> Vec<Vec<Card>> {
        Stage::ALL
            .iter()
            .map(|&stage| {
                let mut cards: Vec<Card> = ws
                    .partners
                    .iter()
                    .filter(|p| p.stage == stage)
                    .map(|p| Card::of(p))
                    .collect();
                cards.sort_by_cached_key(|c| c.name.to_lowercase());
                cards
            })
            .collect()
    }

    fn plain(columns: &[Column]) -> Vec<Vec<Card>> {
        columns
            .iter()
            .map(|c| c.iter().map(|card| (**card).clone()).collect())
            .collect()
    }

    #[test]
    fn a_move_changes_the_two_columns_it_touches_and_shares_the_others() {
        let mut ws = ws(40);
        let mut board = Board::default();
        let before = board.columns(&ws);
        assert_eq!(plain(&before), fresh(&ws));
        let from = ws.partners[5].stage;
        ws.partners[5].stage = Stage::Paused;
        let after = board.columns(&ws);
        assert_eq!(plain(&after), fresh(&ws));
        for (rank, stage) in Stage::ALL.iter().enumerate() {
            let touched = *stage == from || *stage == Stage::Paused;
            assert_eq!(
                !Arc::ptr_eq(&before[rank], &after[rank]),
                touched,
                "{stage:?}"
            );
        }
        // An edit the cards do not show changes no column.
        ws.partners[7].notes = "Met at the fair".into();
        let again = board.columns(&ws);
        assert!(after.iter().zip(&again).all(|(a, b)| Arc::ptr_eq(a, b)));
    }

    #[test]
    fn renames_reorders_additions_and_removals_give_what_a_fresh_board_gives() {
        let mut ws = ws(30);
        let mut board = Board::default();
        board.columns(&ws);
        ws.partners[3].name = "aardvark".into();
        assert_eq!(plain(&board.columns(&ws)), fresh(&ws));
        ws.partners.swap(1, 2);
        assert_eq!(plain(&board.columns(&ws)), fresh(&ws));
        ws.partners.remove(4);
        assert_eq!(plain(&board.columns(&ws)), fresh(&ws));
        let extra = ws.partners[0].clone();
        let mut extra = Shared::into_inner(extra);
        extra.id = Id::parse("extra").unwrap();
        extra.category = Some(crate::model::core::vocabulary::Category::Content);
        ws.partners.push(extra.into());
        assert_eq!(plain(&board.columns(&ws)), fresh(&ws));
        ws.partners.clear();
        assert_eq!(plain(&board.columns(&ws)), fresh(&ws));
    }
}
