//! Why a value typed into a form field cannot be read. The messages follow the field's
//! label (`Date is required`, `Score 7 is not a whole number …`), so each form words the
//! field once and the model words the reason once.

use crate::model::core::format::NotADay;
use thiserror::Error;

/// A form field's text that is not the value it asks for.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum InputError {
    /// The field is empty and needs a value.
    #[error("is required")]
    Required,
    /// Not a date as a date input gives one (words in [`NotADay`], the one date parser's).
    #[error("{0}")]
    NotDate(NotADay),
    /// Not a number (the text as typed, cut to 20 characters).
    #[error("\"{0}\" is not a number such as 38,000 or 12.5")]
    NotNumber(String),
    /// A number the file format would refuse.
    #[error("is not a number between −10¹⁵ and 10¹⁵")]
    OutOfRange,
    /// Not a whole score in `low..=high`.
    #[error("{text} is not a whole number from {low} to {high}; leave it empty if not assessed")]
    NotScore { text: String, low: u8, high: u8 },
    /// An owner who is a person needs a name.
    #[error("give the owner's name, or choose no owner")]
    OwnerName,
    /// The owner's choice is none of the list's options.
    #[error("choose an owner from the list")]
    NotOwner,
}
