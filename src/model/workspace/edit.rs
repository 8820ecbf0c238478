//! The edits a person can make, as functions on the workspace. Each checks the model's
//! rules first and changes nothing when they fail, each stamps `updated` on what it
//! changed (a key player's edit also stamps its partner, so a merge sees the partner as
//! newer), and each reports whether anything changed, so the app saves only real edits.

use crate::model::core::check::ValidationError;
use crate::model::core::format::count;
use crate::model::core::id::Id;
use crate::model::core::shared::Shared;
use crate::model::core::vocabulary::Stage;
use crate::model::workspace::records::{KeyPlayer, Market, Partner, Workspace};
use crate::model::workspace::validate::{self};
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// A deleted partner and where it stood, so the delete can be undone exactly.
#[derive(Clone, Debug, PartialEq)]
pub struct Removed {
    pub index: usize,
    pub partner: Shared<Partner>,
}

impl Workspace {
    /// Checks a partner as it would be saved, with paths relative to the partner.
    pub fn check_partner(&self, draft: &Partner) -> Vec<ValidationError> {
        let mut errors = validate::partner(draft, &validate::catalogue(&self.markets));
        let taken: HashSet<&Id> = self
            .partners
            .iter()
            .filter(|p| p.id != draft.id)
            .flat_map(|p| std::iter::once(&p.id).chain(p.key_players.iter().map(|k| &k.id)))
            .chain(self.markets.iter().map(|m| &m.id))
            .collect();
        if taken.contains(&draft.id) {
            errors.push(ValidationError {
                path: "id".into(),
                record: format!("partner \"{}\"", draft.name),
                message: format!("duplicate id {}", draft.id),
            });
        }
        errors
    }

    /// Adds a new partner or replaces the one with the same id, stamping `updated`.
    /// Saving a partner unchanged keeps its timestamp and returns `Ok(false)`.
    pub fn save_partner(
        &mut self,
        mut draft: Partner,
        now: DateTime<Utc>,
    ) -> Result<bool, Vec<ValidationError>> {
        let errors = self.check_partner(&draft);
        if !errors.is_empty() {
            return Err(errors);
        }
        match self.partners.iter().position(|p| p.id == draft.id) {
            Some(i) if *self.partners[i] == draft => return Ok(false),
            Some(i) => {
                if self.partners[i].stage != draft.stage {
                    draft.stage_since = Some(now.date_naive());
                }
                draft.updated = now.max(draft.created);
                self.partners[i] = draft.into();
            }
            None => {
                draft.updated = now.max(draft.created);
                self.partners.push(draft.into());
            }
        }
        Ok(true)
    }

    /// Deletes a partner, leaving a tombstone so a merge does not bring it back.
    pub fn delete_partner(&mut self, id: &Id, now: DateTime<Utc>) -> Option<Removed> {
        let index = self.partners.iter().position(|p| &p.id == id)?;
        let partner = self.partners.remove(index);
        self.deleted
            .push(crate::model::workspace::records::Tombstone {
                id: id.clone(),
                deleted: now.max(partner.updated),
                // The store stamps the edit (`stamps::stamp_edit`).
                stamp: None,
            });
        Some(Removed { index, partner })
    }

    /// Puts a deleted partner back where it was (or at the end if the list shrank).
    /// Returns false when it is already back.
    pub fn undo_delete(&mut self, removed: Removed) -> bool {
        if self.partner(&removed.partner.id).is_some() {
            return false;
        }
        let index = removed.index.min(self.partners.len());
        self.deleted.retain(|t| t.id != removed.partner.id);
        self.partners.insert(index, removed.partner);
        true
    }

    /// Moves a partner to a stage, from today; returns whether anything changed.
    pub fn move_stage(&mut self, id: &Id, stage: Stage, now: DateTime<Utc>) -> bool {
        match self.partner_mut(id) {
            Some(p) if p.stage != stage => {
                p.stage = stage;
                p.stage_since = Some(now.date_naive());
                p.updated = now.max(p.created);
                true
            }
            _ => false,
        }
    }

