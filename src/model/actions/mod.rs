//! Every edit a person can make, named: one [`Action`] per kind of edit, carrying its
//! data and the words its undo step shows ([`Action::label`]). [`Action::apply`] calls
//! the feature's own edit function, so an action checks what that function checks; a
//! refused action changes nothing and says why as an [`ActionError`].
//!
//! The UI builds an action and hands it to the store (`ui::state::Store::dispatch`),
//! the only code that may change the workspace: it keeps the workspace as it was,
//! applies the action, stamps and records the undo step under the action's label. The
//! keyboard shortcuts that edit dispatch the same actions as the buttons.
//!
//! This layer sits above every layer whose edits it names (the workspace's, each
//! feature's, the planner's in `figures`, the metrics import in `formats`); nothing in
//! the model uses it. The actions of one feature live in the feature's file here.
//!
//! An action is pure: the time of the edit is passed to `apply`, and ids of new
//! records are chosen by whoever builds the action, so a test replays one exactly.

pub mod fit;
pub mod goals;
pub mod landing;
pub mod meetings;
pub mod metrics;
pub mod partners;
pub mod pitch;
pub mod planner;
pub mod program;

use crate::model::core::check::{ValidationError, PARTNER_GONE};
use crate::model::fit::ladder::LadderError;
use crate::model::metrics::MetricError;
use crate::model::pitch::PitchError;
use crate::model::workspace::edit::{MarketInUse, Removed};
use crate::model::workspace::records::Workspace;
use chrono::{DateTime, Utc};

pub use self::fit::FitAction;
pub use self::goals::GoalAction;
pub use self::landing::LandingAction;
pub use self::meetings::MeetingAction;
pub use self::metrics::MetricAction;
pub use self::partners::PartnerAction;
pub use self::pitch::PitchAction;
pub use self::planner::PlannerAction;
pub use self::program::ProgramAction;

/// What the store needs of an action: its words and its edit. Every feature's enum and
/// [`Action`] have it, and the store's `dispatch` is generic over it, so the code of a
/// feature's edits goes with the screens that dispatch them: the wasm split then loads it
/// with those screens. (Dispatching only `Action`, whose `apply` reaches every feature's
/// edits, put all of them in the first load: +~50 KB gzip, bench/RESULTS.md.)
pub trait Named {
    /// The edit in words, as the undo history and the undo button's title show it.
    fn label(&self) -> String;
    /// Applies the edit at `now`. On an error nothing changed.
    fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError>;
}

/// Declares [`Action`] from the list of features once: the enum, `From` each feature's
/// enum, its `label` and `apply` (handing over to the feature's own), and `Named` for
/// each feature's enum and for `Action`.
macro_rules! actions {
    ($($variant:ident($ty:ty)),* $(,)?) => {
        /// An edit a person can make, by feature.
        // One action is built per click or key and moved once into `apply`: the size of
        // the largest (a partner's profile) costs nothing worth boxing for.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq)]
        pub enum Action {
            $($variant($ty)),*
        }

        $(impl From<$ty> for Action {
            fn from(a: $ty) -> Self {
                Action::$variant(a)
            }
        }

        impl Named for $ty {
            fn label(&self) -> String {
                <$ty>::label(self)
            }
            fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
                <$ty>::apply(self, ws, now)
            }
        })*

        impl Action {
            /// The edit in words, as the undo history and the undo button's title show
            /// it ("move Loopline to Signed").
            pub fn label(&self) -> String {
                match self {
                    $(Action::$variant(a) => a.label()),*
                }
            }

            /// Applies the edit at `now`. On an error nothing changed.
            pub fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
                match self {
                    $(Action::$variant(a) => a.apply(ws, now)),*
                }
            }
        }

        impl Named for Action {
            fn label(&self) -> String {
                Action::label(self)
            }
            fn apply(self, ws: &mut Workspace, now: DateTime<Utc>) -> Result<Applied, ActionError> {
                Action::apply(self, ws, now)
            }
        }
    };
}

actions!(
    Partner(PartnerAction),
    Program(ProgramAction),
    Pitch(PitchAction),
    Fit(FitAction),
    Meeting(MeetingAction),
    Goal(GoalAction),
    Landing(LandingAction),
    Metric(MetricAction),
    Planner(PlannerAction),
);

