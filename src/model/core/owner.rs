//! Who owns a next step or a commitment: a key player on the partner's side (by id, so
//! a renamed key player stays the owner), someone on their side named in text (a key
//! player since removed keeps owning what they owned, by name), or a person on ours.
//!
//! In files an owner is one small object: `{"player": "<key player id>"}`,
//! `{"theirs": "Name"}` or `{"ours": "Name"}`; a record without one has no owner.

use crate::model::core::check::{Checker, MAX_NAME};
use crate::model::core::id::Id;
use crate::model::core::input::InputError;
use serde::{Deserialize, Serialize};

/// The owner of a next step or a commitment.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Owner {
    /// A key player of the partner, by id; the partner must hold them.
    Player(Id),
    /// A person on the partner's side who is not a key player (or no longer one).
    Theirs(String),
    /// A person on our side, by name.
    Ours(String),
}

impl Owner {
    /// An owner from a form's two fields: the choice (`""` none, `player:<id>`,
    /// `theirs`, `ours`) and the name typed for a person who is not a key player.
    ///
    /// # Errors
    /// The reason, worded for the field, when the choice is not one of those or a name
    /// is needed and missing.
    pub fn from_form(choice: &str, name: &str) -> Result<Option<Owner>, InputError> {
        let name = name.trim();
        match choice {
            "" => Ok(None),
            "ours" | "theirs" if name.is_empty() => Err(InputError::OwnerName),
            "ours" => Ok(Some(Owner::Ours(name.to_owned()))),
            "theirs" => Ok(Some(Owner::Theirs(name.to_owned()))),
            other => match other.strip_prefix("player:").map(Id::parse) {
                Some(Ok(id)) => Ok(Some(Owner::Player(id))),
                _ => Err(InputError::NotOwner),
            },
        }
    }

    /// The form's two fields for an owner, the inverse of [`Owner::from_form`].
    pub fn to_form(owner: Option<&Owner>) -> (String, String) {
        match owner {
            None => (String::new(), String::new()),
            Some(Owner::Player(id)) => (format!("player:{id}"), String::new()),
            Some(Owner::Theirs(n)) => ("theirs".to_owned(), n.clone()),
            Some(Owner::Ours(n)) => ("ours".to_owned(), n.clone()),
        }
    }

    /// The key player this owner is, if it is one.
    pub fn player(&self) -> Option<&Id> {
        match self {
            Owner::Player(id) => Some(id),
            _ => None,
        }
    }

    /// Whether the owner is on our side.
    pub fn is_ours(&self) -> bool {
        matches!(self, Owner::Ours(_))
    }
}

/// The checks an owner passes on its own; that a key player is the partner's is checked
/// where the partner is known (`workspace::validate`).
pub(crate) fn check(owner: &Owner, field: impl std::fmt::Display, c: &mut Checker) {
    match owner {
        Owner::Player(id) => c.id_at(field, id),
        Owner::Theirs(name) | Owner::Ours(name) => c.required(field, name, MAX_NAME),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_round_trips_every_owner() {
        let id = Id::parse("kp-dana").unwrap();
        for owner in [
            None,
            Some(Owner::Player(id)),
            Some(Owner::Theirs("Ana".into())),
            Some(Owner::Ours("Sam Ortiz".into())),
        ] {
            let (choice, name) = Owner::to_form(owner.as_ref());
            assert_eq!(Owner::from_form(&choice, &name), Ok(owner));
        }
    }

    #[test]
    fn a_person_without_a_name_is_refused_with_what_to_do() {
        let e = Owner::from_form("ours", "  ").unwrap_err().to_string();
        assert!(e.contains("give the owner's name"), "{e}");
        assert!(Owner::from_form("player:", "").is_err());
        assert!(Owner::from_form("someone", "").is_err());
    }

    #[test]
    fn files_spell_an_owner_as_one_small_object() {
        let json = serde_json::to_string(&Owner::Ours("Sam".into())).unwrap();
        assert_eq!(json, r#"{"ours":"Sam"}"#);
        let back: Owner = serde_json::from_str(r#"{"player":"kp-1"}"#).unwrap();
        assert_eq!(back, Owner::Player(Id::parse("kp-1").unwrap()));
    }
}