    /// Adds or replaces a key player of a partner; `Ok(false)` when nothing changed.
    /// Errors have paths relative to the key player (`name`, `influence`).
    pub fn save_key_player(
        &mut self,
        partner_id: &Id,
        player: KeyPlayer,
        now: DateTime<Utc>,
    ) -> Result<bool, Vec<ValidationError>> {
        let Some(partner) = self.partner(partner_id) else {
            return Err(vec![ValidationError::partner_gone()]);
        };
        let mut draft = partner.clone();
        let index = match draft.key_players.iter().position(|k| k.id == player.id) {
            Some(i) if draft.key_players[i] == player => return Ok(false),
            Some(i) => {
                draft.key_players[i] = player;
                i
            }
            None => {
                draft.key_players.push(player);
                draft.key_players.len() - 1
            }
        };
        draft.key_players[index].updated = now.max(draft.key_players[index].created);
        let prefix = format!("key_players[{index}].");
        let errors: Vec<_> = self
            .check_partner(&draft)
            .into_iter()
            .filter_map(|mut e| {
                let relative = e.path.strip_prefix(&prefix)?.to_owned();
                e.path = relative;
                Some(e)
            })
            .collect();
        if !errors.is_empty() {
            return Err(errors);
        }
        draft.updated = now.max(draft.created);
        self.save_partner(draft, now)
    }

    /// Removes a key player; returns whether there was one to remove.
    pub fn remove_key_player(
        &mut self,
        partner_id: &Id,
        player_id: &Id,
        now: DateTime<Utc>,
    ) -> bool {
        let Some(p) = self.partner_mut(partner_id) else {
            return false;
        };
        let Some(name) = p
            .key_players
            .iter()
            .find(|k| &k.id == player_id)
            .map(|k| k.name.clone())
        else {
            return false;
        };
        p.key_players.retain(|k| &k.id != player_id);
        p.release_owner(player_id, &name);
        let removed = true;
        if removed {
            p.updated = now.max(p.created);
        }
        removed
    }

    /// Renames the program; `Ok(false)` when the name is the same.
    pub fn set_program_name(&mut self, name: &str) -> Result<bool, ValidationError> {
        let mut probe = Workspace {
            program_name: name.trim().to_owned(),
            ..Workspace::default()
        };
        if let Some(e) = validate::workspace(&probe).into_iter().next() {
            return Err(e);
        }
        if probe.program_name == self.program_name {
            return Ok(false);
        }
        std::mem::swap(&mut self.program_name, &mut probe.program_name);
        Ok(true)
    }

    /// Adds a market to the catalogue, refusing an empty, overlong or repeated name.
    pub fn add_market(&mut self, market: Market) -> Result<(), ValidationError> {
        // A new name is held to the stricter sameness an import matches by (accents and
        // spacing aside too), so that a colleague's file finds one market, not two.
        let key = Market::key(&market.name);
        if let Some(taken) = self.markets.iter().find(|m| Market::key(&m.name) == key) {
            return Err(ValidationError {
                path: "name".into(),
                record: format!("market \"{}\"", market.name.trim()),
                message: format!("is already taken by market \"{}\"", taken.name),
            });
        }
        let mut markets = self.markets.clone();
        markets.push(Market {
            name: market.name.trim().to_owned(),
            ..market
        });
        let probe = Workspace {
            program_name: self.program_name.clone(),
            markets,
            ..Workspace::default()
        };
        if let Some(e) = validate::workspace(&probe).into_iter().next() {
            return Err(e);
        }
        self.markets = probe.markets;
        Ok(())
    }

    /// Adds a market to the catalogue and to one partner's markets, as one edit: what
    /// "Add market…" does where a person needs the market (the partner's profile, its
    /// landing plan, its metrics). The name is held to [`Workspace::add_market`]'s
    /// rules — a name already in the catalogue, case, accents and spacing aside, is
    /// refused naming the market that has it — and nothing changes on a refusal.
    pub fn add_partner_market(
        &mut self,
        partner: &Id,
        market: Market,
        now: DateTime<Utc>,
    ) -> Result<(), ValidationError> {
        let Some(index) = self.partners.iter().position(|p| &p.id == partner) else {
            return Err(ValidationError::partner_gone());
        };
        let id = market.id.clone();
        self.add_market(market)?;
        let mut draft = self.partners[index].clone();
        draft.markets.push(id);
        if let Some(e) = self.check_partner(&draft).into_iter().next() {
            // The partner cannot take it (a limit on its markets): the catalogue stays
            // as it was, so the refusal changes nothing.
            self.markets.pop();
            return Err(e);
        }
        draft.updated = now.max(draft.updated);
        self.partners[index] = draft;
        Ok(())
    }

    /// Removes a market no partner uses (leaving a tombstone); otherwise says which
    /// partners use it.
    pub fn remove_market(&mut self, id: &Id, now: DateTime<Utc>) -> Result<(), MarketInUse> {
        let users: Vec<String> = self
            .partners
            .iter()
            .filter(|p| p.market_refs().any(|m| m == id))
            .map(|p| p.name.clone())
            .collect();
        if !users.is_empty() {
            return Err(MarketInUse {
                market: self.market_name(id).to_owned(),
                partners: users,
            });
        }
        if let Some(i) = self.markets.iter().position(|m| &m.id == id) {
            let market = self.markets.remove(i);
            self.deleted
                .push(crate::model::workspace::records::Tombstone {
                    id: id.clone(),
                    deleted: now.max(market.updated),
                    stamp: None,
                });
        }
        Ok(())
    }
}