/// What an applied action did.
#[derive(Clone, Debug, PartialEq)]
pub enum Applied {
    /// Nothing to change: the records already said so.
    Unchanged,
    Changed,
    /// A partner deleted, with what undoing the delete needs (the toast's Undo).
    Deleted(Removed),
    /// Of a batch (a draft restored), the positions of the items saved; the others
    /// were refused and stay drafts.
    Saved(Vec<usize>),
}

impl Applied {
    /// Whether the workspace changed: only then is there an undo step and a save.
    pub fn changed(&self) -> bool {
        match self {
            Applied::Unchanged => false,
            Applied::Changed | Applied::Deleted(_) => true,
            Applied::Saved(items) => !items.is_empty(),
        }
    }

    /// Of a batch, the positions of the items saved; none for any other action.
    pub fn saved(&self) -> &[usize] {
        match self {
            Applied::Saved(items) => items,
            _ => &[],
        }
    }

    fn from_bool(changed: bool) -> Self {
        if changed {
            Applied::Changed
        } else {
            Applied::Unchanged
        }
    }
}

/// Why an action was refused. Its `Display` is the sentence a person reads; each
/// variant keeps the feature's own error, so a form can still place a message on its
/// field.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ActionError {
    /// The record's checks failed: one message per field (a form shows each beside its
    /// field; a toast shows the first).
    #[error("{}", .0.first().map(ToString::to_string).unwrap_or_default())]
    Invalid(Vec<ValidationError>),
    /// One field refused: a program or market name.
    #[error(transparent)]
    Field(ValidationError),
    #[error(transparent)]
    Pitch(#[from] PitchError),
    #[error(transparent)]
    Metric(#[from] MetricError),
    #[error(transparent)]
    Ladder(#[from] LadderError),
    #[error(transparent)]
    MarketInUse(#[from] MarketInUse),
    /// The record to change is gone (removed in another tab, or by an undo).
    #[error("{}", .0.sentence())]
    Gone(Gone),
}

impl From<Vec<ValidationError>> for ActionError {
    fn from(errors: Vec<ValidationError>) -> Self {
        ActionError::Invalid(errors)
    }
}

impl From<ValidationError> for ActionError {
    fn from(error: ValidationError) -> Self {
        ActionError::Field(error)
    }
}

impl ActionError {
    /// The refusal as a form's list of field messages: the record checks' own list,
    /// otherwise one message that belongs to no field (the form's general error).
    pub fn problems(self) -> Vec<ValidationError> {
        match self {
            ActionError::Invalid(errors) => errors,
            ActionError::Field(error) => vec![error],
            other => vec![ValidationError {
                path: String::new(),
                record: String::new(),
                message: other.to_string(),
            }],
        }
    }

    /// What is wrong with the one field, without naming the field: "must not be
    /// empty", for a form that says "The name must not be empty.".
    pub fn message(&self) -> String {
        match self {
            ActionError::Field(e) => e.message.clone(),
            ActionError::Invalid(errors) => errors
                .first()
                .map(|e| e.message.clone())
                .unwrap_or_default(),
            other => other.to_string(),
        }
    }
}

/// The kind of record an action found gone, as the sentence names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gone {
    Partner,
    KeyPlayer,
    Goal,
    Win,
    Commitment,
    Decision,
    LandingTrack,
    Meeting,
    Lever,
}

impl Gone {
    /// What a person reads; a partner's is the one wording every feature uses
    /// ([`PARTNER_GONE`]).
    fn sentence(self) -> String {
        let what = match self {
            Gone::Partner => return PARTNER_GONE.to_owned(),
            Gone::KeyPlayer => "This key player",
            Gone::Goal => "This goal",
            Gone::Win => "This win",
            Gone::Commitment => "This commitment",
            Gone::Decision => "This decision",
            Gone::LandingTrack => "This landing track",
            Gone::Meeting => "This meeting",
            Gone::Lever => "This lever",
        };
        format!("{what} no longer exists; it may have been removed in another tab.")
    }
}

/// A removal's outcome: removed, or the record was already gone.
fn removed(done: bool, what: Gone) -> Result<Applied, ActionError> {
    if done {
        Ok(Applied::Changed)
    } else {
        Err(ActionError::Gone(what))
    }
}
