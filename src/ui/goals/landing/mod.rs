//! The landing plan as a grid: one row per market or internal team, one column per step
//! (enabled → launched → adopted) with its planned day, done day and owner; the
//! partner's landing progress above it, and the stall warning when the rule holds.

mod plan_grid;
mod step_inputs;
mod track_form;

use step_inputs::StepInputs;

use super::{other_errors, partner_memo, DateField};
use crate::model::actions::LandingAction;
use crate::model::core::format::{count, day};
use crate::model::landing::{self, LandingStep, LandingTrack, StepKind};
use crate::model::metrics::percent;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, ValidationError};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, Draft, DraftOffer};
use crate::ui::fields::TextField;
use crate::ui::state::use_store;
use chrono::NaiveDate;
use leptos::prelude::*;

#[component]
pub(super) fn LandingPlan(id: Id) -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    let partner = partner_memo(id.clone());
    let tracks = Memo::new(move |_| {
        partner.with(|p| p.as_ref().map(|p| p.landing.clone()).unwrap_or_default())
    });
    let progress = Memo::new(move |_| {
        tracks.with(|t| landing::progress(t).map(|share| (share, landing::steps_done(t))))
    });
    let stalled = {
        let id = id.clone();
        Memo::new(move |_| {
            store.ws.with(|ws| {
                ws.partner(&id)
                    .and_then(|p| landing::stalled_in(ws, p, today))
            })
        })
    };
    let adding = RwSignal::new(has_draft(&DraftKey::adding(Form::LandingTrack, Some(&id))));
    let planning = RwSignal::new(has_draft(&DraftKey::of_partner(Form::LandingPlan, &id)));
    let add_id = id.clone();
    let plan_id = id.clone();
    let id = StoredValue::new(id);
    view! {
        <section class="card landing" aria-labelledby="landing-heading">
            <div class="card__head">
                <h2 id="landing-heading">"Landing plan"</h2>
                <div class="form__actions">
                    <button class="button button--primary" on:click=move |_| planning.set(true)
                        disabled=move || planning.get()>"Edit plan as a grid"</button>
                    <button class="button" on:click=move |_| adding.set(true)
                        disabled=move || adding.get()>"Add track"</button>
                </div>
            </div>
            <p class="muted landing__why">
                "Signing is a fifth of the work; the rest is landing the partnership with the people in each market and team."
            </p>
            {move || match progress.get() {
                Some((share, (done, total))) => view! {
                    <div class="landing-progress">
                        <label for="landing-progress-bar">"Landing progress"</label>
                        <progress id="landing-progress-bar" max="100"
                            value=format!("{}", (share * 100.0).round())>{percent(share)}</progress>
                        <strong class="landing-progress__value">{percent(share)}</strong>
                        <span class="muted">{format!("{done} of {total} steps done")}</span>
                    </div>
                }.into_any(),
                None => view! {
                    <p class="empty">"No landing plan yet. Add a track for each market the partner operates in, or an internal team that must adopt it."</p>
                }.into_any(),
            }}
            {move || stalled.get().map(|why| view! {
                <p class="notice landing-stalled" role="status">{why}</p>
            })}
            <Show when=move || adding.get()>
                <track_form::TrackForm partner=add_id.clone() on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <Show when=move || planning.get()>
                <plan_grid::PlanGrid partner=plan_id.clone() on_done=Callback::new(move |_| planning.set(false))/>
            </Show>
            <Show when=move || !tracks.with(Vec::is_empty) && !planning.get()>
                <div class="table-wrap">
                    <table class="landing-grid">
                        <caption class="visually-hidden">"Landing plan: each track's steps with planned and done days and owners"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Market or team"</th>
                                {StepKind::ALL.into_iter().map(|k| view! { <th scope="col">{k.label()}</th> }).collect_view()}
                                <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            <For each=move || tracks.get() key=|t| format!("{t:?}") let:track>
                                <TrackRow partner=id.get_value() track=track today=today/>
                            </For>
                        </tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}

#[component]
fn TrackRow(partner: Id, track: LandingTrack, today: NaiveDate) -> impl IntoView {
    let store = use_store();
    let label = {
        let track = track.clone();
        Memo::new(move |_| store.ws.with(|ws| track.label(ws)))
    };
    let remove = {
        let (pid, tid) = (partner.clone(), track.id.clone());
        Callback::new(move |_: ()| {
            store.dispatch(LandingAction::RemoveTrack {
                partner: pid.clone(),
                track: tid.clone(),
            });
            store.say("Landing track removed.");
        })
    };
    let kind_label = if track.market.is_some() {
        "Market"
    } else {
        "Team"
    };
    let cells = StepKind::ALL
        .into_iter()
        .map(|kind| {
            view! {
                <StepCell partner=partner.clone() track=track.id.clone() kind=kind
                    step=track.step(kind).clone() today=today name=label/>
            }
        })
        .collect_view();
    view! {
        <tr class="landing-track">
            <th scope="row">
                <span class="landing-track__name">{move || label.get()}</span>
                <span class="muted landing-track__kind">{kind_label}</span>
            </th>
            {cells}
            <td class="landing-track__actions">
                <ConfirmRemove what=format!("landing track {}", label.get_untracked()) on_remove=remove/>
            </td>
        </tr>
    }
}

