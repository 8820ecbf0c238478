//! The landing plan edited as one grid: a row per track (and per market of the partner
//! not in the plan yet), a column per step with its planned day, done day and owner.
//! Saving is one edit (`landing::save_plan`), so one undo takes it back; every error
//! marks the cell it belongs to and the list under the grid names it by market and step.
//!
//! What is typed and not saved is the partner's landing-plan draft, one field per cell
//! named `<row>.<step>.<planned|done|owner>`, where `<row>` is the track's id or
//! `m-<market id>` for a market not in the plan yet.

use super::step_inputs::StepInputs;
use crate::model::actions::LandingAction;
use crate::model::landing::{self, LandingStep, LandingTrack, StepKind};
use crate::model::workspace::draft::{DraftKey, Fields, Form};
use crate::model::{Id, ValidationError};
use crate::storage;
use crate::ui::draft::{use_draft, DraftForm, FormFields};
use crate::ui::fields::{error_for, Closing, SaveCancel};
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// One row of the grid: the track it edits (a new one for a market not in the plan).
#[derive(Clone)]
struct Row {
    /// The row's name in the draft.
    key: String,
    track: LandingTrack,
    label: String,
    is_new: bool,
    steps: [StepInputs; 3],
}

impl Row {
    /// The track as the row's cells say; a day that does not read is added to
    /// `problems`, under the path `rows[<i>].<step>.<planned|done>`.
    fn read(&self, i: usize, problems: &mut Vec<ValidationError>) -> LandingTrack {
        let mut track = self.track.clone();
        for (k, kind) in StepKind::ALL.into_iter().enumerate() {
            let path = |what: &str| format!("rows[{i}].{}.{what}", kind.key());
            *track.step_mut(kind) = self.steps[k].read(path, problems);
        }
        track
    }
}

/// The rows: every track in plan order, then each market of the partner without one.
fn rows(partner: &Id) -> Vec<Row> {
    let store = use_store();
    store.ws.with_untracked(|ws| {
        let Some(p) = ws.partner(partner) else {
            return Vec::new();
        };
        let mut out: Vec<Row> = p
            .landing
            .iter()
            .map(|t| Row {
                key: t.id.to_string(),
                track: t.clone(),
                label: t.label(ws),
                is_new: false,
                steps: StepKind::ALL.map(|k| StepInputs::new(t.step(k))),
            })
            .collect();
        for (market, name) in landing::markets_without_track(ws, p) {
            out.push(Row {
                key: format!("m-{market}"),
                track: LandingTrack::new(storage::new_id(), Some(market), ""),
                label: name,
                is_new: true,
                steps: StepKind::ALL.map(|_| StepInputs::new(&LandingStep::default())),
            });
        }
        out
    })
}

/// The grid's state, shared by its handlers and its parts.
#[derive(Clone, Copy)]
struct PlanGridState {
    store: Store,
    partner: StoredValue<Id>,
    rows: StoredValue<Vec<Row>>,
    /// The errors, the draft and closing the grid.
    form: Closing,
}

impl PlanGridState {
    fn new(partner: Id, on_done: Callback<()>) -> Self {
        let rows = rows(&partner);
        let kept = use_draft(
            DraftKey::of_partner(Form::LandingPlan, &partner),
            draft_fields(rows.clone()),
        );
        PlanGridState {
            store: use_store(),
            partner: StoredValue::new(partner),
            rows: StoredValue::new(rows),
            form: Closing::new(kept, on_done),
        }
    }

    /// The tracks the cells say, or every day that does not read.
    fn tracks(self) -> Result<Vec<LandingTrack>, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let tracks = self.rows.with_value(|rows| {
            rows.iter()
                .enumerate()
                .map(|(i, row)| row.read(i, &mut problems))
                .collect()
        });
        if problems.is_empty() {
            Ok(tracks)
        } else {
            Err(problems)
        }
    }

    /// Saves the whole grid as one edit, or marks what stops it.
    fn save(self) {
        let tracks = match self.tracks() {
            Ok(tracks) => tracks,
            Err(problems) => return self.form.errors.set(problems),
        };
        let result = self.store.dispatch(LandingAction::SavePlan {
            partner: self.partner.get_value(),
            tracks,
        });
        self.form.finish(self.store, result, |applied| {
            if applied.changed() {
                "Landing plan saved."
            } else {
                "No changes to the landing plan."
            }
        });
    }

    /// Every message, named by market or team and step for the list under the grid.
    fn summary(self) -> Vec<String> {
        let labels: Vec<String> = self
            .rows
            .with_value(|rows| rows.iter().map(|r| r.label.clone()).collect());
        self.form.errors.with(|all| {
            all.iter()
                .map(|e| format!("{}: {}", where_is(&e.path, &labels), e.message))
                .collect()
        })
    }
}

