//! The shared goals of a partner, with the flag raised when there is none to work on.

use super::{date_value, field_error, other_errors, parse_date, partner_memo, problem, DateField};
use crate::model::actions::GoalAction;
use crate::model::core::format::day;
use crate::model::goals::{self, Goal};
use crate::model::metrics;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{GoalStatus, Id, ValidationError};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, DraftOffer, FormFields};
use crate::ui::fields::{ChoiceField, TextField};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub(super) fn GoalList(id: Id) -> impl IntoView {
    let partner = partner_memo(id.clone());
    let list = Memo::new(move |_| {
        partner.with(|p| p.as_ref().map(|p| p.goals.clone()).unwrap_or_default())
    });
    let flag = Memo::new(move |_| partner.with(|p| p.as_ref().and_then(goals::shared_goal_flag)));
    let adding = RwSignal::new(has_draft(&DraftKey::adding(Form::Goal, Some(&id))));
    let add_id = id.clone();
    view! {
        <section class="card goals" aria-labelledby="goals-heading">
            <div class="card__head">
                <h2 id="goals-heading">"Shared goals"</h2>
                <button class="button" on:click=move |_| adding.set(true)
                    disabled=move || adding.get()>"Add goal"</button>
            </div>
            {move || flag.get().map(|why| view! {
                <p class="goal-flag" role="status">
                    <span class="goal-flag__mark" aria-hidden="true">"⚑"</span>" "{why}
                </p>
            })}
            <Show when=move || adding.get()>
                <GoalForm partner=add_id.clone() goal=blank_goal()
                    on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <ul class="goal-list">
                <For each=move || list.get() key=|g| format!("{g:?}") let:goal>
                    <GoalItem partner=id.clone() goal=goal/>
                </For>
            </ul>
        </section>
    }
}

fn blank_goal() -> Goal {
    Goal {
        id: storage::new_id(),
        statement: String::new(),
        metric: String::new(),
        target: None,
        due: None,
        status: GoalStatus::Open,
    }
}

#[component]
fn GoalItem(partner: Id, goal: Goal) -> impl IntoView {
    let store = use_store();
    let editing = RwSignal::new(has_draft(&DraftKey::of_record(
        Form::Goal,
        Some(&partner),
        goal.id.as_str(),
    )));
    let remove = {
        let (pid, gid) = (partner.clone(), goal.id.clone());
        Callback::new(move |_: ()| {
            store.dispatch(GoalAction::RemoveGoal {
                partner: pid.clone(),
                goal: gid.clone(),
            });
            store.say("Goal removed.");
        })
    };
    let shown = goal.clone();
    let figures = goal_figures(partner.clone(), goal.clone());
    view! {
        <li class="goal">
            <Show when=move || editing.get() fallback=move || {
                let g = shown.clone();
                let target = g.target.map(metrics::plain);
                view! {
                    <p class="goal__statement">{g.statement.clone()}</p>
                    <p class="goal__meta">
                        <span class=format!("pill goal-status goal-status--{}", g.status.key())>{g.status.label()}</span>
                        {(!g.metric.is_empty()).then(|| view! { <span>"Metric: "<strong>{g.metric.clone()}</strong></span> })}
                        {target.map(|t| view! { <span>"Target: "<strong>{t}</strong></span> })}
                        {g.due.map(|d| view! { <span>"Due "{day(d)}</span> })}
                    </p>
                    {figures.clone().map(|(words, check)| view! {
                        <p class="goal__figures muted" data-testid="goal-figures">{words}</p>
                        {check.map(|c| view! { <p class="goal__check" role="note">{c}</p> })}
                    })}
                    <div class="row-actions">
                        <button class="button button--quiet button--small"
                            aria-label=format!("Edit goal: {}", g.statement)
                            on:click=move |_| editing.set(true)>"Edit"</button>
                        <ConfirmRemove what=format!("goal: {}", g.statement) on_remove=remove/>
                    </div>
                }
            }>
                <GoalForm partner=partner.clone() goal=goal.clone()
                    on_done=Callback::new(move |_| editing.set(false))/>
            </Show>
        </li>
    }
}