/// Why a market cannot be removed: partners still use it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{market} is still used by {}: {}. Remove it from them first.",
    count(partners.len(), "partner"),
    partners.join(", ")
)]
pub struct MarketInUse {
    /// The market's name.
    pub market: String,
    /// The names of the partners that use it.
    pub partners: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 23, h, 0, 0).unwrap()
    }
    fn id(s: &str) -> Id {
        Id::parse(s).unwrap()
    }

    #[test]
    fn saving_stamps_updated_only_when_something_changed() {
        let mut ws = Workspace::empty();
        ws.save_partner(Partner::new(id("a"), "Aria", t(1)), t(1))
            .unwrap();
        assert!(!ws
            .save_partner(Partner::clone(&ws.partners[0]), t(5))
            .unwrap());
        assert_eq!(ws.partners[0].updated, t(1));
        let mut edited = Partner::clone(&ws.partners[0]);
        edited.owner = "Kim".into();
        assert!(ws.save_partner(edited, t(6)).unwrap());
        assert_eq!(ws.partners[0].updated, t(6));
    }

    #[test]
    fn a_new_stage_starts_its_clock_whichever_way_it_is_set() {
        let mut ws = Workspace::empty();
        ws.save_partner(Partner::new(id("a"), "Aria", t(1)), t(1))
            .unwrap();
        assert_eq!(ws.partners[0].stage_since, None);
        assert_eq!(ws.partners[0].in_stage_since(), t(1).date_naive());
        let later = t(1) + chrono::Duration::days(40);
        assert!(ws.move_stage(&id("a"), Stage::Pitching, later));
        assert_eq!(ws.partners[0].stage_since, Some(later.date_naive()));
        let mut edited = Partner::clone(&ws.partners[0]);
        edited.owner = "Kim".into();
        ws.save_partner(edited, later + chrono::Duration::days(3))
            .unwrap();
        assert_eq!(
            ws.partners[0].stage_since,
            Some(later.date_naive()),
            "same stage, same clock"
        );
        let mut moved = Partner::clone(&ws.partners[0]);
        moved.stage = Stage::Negotiating;
        let much_later = later + chrono::Duration::days(9);
        ws.save_partner(moved, much_later).unwrap();
        assert_eq!(ws.partners[0].stage_since, Some(much_later.date_naive()));
    }

    #[test]
    fn an_invalid_partner_is_refused_and_nothing_changes() {
        let mut ws = Workspace::empty();
        let before = ws.clone();
        let mut p = Partner::new(id("a"), "", t(1));
        p.website = "javascript:alert(1)".into();
        let errors = ws.save_partner(p, t(1)).unwrap_err();
        let paths: Vec<_> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["name", "website"]);
        assert_eq!(ws, before);
    }

    #[test]
    fn delete_then_undo_restores_the_same_place() {
        let mut ws = Workspace::empty();
        for (i, n) in ["a", "b", "c"].iter().enumerate() {
            ws.save_partner(Partner::new(id(n), *n, t(i as u32)), t(i as u32))
                .unwrap();
        }
        let before = ws.clone();
        let removed = ws.delete_partner(&id("b"), t(5)).unwrap();
        assert_eq!(ws.deleted_at(&id("b")), Some(t(5)));
        assert_eq!(ws.partners.len(), 2);
        assert!(ws.undo_delete(removed.clone()));
        assert_eq!(ws, before);
        assert!(!ws.undo_delete(removed));
        assert_eq!(ws, before, "undoing twice does not duplicate");
    }

    #[test]
    fn moving_stage_stamps_and_reports_change() {
        let mut ws = Workspace::empty();
        ws.save_partner(Partner::new(id("a"), "Aria", t(1)), t(1))
            .unwrap();
        assert!(ws.move_stage(&id("a"), Stage::Live, t(2)));
        assert!(!ws.move_stage(&id("a"), Stage::Live, t(3)));
        assert!(!ws.move_stage(&id("zz"), Stage::Live, t(3)));
        assert_eq!(ws.partners[0].updated, t(2));
    }

    #[test]
    fn key_player_errors_are_relative_and_edits_stamp_the_partner() {
        let mut ws = Workspace::empty();
        ws.save_partner(Partner::new(id("a"), "Aria", t(1)), t(1))
            .unwrap();
        let mut kp = KeyPlayer::new(id("k"), "Kai", t(2));
        kp.influence = 0;
        let errors = ws.save_key_player(&id("a"), kp.clone(), t(2)).unwrap_err();
        assert_eq!(errors[0].path, "influence");
        assert_eq!(errors[0].message, "0 is outside 1–5");
        kp.influence = 4;
        ws.save_key_player(&id("a"), kp, t(3)).unwrap();
        assert_eq!(ws.partners[0].updated, t(3));
        assert!(ws.remove_key_player(&id("a"), &id("k"), t(4)));
        assert!(!ws.remove_key_player(&id("a"), &id("k"), t(5)));
        assert!(ws.partners[0].key_players.is_empty());
        assert_eq!(ws.partners[0].updated, t(4));
    }

    #[test]
    fn a_new_market_named_like_one_we_have_but_for_accents_is_refused_by_name() {
        let mut ws = Workspace::empty();
        ws.add_market(Market::new(id("m"), "Mexico", t(1))).unwrap();
        let err = ws
            .add_market(Market::new(id("m2"), "  México ", t(1)))
            .unwrap_err();
        assert_eq!(
            format!("The market name {}.", err.message),
            "The market name is already taken by market \"Mexico\"."
        );
        ws.add_market(Market::new(id("m3"), "Mexico City", t(1)))
            .unwrap();
    }

    #[test]
    fn a_market_added_from_a_partner_joins_the_catalogue_and_the_partner_in_one_edit() {
        let mut ws = Workspace::empty();
        ws.add_market(Market::new(id("m-us"), "United States", t(1)))
            .unwrap();
        ws.save_partner(Partner::new(id("a"), "Aria", t(1)), t(1))
            .unwrap();
        ws.add_partner_market(&id("a"), Market::new(id("m-br"), " Brazil ", t(2)), t(2))
            .unwrap();
        assert_eq!(ws.market_name(&id("m-br")), "Brazil");
        assert_eq!(ws.partners[0].markets, [id("m-br")]);
        assert_eq!(ws.partners[0].updated, t(2));
        // Named like one we have, case and accents aside: refused by that market's
        // name, and neither the catalogue nor the partner changes.
        let before = ws.clone();
        let err = ws
            .add_partner_market(
                &id("a"),
                Market::new(id("m-x"), "united  STATES", t(3)),
                t(3),
            )
            .unwrap_err();
        assert_eq!(
            format!("The market name {}.", err.message),
            "The market name is already taken by market \"United States\"."
        );
        assert_eq!(ws, before);
        // A partner that is gone: refused, nothing added to the catalogue.
        assert!(ws
            .add_partner_market(&id("gone"), Market::new(id("m-j"), "Japan", t(3)), t(3))
            .is_err());
        assert_eq!(ws, before);
        // One step of history takes both back.
        let mut after = ws.clone();
        after
            .add_partner_market(&id("a"), Market::new(id("m-j"), "Japan", t(4)), t(4))
            .unwrap();
        let step =
            crate::model::workspace::history::Step::between(&ws, &after, "add Japan").unwrap();
        let mut undone = after.clone();
        step.undo(&mut undone);
        assert_eq!(undone, ws);
    }

    #[test]
    fn markets_in_use_cannot_be_removed() {
        let mut ws = Workspace::empty();
        ws.add_market(Market::new(id("m"), "Japan", t(1))).unwrap();
        assert!(ws
            .add_market(Market::new(id("m2"), " japan", t(1)))
            .is_err());
        let mut p = Partner::new(id("a"), "Aria", t(1));
        p.markets.push(id("m"));
        ws.save_partner(p, t(1)).unwrap();
        let err = ws.remove_market(&id("m"), t(2)).unwrap_err().to_string();
        assert!(
            err.contains("Japan is still used by 1 partner: Aria"),
            "{err}"
        );
        ws.remove_key_player(&id("a"), &id("none"), t(2));
        ws.partners[0].markets.clear();
        ws.remove_market(&id("m"), t(3)).unwrap();
        assert_eq!(ws.deleted_at(&id("m")), Some(t(3)));
        assert!(ws.markets.is_empty());
    }

    #[test]
    fn program_name_must_not_be_blank() {
        let mut ws = Workspace::empty();
        assert!(ws.set_program_name("   ").is_err());
        assert!(ws.set_program_name(" Riffs ").unwrap());
        assert!(!ws.set_program_name("Riffs").unwrap());
        assert_eq!(ws.program_name, "Riffs");
    }
}