#[component]
pub(super) fn PlanGrid(partner: Id, on_done: Callback<()>) -> impl IntoView {
    let grid = PlanGridState::new(partner, on_done);
    view! {
        <DraftForm draft=grid.form.kept class="form plan-grid" label="Edit the landing plan"
            on_submit=Callback::new(move |_| grid.save())>
            <p class="field__hint">"Fill in any cell: a market left blank is not added to the plan. Dates are the planned and done days of each step."</p>
            <PlanTable grid/>
            <ul class="field__error plan-grid__errors" role="alert">
                {move || grid.summary().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <SaveCancel save_label="Save landing plan" on_cancel=Callback::new(move |_| grid.form.cancel())/>
        </DraftForm>
    }
}

/// The table of inputs: a row per track or market, a column per step.
#[component]
fn PlanTable(grid: PlanGridState) -> impl IntoView {
    let body = grid
        .rows
        .get_value()
        .into_iter()
        .enumerate()
        .map(|(i, row)| grid_row(i, row, grid.form.errors))
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="plan-grid__table">
                <caption class="visually-hidden">"The landing plan: each market or team with its steps' planned and done days and owners"</caption>
                <thead>
                    <tr>
                        <super::StepColumns/>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
    }
}

fn grid_row(i: usize, row: Row, errors: RwSignal<Vec<ValidationError>>) -> impl IntoView {
    let row_error = Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.path == format!("rows[{i}]") || e.path == format!("rows[{i}].market"))
                .map(|e| e.message.clone())
        })
    });
    let cells = StepKind::ALL
        .into_iter()
        .enumerate()
        .map(|(k, kind)| {
            let cell = row.steps[k];
            let name = row.label.clone();
            let base = format!("plan-{i}-{}", kind.key());
            let field = move |what: &'static str,
                              label: &'static str,
                              value: RwSignal<String>,
                              kind_of_input: &'static str| {
                let id = format!("f-{base}-{what}");
                let error_id = format!("e-{base}-{what}");
                let path = format!("rows[{i}].{}.{what}", kind.key());
                let error = Signal::derive(move || errors.with(|e| error_for(e, &path)));
                let aria = format!("{name}, {}: {label}", kind.label());
                view! {
                    <div class="field plan-grid__field">
                        <label for=id.clone()>{label}</label>
                        <input id=id type=kind_of_input aria-label=aria aria-describedby=error_id.clone()
                            aria-invalid=move || error.get().is_some().then_some("true")
                            prop:value=move || value.get()
                            on:input=move |ev| value.set(event_target_value(&ev))/>
                        <crate::ui::fields::FieldError id=error_id message=error/>
                    </div>
                }
            };
            view! {
                <td class="plan-grid__cell" data-label=kind.label()>
                    {field("planned", "Planned", cell.planned, "date")}
                    {field("done", "Done", cell.done, "date")}
                    {field("owner", "Owner", cell.owner, "text")}
                </td>
            }
        })
        .collect_view();
    let kind = if row.track.market.is_some() {
        "Market"
    } else {
        "Team"
    };
    view! {
        <tr class="plan-grid__row" class:plan-grid__row--new=row.is_new>
            <th scope="row">
                <span class="landing-track__name">{row.label.clone()}</span>
                <span class="muted landing-track__kind">{if row.is_new { "Market, not in the plan yet" } else { kind }}</span>
                <crate::ui::fields::FieldError id=format!("e-plan-{i}") message=row_error/>
            </th>
            {cells}
        </tr>
    }
}

/// The grid's cells as draft fields: `<row>.<step>.<planned|done|owner>`.
fn draft_fields(rows: Vec<Row>) -> FormFields {
    let reading = rows.clone();
    FormFields::new().many(
        move || {
            let mut out = Fields::new();
            for_each_input(&reading, |name, value| {
                out.insert(name, value.get());
            });
            out
        },
        move |fields| {
            for_each_input(&rows, |name, value| {
                if let Some(v) = fields.get(&name) {
                    value.set(v.clone());
                }
            });
        },
    )
}

/// Calls `f` with every input of the grid and its name in the draft.
fn for_each_input(rows: &[Row], mut f: impl FnMut(String, RwSignal<String>)) {
    for r in rows {
        for (k, kind) in StepKind::ALL.into_iter().enumerate() {
            for (what, value) in r.steps[k].named() {
                f(format!("{}.{}.{what}", r.key, kind.key()), value);
            }
        }
    }
}

/// Where an error is, in words: "Japan, launched, done day".
fn where_is(path: &str, labels: &[String]) -> String {
    let Some(rest) = path.strip_prefix("rows[") else {
        return "Landing plan".to_owned();
    };
    let Some((index, field)) = rest.split_once(']') else {
        return "Landing plan".to_owned();
    };
    let name = index
        .parse::<usize>()
        .ok()
        .and_then(|i| labels.get(i))
        .cloned()
        .unwrap_or_else(|| "A track".to_owned());
    let mut parts = field.trim_start_matches('.').split('.');
    match (parts.next(), parts.next()) {
        (Some(step), Some(what)) => {
            let what = match what {
                "planned" => "planned day",
                "done" => "done day",
                other => other,
            };
            format!("{name}, {step}, {what}")
        }
        _ => name,
    }
}