/// What the figures say of a goal: the sentence for its card and, when they disagree
/// with the status set by hand, why to check it. `None` without a metric, a target or
/// figures of that metric. Read once per card, untracked: figures are edited on the
/// Metrics tab, and this tab is built afresh each time it opens.
fn goal_figures(partner: Id, goal: Goal) -> Option<(String, Option<&'static str>)> {
    let store = use_store();
    let today = storage::now().date_naive();
    store.ws.with_untracked(|ws| {
        let p = ws.partner(&partner)?;
        let reading = metrics::goal_figures(p, &goal, today)?;
        let words = reading.words(goal.metric.trim(), |m| ws.market_name(m).to_owned());
        Some((words, reading.disagrees_with(goal.status)))
    })
}

/// The goal form's fields, each a signal bound to an input.
#[derive(Clone, Copy)]
struct GoalFields {
    statement: RwSignal<String>,
    metric: RwSignal<String>,
    target: RwSignal<String>,
    due: RwSignal<String>,
    status: RwSignal<GoalStatus>,
}

impl GoalFields {
    fn of(goal: &Goal) -> Self {
        GoalFields {
            statement: RwSignal::new(goal.statement.clone()),
            metric: RwSignal::new(goal.metric.clone()),
            target: RwSignal::new(goal.target.map(|t| t.to_string()).unwrap_or_default()),
            due: RwSignal::new(date_value(goal.due)),
            status: RwSignal::new(goal.status),
        }
    }

    fn for_draft(self) -> FormFields {
        FormFields::new()
            .text("statement", self.statement)
            .text("metric", self.metric)
            .text("target", self.target)
            .text("due", self.due)
            .choice("status", self.status)
    }

    /// `goal` with the values typed, or the form's own problems (the target's number,
    /// the due date) before the model sees it.
    fn read(self, goal: &Goal) -> Result<Goal, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let target_value = match self.target.get().trim().replace(',', "") {
            t if t.is_empty() => None,
            t => match t.parse::<f64>() {
                Ok(v) => Some(v),
                Err(_) => {
                    problems.push(problem("target", "is not a number"));
                    None
                }
            },
        };
        let due_value = parse_date(&self.due.get(), "due").unwrap_or_else(|e| {
            problems.push(e);
            None
        });
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Goal {
            statement: self.statement.get().trim().to_owned(),
            metric: self.metric.get().trim().to_owned(),
            target: target_value,
            due: due_value,
            status: self.status.get(),
            ..goal.clone()
        })
    }
}

#[component]
fn GoalForm(partner: Id, goal: Goal, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let is_new = goal.statement.is_empty();
    let f = GoalFields::of(&goal);
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let prefix = goal.id.to_string();
    let record = if is_new { "new" } else { goal.id.as_str() };
    let kept = use_draft(
        DraftKey::of_record(Form::Goal, Some(&partner), record),
        f.for_draft(),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = match f.read(&goal) {
            Ok(draft) => draft,
            Err(problems) => return errors.set(problems),
        };
        match store.dispatch(GoalAction::SaveGoal {
            partner: partner.clone(),
            goal: draft,
        }) {
            Some(Ok(_)) => {
                errors.set(Vec::new());
                kept.clear();
                store.say("Goal saved.");
                on_done.run(());
            }
            Some(Err(e)) => errors.set(e.problems()),
            None => {}
        }
    };
    const FIELDS: &[&str] = &["statement", "metric", "target", "due"];
    let label = if is_new {
        "New shared goal"
    } else {
        "Edit shared goal"
    };
    view! {
        <DraftOffer draft=kept/>
        <form class="form goal-form" on:submit=save novalidate aria-label=label inert=kept.pending()>
            <TextField label="Goal both sides sign up to" name=format!("goal-statement-{prefix}")
                value=f.statement error=field_error(errors, "statement")/>
            <div class="form__grid">
                <TextField label="Metric" name=format!("goal-metric-{prefix}") value=f.metric
                    error=field_error(errors, "metric") hint="users, revenue, streams, sign-ups or your own"/>
                <TextField label="Target (monthly value)" name=format!("goal-target-{prefix}") value=f.target
                    error=field_error(errors, "target")/>
                <DateField label="Due" name=format!("goal-due-{prefix}") value=f.due error=field_error(errors, "due")/>
                <ChoiceField label="Status" name=format!("goal-status-{prefix}") value=f.status/>
            </div>
            <p class="field__error" role="alert">{other_errors(errors, FIELDS)}</p>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save goal"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}
