//! The program target: read as a sentence, edited in a small form.

use crate::model::actions::PlannerAction;
use crate::model::core::format::month_short;
use crate::model::figures::planner::{self, amount, growth, Plan, TargetText};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Month;
use crate::ui::draft::{has_draft, use_draft, DraftForm, FormFields};
use crate::ui::fields::{field_error, general_error, Closing, FieldError, SaveCancel, TextField};
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

#[component]
pub fn TargetCard(plan: Memo<Option<Plan>>) -> impl IntoView {
    let editing = RwSignal::new(has_draft(&DraftKey::of_program(Form::Target)));
    let show_form = move || editing.get() || plan.with(Option::is_none);
    view! {
        <section class="card planner-target" aria-labelledby="planner-target-heading">
            <div class="card__head">
                <h2 id="planner-target-heading">"Target"</h2>
                <Show when=move || !show_form()>
                    <button class="button" on:click=move |_| editing.set(true)>"Edit target"</button>
                </Show>
            </div>
            <Show when=show_form fallback=move || view! { <TargetText plan=plan/> }>
                <Show when=move || plan.with(Option::is_none)>
                    <p class="muted">"Set the program's target: the metric it counts, the baseline year's total, and the growth aimed for over it (for example +250 % year over year)."</p>
                </Show>
                <TargetForm on_done=Callback::new(move |_| editing.set(false))
                    can_cancel=Signal::derive(move || plan.with(Option::is_some))/>
            </Show>
        </section>
    }
}

/// The target in one sentence, with the years it compares.
#[component]
fn TargetText(plan: Memo<Option<Plan>>) -> impl IntoView {
    move || {
        plan.with(|p| {
            let p = p.as_ref()?;
            let years = p.target_year.and_then(|(first, last)| {
                let base_first = first.plus(-planner::YEAR)?;
                let base_last = last.plus(-planner::YEAR)?;
                Some(format!(
                    " in {} – {}, against {} – {}",
                    month_short(first),
                    month_short(last),
                    month_short(base_first),
                    month_short(base_last)
                ))
            });
            Some(view! {
                <p class="planner-target__sentence">
                    <strong class="planner-target__growth">{growth(p.target_growth)}</strong>
                    " " {p.metric.clone()} ": "
                    <strong>{amount(p.target_total)}</strong>
                    {years.unwrap_or_default()}
                    " (baseline " {amount(p.baseline)} ")."
                </p>
                {p.warnings.iter().map(|w| view! { <p class="notice planner__warning">{w.clone()}</p> }).collect_view()}
            })
        })
    }
}

/// The target form's state: its fields, errors and draft, shared by its handlers and
/// its parts.
#[derive(Clone, Copy)]
struct TargetFields {
    store: Store,
    metric: RwSignal<String>,
    baseline_start: RwSignal<String>,
    baseline: RwSignal<String>,
    growth: RwSignal<String>,
    /// The errors, the draft and closing the form.
    form: Closing,
}

impl TargetFields {
    /// The form filled with the program's target as stored.
    fn new(store: Store, on_done: Callback<()>) -> Self {
        let start = store.ws.with_untracked(|ws| TargetText::of(&ws.program));
        let metric = RwSignal::new(start.metric);
        let baseline_start = RwSignal::new(start.baseline_start);
        let baseline = RwSignal::new(start.baseline);
        let growth = RwSignal::new(start.growth);
        let kept = use_draft(
            DraftKey::of_program(Form::Target),
            FormFields::new()
                .text("metric", metric)
                .text("baseline_start", baseline_start)
                .text("baseline", baseline)
                .text("growth", growth),
        );
        TargetFields {
            store,
            metric,
            baseline_start,
            baseline,
            growth,
            form: Closing::new(kept, on_done),
        }
    }

    /// What the metrics entered say the baseline year holds, for the chosen metric.
    fn baseline_in_metrics(self) -> Memo<Option<f64>> {
        Memo::new(move |_| {
            let start = Month::parse(&self.baseline_start.get()).ok()?;
            let metric = self.metric.get();
            self.store
                .ws
                .with(|ws| planner::baseline_from_data(ws, metric.trim(), start))
        })
    }

    fn save(self) {
        let form = TargetText {
            metric: self.metric.get(),
            baseline_start: self.baseline_start.get(),
            baseline: self.baseline.get(),
            growth: self.growth.get(),
        };
        let result = self.store.dispatch(PlannerAction::SetTarget(form));
        self.form.finish(self.store, result, |applied| {
            if applied.changed() {
                "Target saved."
            } else {
                "The target is unchanged."
            }
        });
    }

    fn error(self, path: &'static str) -> Signal<Option<String>> {
        field_error(self.form.errors, path)
    }
}

#[component]
fn TargetForm(on_done: Callback<()>, #[prop(into)] can_cancel: Signal<bool>) -> impl IntoView {
    let form = TargetFields::new(use_store(), on_done);
    let Closing { errors, kept, .. } = form.form;
    view! {
        <DraftForm draft=kept class="form planner-target__form" label="Program target"
            on_submit=Callback::new(move |_| form.save())>
            <div class="form__grid">
                <MetricField form/>
                <TextField label="Baseline year starts" name="target-start".into() value=form.baseline_start
                    error=form.error("baseline_start") input_type="month"
                    hint="The first month of the baseline year; the target year is the 12 months after it."/>
                <BaselineField form/>
                <TextField label="Growth target (%)" name="target-growth".into() value=form.growth
                    error=form.error("growth") hint="250 for +250 % over the baseline year."/>
            </div>
            <p class="field__error" role="alert">{general_error(errors)}</p>
            <SaveCancel save_label="Save target" can_cancel
                on_cancel=Callback::new(move |_| form.form.cancel())/>
        </DraftForm>
    }
}

/// The metric: typed, or picked from the standard ones and those in use.
#[component]
fn MetricField(form: TargetFields) -> impl IntoView {
    let TargetFields { store, metric, .. } = form;
    let choices = Memo::new(move |_| store.ws.with(planner::metric_choices));
    let error = form.error("metric");
    view! {
        <div class="field">
            <label for="f-target-metric">"Metric"</label>
            <input id="f-target-metric" name="target-metric" list="planner-metrics"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby="e-target-metric"
                prop:value=move || metric.get()
                on:input=move |ev| metric.set(event_target_value(&ev))/>
            <datalist id="planner-metrics">
                {move || choices.get().into_iter().map(|m| view! { <option value=m/> }).collect_view()}
            </datalist>
            <p class="field__hint">"A standard metric or one in use; a flow such as sign-ups sums best over a year."</p>
            <FieldError id="e-target-metric".into() message=error/>
        </div>
    }
}

/// The baseline, with the total the metrics entered give for it, one click away.
#[component]
fn BaselineField(form: TargetFields) -> impl IntoView {
    let baseline = form.baseline;
    let from_data = form.baseline_in_metrics();
    view! {
        <div class="field planner-target__baseline">
            <TextField label="Baseline (the year's total)" name="target-baseline".into() value=baseline
                error=form.error("baseline")/>
            {move || from_data.get().map(|v| view! {
                <button type="button" class="button button--quiet button--small"
                    on:click=move |_| baseline.set(amount(v))>
                    {format!("Use {} from the metrics", amount(v))}
                </button>
            })}
        </div>
    }
}