#[component]
fn StepCell(
    partner: Id,
    track: Id,
    kind: StepKind,
    step: LandingStep,
    today: NaiveDate,
    name: Memo<String>,
) -> impl IntoView {
    let store = use_store();
    let draft_key = DraftKey::of_record(
        Form::LandingStep,
        Some(&partner),
        &format!("{track}.{}", kind.key()),
    );
    let editing = RwSignal::new(has_draft(&draft_key));
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let behind = landing::is_behind(&step, today);
    let class = match (step.done.is_some(), behind) {
        (true, _) => "step step--done",
        (false, true) => "step step--behind",
        (false, false) => "step",
    };
    let save = {
        let (pid, tid) = (partner.clone(), track.clone());
        Callback::new(move |new: LandingStep| {
            match store.dispatch(LandingAction::SetStep {
                partner: pid.clone(),
                track: tid.clone(),
                kind,
                step: new,
            }) {
                Some(Err(e)) => errors.set(e.problems()),
                Some(Ok(_)) => {
                    errors.set(Vec::new());
                    editing.set(false);
                }
                None => {}
            }
        })
    };
    let done_today = {
        let step = step.clone();
        move |_| {
            save.run(LandingStep {
                done: Some(today),
                ..step.clone()
            })
        }
    };
    let shown = step.clone();
    view! {
        <td class=class data-label=kind.label()>
            <Show when=move || editing.get() fallback=move || {
                let s = shown.clone();
                let done_today = done_today.clone();
                let late = s.planned.filter(|_| behind).map(|p| (today - p).num_days());
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
                            <button class="button button--small"
                                aria-label=move || format!("{}: mark {} done today", name.get(), kind.label().to_lowercase())
                                on:click=done_today>"Done today"</button>
                        })}
                        <button class="button button--quiet button--small"
                            aria-label=move || format!("{}: edit step {}", name.get(), kind.label().to_lowercase())
                            on:click=move |_| editing.set(true)>"Edit"</button>
                    </span>
                    <span class="field__error" role="alert">{other_errors(errors, &[])}</span>
                }
            }>
                <StepForm step=step.clone() kind=kind name=name save=save errors=errors
                    draft_key=draft_key.clone()
                    on_cancel=Callback::new(move |_| editing.set(false))
                    prefix=format!("{track}-{}", kind.key())/>
            </Show>
        </td>
    }
}

#[component]
fn StepForm(
    step: LandingStep,
    kind: StepKind,
    name: Memo<String>,
    save: Callback<LandingStep>,
    errors: RwSignal<Vec<ValidationError>>,
    on_cancel: Callback<()>,
    prefix: String,
    draft_key: DraftKey,
) -> impl IntoView {
    let inputs = StepInputs::new(&step);
    let StepInputs {
        planned,
        done,
        owner,
    } = inputs;
    let kept: Draft = use_draft(draft_key, inputs.form_fields());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let step = inputs.read(str::to_owned, &mut problems);
        // The first day that does not read is the one said.
        match problems.into_iter().next() {
            None => {
                save.run(step);
                if errors.with_untracked(Vec::is_empty) {
                    kept.clear();
                }
            }
            Some(first) => errors.set(vec![first]),
        }
    };
    // The model names a step's fields after the step (`launched.done`).
    let key = kind.key();
    let at = move |field: &'static str| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter()
                    .find(|e| e.path == field || e.path == format!("{key}.{field}"))
                    .map(|e| e.message.clone())
            })
        })
    };
    view! {
        <DraftOffer draft=kept/>
        <form class="form step-form" on:submit=submit novalidate inert=kept.pending()
            aria-label=move || format!("{}: {}", name.get(), kind.label())>
            <DateField label="Planned" name=format!("step-planned-{prefix}") value=planned error=at("planned")/>
            <DateField label="Done" name=format!("step-done-{prefix}") value=done error=at("done")/>
            <TextField label="Owner" name=format!("step-owner-{prefix}") value=owner error=at("owner")/>
            <div class="form__actions">
                <button type="submit" class="button button--primary button--small">"Save step"</button>
                <button type="button" class="button button--quiet button--small"
                    on:click=move |_| { kept.clear(); on_cancel.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}
