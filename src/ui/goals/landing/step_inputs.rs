//! One step's three inputs (planned day, done day, owner), as the step form and the plan
//! grid's cells hold them: filled from a stored step, kept as a draft, read back.

use crate::model::landing::LandingStep;
use crate::model::ValidationError;
use crate::ui::draft::FormFields;
use crate::ui::fields::{date_value, parse_date};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub(super) struct StepInputs {
    pub planned: RwSignal<String>,
    pub done: RwSignal<String>,
    pub owner: RwSignal<String>,
}

impl StepInputs {
    pub fn new(step: &LandingStep) -> Self {
        StepInputs {
            planned: RwSignal::new(date_value(step.planned)),
            done: RwSignal::new(date_value(step.done)),
            owner: RwSignal::new(step.owner.clone()),
        }
    }

    /// The inputs by the names their drafts keep them under.
    pub fn named(self) -> [(&'static str, RwSignal<String>); 3] {
        [
            ("planned", self.planned),
            ("done", self.done),
            ("owner", self.owner),
        ]
    }

    /// The inputs as one form's draft fields.
    pub fn form_fields(self) -> FormFields {
        self.named()
            .into_iter()
            .fold(FormFields::new(), |fields, (name, value)| {
                fields.text(name, value)
            })
    }

    /// The step as typed; a day that does not read is added to `problems` under the
    /// path `path` gives its field (`planned` or `done`), and left empty.
    pub fn read(
        self,
        path: impl Fn(&str) -> String,
        problems: &mut Vec<ValidationError>,
    ) -> LandingStep {
        let mut day = |what: &str, text: String| {
            parse_date(&text, &path(what)).unwrap_or_else(|e| {
                problems.push(e);
                None
            })
        };
        LandingStep {
            planned: day("planned", self.planned.get_untracked()),
            done: day("done", self.done.get_untracked()),
            owner: self.owner.get_untracked(),
        }
    }
}
