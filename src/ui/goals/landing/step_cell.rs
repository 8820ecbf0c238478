//! One step of a track in the landing table: its done day, planned day, how far behind
//! it is and its owner, with "Done today" and "Edit"; editing opens the step's form in
//! the cell, whose unsaved input is the step's draft.

use super::step_inputs::StepInputs;
use crate::model::actions::LandingAction;
use crate::model::core::format::{count, day};
use crate::model::landing::{self, LandingStep, StepKind};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, ValidationError};
use crate::ui::draft::{has_draft, use_draft, DraftForm};
use crate::ui::fields::{DateField, SaveCancel, TextField};
use crate::ui::goals::other_errors;
use crate::ui::state::{use_store, Store};
use chrono::NaiveDate;
use leptos::prelude::*;

/// One cell's state, shared by its handlers, its summary and its form.
#[derive(Clone, Copy)]
struct StepState {
    store: Store,
    partner: StoredValue<Id>,
    track: StoredValue<Id>,
    kind: StepKind,
    /// The step as stored when the cell was drawn.
    step: StoredValue<LandingStep>,
    today: NaiveDate,
    /// Planned before today and not done.
    behind: bool,
    /// The track's name, for the labels of the buttons and the form.
    name: Memo<String>,
    editing: RwSignal<bool>,
    errors: RwSignal<Vec<ValidationError>>,
}

impl StepState {
    /// The key of the step's draft: the track's id and the step.
    fn draft_key(partner: &Id, track: &Id, kind: StepKind) -> DraftKey {
        DraftKey::of_record(
            Form::LandingStep,
            Some(partner),
            &format!("{track}.{}", kind.key()),
        )
    }

    /// The cell's class: done, behind, or neither.
    fn class(self) -> &'static str {
        match (self.step.with_value(|s| s.done.is_some()), self.behind) {
            (true, _) => "step step--done",
            (false, true) => "step step--behind",
            (false, false) => "step",
        }
    }

    /// Saves the step as `new`; closes the form, or shows why it cannot.
    fn save(self, new: LandingStep) {
        match self.store.dispatch(LandingAction::SetStep {
            partner: self.partner.get_value(),
            track: self.track.get_value(),
            kind: self.kind,
            step: new,
        }) {
            Some(Err(e)) => self.errors.set(e.problems()),
            Some(Ok(_)) => {
                self.errors.set(Vec::new());
                self.editing.set(false);
            }
            None => {}
        }
    }

    fn done_today(self) {
        self.save(LandingStep {
            done: Some(self.today),
            ..self.step.get_value()
        })
    }
}

#[component]
pub(super) fn StepCell(
    partner: Id,
    track: Id,
    kind: StepKind,
    step: LandingStep,
    today: NaiveDate,
    name: Memo<String>,
) -> impl IntoView {
    let editing = RwSignal::new(has_draft(&StepState::draft_key(&partner, &track, kind)));
    let cell = StepState {
        store: use_store(),
        behind: landing::is_behind(&step, today),
        partner: StoredValue::new(partner),
        track: StoredValue::new(track),
        kind,
        step: StoredValue::new(step),
        today,
        name,
        editing,
        errors: RwSignal::new(Vec::new()),
    };
    view! {
        <td class=cell.class() data-label=kind.label()>
            <Show when=move || editing.get() fallback=move || view! { <StepShown cell/> }>
                <StepForm cell/>
            </Show>
        </td>
    }
}

/// The step as stored, with its buttons and the last save's error.
#[component]
fn StepShown(cell: StepState) -> impl IntoView {
    let s = cell.step.get_value();
    let today = cell.today;
    let late = s
        .planned
        .filter(|_| cell.behind)
        .map(|p| (today - p).num_days());
    view! {
        {match s.done {
            Some(d) => view! { <span class="step__done">"✓ Done "{day(d)}</span> }.into_any(),
            None => view! { <span class="step__todo">"Not done"</span> }.into_any(),
        }}
        {s.planned.filter(|p| s.done != Some(*p)).map(|p| view! { <span class="step__planned">"Planned "{day(p)}</span> })}
        {late.map(|n| view! { <span class="step__late">{format!("{} behind", count(n, "day"))}</span> })}
        {(!s.owner.is_empty()).then(|| view! { <span class="step__owner">"Owner: "{s.owner.clone()}</span> })}
        <span class="step__actions">
            {s.done.is_none().then(|| view! {
                <button class="button button--small" aria-label=move || format!("{}: mark {} done today", cell.name.get(), cell.kind.label().to_lowercase())
                    on:click=move |_| cell.done_today()>"Done today"</button>
            })}
            <button class="button button--quiet button--small" aria-label=move || format!("{}: edit step {}", cell.name.get(), cell.kind.label().to_lowercase())
                on:click=move |_| cell.editing.set(true)>"Edit"</button>
        </span>
        <span class="field__error" role="alert">{other_errors(cell.errors, &[])}</span>
    }
}

/// The step's form: planned day, done day, owner.
#[component]
fn StepForm(cell: StepState) -> impl IntoView {
    let StepState {
        kind,
        name,
        errors,
        editing,
        ..
    } = cell;
    let inputs = StepInputs::new(&cell.step.get_value());
    let draft_key = cell
        .partner
        .with_value(|p| cell.track.with_value(|t| StepState::draft_key(p, t, kind)));
    let kept = use_draft(draft_key, inputs.form_fields());
    let submit = move |()| {
        let mut problems = Vec::new();
        let step = inputs.read(str::to_owned, &mut problems);
        // The first day that does not read is the one said.
        match problems.into_iter().next() {
            None => {
                cell.save(step);
                if errors.with_untracked(Vec::is_empty) {
                    kept.clear();
                }
            }
            Some(first) => errors.set(vec![first]),
        }
    };
    // The model names a step's fields after the step (`launched.done`).
    let at = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter()
                    .find(|e| e.path == field || e.path == format!("{}.{field}", kind.key()))
                    .map(|e| e.message.clone())
            })
        })
    };
    let prefix = format!("{}-{}", cell.track.get_value(), kind.key());
    view! {
        <DraftForm draft=kept class="form step-form" on_submit=Callback::new(submit)
            label=Signal::derive(move || format!("{}: {}", name.get(), kind.label()))>
            <DateField label="Planned" name=format!("step-planned-{prefix}") value=inputs.planned error=at("planned")/>
            <DateField label="Done" name=format!("step-done-{prefix}") value=inputs.done error=at("done")/>
            <TextField label="Owner" name=format!("step-owner-{prefix}") value=inputs.owner error=at("owner")/>
            <SaveCancel save_label="Save step" small=true on_cancel=Callback::new(move |_| {
                kept.clear();
                editing.set(false)
            })/>
        </DraftForm>
    }
}
