//! The decision log: go, pause, pivot or walk away, with the date, who decided and why.
//! Walking away asks to confirm, because it moves the partner's stage.

use super::{date_value, field_error, other_errors, partner_memo, required_date, DateField};
use crate::model::actions::GoalAction;
use crate::model::core::format::{day, iso_day};
use crate::model::goals::{self, Decision};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{DecisionKind, Id, ValidationError};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::{ChoiceField, TextField};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub(super) fn Decisions(id: Id) -> impl IntoView {
    let partner = partner_memo(id.clone());
    let log = Memo::new(move |_| {
        partner.with(|p| {
            p.as_ref()
                .map(|p| {
                    goals::decision_log(p)
                        .into_iter()
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let adding = RwSignal::new(has_draft(&DraftKey::adding(Form::Decision, Some(&id))));
    let add_id = id.clone();
    let id = StoredValue::new(id);
    view! {
        <section class="card decisions" aria-labelledby="decisions-heading">
            <div class="card__head">
                <h2 id="decisions-heading">"Decision log"</h2>
                <button class="button" on:click=move |_| adding.set(true)
                    disabled=move || adding.get()>"Record a decision"</button>
            </div>
            <Show when=move || adding.get()>
                <DecisionForm partner=add_id.clone()
                    on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <Show when=move || !log.with(Vec::is_empty) fallback=|| view! {
                <p class="empty">"No decision recorded yet. Go, pause, pivot or walk away: write down who decided and why."</p>
            }>
                <ol class="decision-list">
                    <For each=move || log.get() key=|d| format!("{d:?}") let:d>
                        <DecisionItem partner=id.get_value() decision=d/>
                    </For>
                </ol>
            </Show>
        </section>
    }
}

#[component]
fn DecisionItem(partner: Id, decision: Decision) -> impl IntoView {
    let store = use_store();
    let remove = {
        let did = decision.id.clone();
        Callback::new(move |_: ()| {
            store.dispatch(GoalAction::RemoveDecision {
                partner: partner.clone(),
                decision: did.clone(),
            });
            store.say("Decision removed. The partner's stage is unchanged.");
        })
    };
    let d = decision;
    view! {
        <li class="decision">
            <p class="decision__head">
                <span class=format!("pill decision-kind decision-kind--{}", d.kind.key())>{d.kind.label()}</span>
                <time datetime=iso_day(d.date)>{day(d.date)}</time>
                <span class="muted">"by "{d.who.clone()}</span>
            </p>
            {(!d.why.is_empty()).then(|| view! { <p class="decision__why">{d.why.clone()}</p> })}
            <div class="row-actions">
                <ConfirmRemove what=format!("{} decision of {}", d.kind.label().to_lowercase(), day(d.date)) on_remove=remove/>
            </div>
        </li>
    }
}

/// The form's fields, each a signal bound to an input.
#[derive(Clone, Copy)]
struct DecisionFields {
    kind: RwSignal<DecisionKind>,
    date: RwSignal<String>,
    who: RwSignal<String>,
    why: RwSignal<String>,
}

impl DecisionFields {
    /// A go decision today, decided by the partner's owner.
    fn new(owner: String, today: chrono::NaiveDate) -> Self {
        DecisionFields {
            kind: RwSignal::new(DecisionKind::Go),
            date: RwSignal::new(date_value(Some(today))),
            who: RwSignal::new(owner),
            why: RwSignal::new(String::new()),
        }
    }

    fn for_draft(self) -> FormFields {
        FormFields::new()
            .choice("kind", self.kind)
            .text("date", self.date)
            .text("who", self.who)
            .text("why", self.why)
    }

    /// The decision as typed, or what is wrong with its date.
    fn read(self) -> Result<Decision, ValidationError> {
        Ok(Decision {
            id: storage::new_id(),
            date: required_date(&self.date.get(), "date", "is required")?,
            kind: self.kind.get(),
            who: self.who.get().trim().to_owned(),
            why: self.why.get().trim().to_owned(),
        })
    }
}

#[component]
fn DecisionForm(partner: Id, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let today = storage::now().date_naive();
    let (owner, name) = store.ws.with_untracked(|ws| {
        ws.partner(&partner)
            .map(|p| (p.owner.clone(), p.name.clone()))
            .unwrap_or_default()
    });
    let f = DecisionFields::new(owner, today);
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let kept = use_draft(
        DraftKey::adding(Form::Decision, Some(&partner)),
        f.for_draft(),
    );
    // A walk-away waits here for its confirmation.
    let pending = RwSignal::new(None::<Decision>);
    let record = Callback::new(move |draft: Decision| {
        let walked = draft.kind == DecisionKind::WalkAway;
        match store.dispatch(GoalAction::RecordDecision {
            partner: partner.clone(),
            decision: draft,
        }) {
            Some(Ok(_)) => {
                errors.set(Vec::new());
                kept.clear();
                store.say(if walked {
                    "Decision recorded. The partner is now walked away from."
                } else {
                    "Decision recorded."
                });
                on_done.run(());
            }
            Some(Err(e)) => {
                pending.set(None);
                errors.set(e.problems());
            }
            None => {}
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match f.read() {
            Err(e) => errors.set(vec![e]),
            Ok(draft) if draft.kind == DecisionKind::WalkAway => {
                errors.set(Vec::new());
                pending.set(Some(draft));
            }
            Ok(draft) => record.run(draft),
        }
    };
    const FIELDS: &[&str] = &["date", "who", "why"];
    view! {
        <DraftOffer draft=kept/>
        <form class="form decision-form" on:submit=submit novalidate aria-label="New decision" inert=kept.pending()>
            <div class="form__grid">
                <ChoiceField label="Decision" name="dec-kind".into() value=f.kind/>
                <DateField label="Date" name="dec-date".into() value=f.date error=field_error(errors, "date")/>
                <TextField label="Who decided" name="dec-who".into() value=f.who error=field_error(errors, "who")/>
            </div>
            <TextField label="Why" name="dec-why".into() value=f.why error=field_error(errors, "why") multiline=true/>
            <p class="field__error" role="alert">{other_errors(errors, FIELDS)}</p>
            <DecisionActions name pending record kept on_done/>
        </form>
    }
}

/// The form's buttons, or the question a walk-away asks before it is recorded.
#[component]
fn DecisionActions(
    name: String,
    pending: RwSignal<Option<Decision>>,
    record: Callback<Decision>,
    kept: Draft,
    on_done: Callback<()>,
) -> impl IntoView {
    move || {
        match pending.get() {
        Some(draft) => view! {
            <div class="confirm-box" role="alertdialog" aria-labelledby="walk-away-q">
                <p id="walk-away-q">
                    {format!("Walking away moves {name} to the stage “Walked away” from {}. Record it?", day(draft.date))}
                </p>
                <div class="form__actions">
                    <button type="button" class="button button--danger"
                        on:click=move |_| record.run(draft.clone())>"Confirm walk away"</button>
                    <button type="button" class="button button--quiet"
                        on:click=move |_| pending.set(None)>"Not now"</button>
                </div>
            </div>
        }.into_any(),
        None => view! {
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Record decision"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        }.into_any(),
    }
    }
}
