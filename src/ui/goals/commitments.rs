//! Commitments of each side, with their status controls, and the partner's delivery
//! record over all time and the last 90 days.

use super::{
    date_value, field_error, other_errors, partner_memo, problem, required_date, DateField,
};
use crate::model::actions::GoalAction;
use crate::model::core::format::percent;
use crate::model::core::format::{count, day};
use crate::model::goals::{self, Commitment, DeliveryRecord};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{CommitmentStatus, Id, Side, ValidationError};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, DraftOffer, FormFields};
use crate::ui::fields::{ChoiceField, TextField};
use crate::ui::owner::{OwnerField, OwnerInput};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub(super) fn Commitments(id: Id) -> impl IntoView {
    let partner = partner_memo(id.clone());
    let today = storage::now().date_naive();
    let name = Memo::new(move |_| {
        partner.with(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default())
    });
    let side_list = move |side: Side| {
        Memo::new(move |_| {
            partner.with(|p| {
                p.as_ref()
                    .map(|p| {
                        goals::commitments_of(p, side)
                            .into_iter()
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                    .unwrap_or_default()
            })
        })
    };
    let theirs = side_list(Side::Partner);
    let ours = side_list(Side::Us);
    let record = Memo::new(move |_| {
        partner.with(|p| {
            p.as_ref().map(|p| {
                (
                    goals::delivery_record(&p.commitments, today),
                    goals::delivery_record_of(&p.commitments, Side::Us, today),
                )
            })
        })
    });
    let adding = RwSignal::new(has_draft(&DraftKey::adding(Form::Commitment, Some(&id))));
    let add_id = id.clone();
    let (their_id, our_id) = (id.clone(), id.clone());
    view! {
        <section class="card commitments" aria-labelledby="commitments-heading">
            <div class="card__head">
                <h2 id="commitments-heading">"Commitments"</h2>
                <button class="button" on:click=move |_| adding.set(true)
                    disabled=move || adding.get()>"Add commitment"</button>
            </div>
            <Show when=move || adding.get()>
                <CommitmentForm partner=add_id.clone() commitment=blank(today)
                    on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            {move || record.get().map(|(theirs, ours)| view! {
                <DeliveryPanel theirs=theirs ours=ours name=name.get()/>
            })}
            <div class="commitment-sides">
                <div class="commitment-side">
                    <h3>{move || format!("{}'s commitments", name.get())}</h3>
                    <CommitmentList partner=their_id list=theirs today=today
                        empty="Nothing promised by the partner yet."/>
                </div>
                <div class="commitment-side">
                    <h3>"Our commitments"</h3>
                    <CommitmentList partner=our_id list=ours today=today
                        empty="Nothing promised by us yet."/>
                </div>
            </div>
        </section>
    }
}

fn blank(today: chrono::NaiveDate) -> Commitment {
    Commitment {
        id: storage::new_id(),
        side: Side::Partner,
        what: String::new(),
        due: today + chrono::Duration::days(14),
        status: CommitmentStatus::Open,
        delivered: None,
        owner: None,
    }
}

/// The delivery record: the partner's, large, and ours beside it for fairness.
#[component]
fn DeliveryPanel(theirs: DeliveryRecord, ours: DeliveryRecord, name: String) -> impl IntoView {
    let share = |s: Option<f64>| s.map_or_else(|| "—".to_owned(), percent);
    let below = |s: Option<f64>| s.is_some_and(|s| s < 0.6);
    let ours_line = match ours.all_time {
        Some(s) => format!(
            "Our own record: {} delivery credit ({}).",
            percent(s),
            ours.counts()
        ),
        None => "None of our commitments is due yet.".to_owned(),
    };
    view! {
        <div class="delivery" role="group" aria-labelledby="delivery-heading">
            <h3 id="delivery-heading">{format!("{name}'s delivery record")}</h3>
            <dl class="delivery__figures">
                <div class="delivery__figure" class:is-low=below(theirs.all_time) data-window="all">
                    <dt>"All time"</dt>
                    <dd>
                        <strong>{share(theirs.all_time)}</strong><span class="delivery__unit">"delivery credit"</span>
                        <span class="muted">{theirs.counts()}</span>
                    </dd>
                </div>
                <div class="delivery__figure" class:is-low=below(theirs.recent) data-window="recent">
                    <dt>"Last 90 days"</dt>
                    <dd>
                        <strong>{share(theirs.recent)}</strong><span class="delivery__unit">"delivery credit"</span>
                        <span class="muted">{theirs.recent_counts()}</span>
                    </dd>
                </div>
            </dl>
            <p class="delivery__note muted">
                "Credit counts the partner's commitments due so far: one on time (or within 3 days) earns all of its credit, one delivered later part of it, one not delivered none; dropped ones never count. "
                {ours_line}
            </p>
        </div>
    }
}

#[component]
fn CommitmentList(
    partner: Id,
    list: Memo<Vec<Commitment>>,
    today: chrono::NaiveDate,
    empty: &'static str,
) -> impl IntoView {
    let partner = StoredValue::new(partner);
    view! {
        <Show when=move || !list.with(Vec::is_empty) fallback=move || view! { <p class="empty">{empty}</p> }>
            <ul class="commitment-list">
                <For each=move || list.get() key=|k| format!("{k:?}") let:k>
                    <CommitmentItem partner=partner.get_value() commitment=k today=today/>
                </For>
            </ul>
        </Show>
    }
}

#[component]
fn CommitmentItem(partner: Id, commitment: Commitment, today: chrono::NaiveDate) -> impl IntoView {
    let store = use_store();
    let editing = RwSignal::new(has_draft(&DraftKey::of_record(
        Form::Commitment,
        Some(&partner),
        commitment.id.as_str(),
    )));
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let delivered_on = RwSignal::new(date_value(Some(today)));
    let late_by = goals::days_overdue(&commitment, today);
    let k = commitment.clone();
    let set_status = status_setter(partner.clone(), k.id.clone(), delivered_on, errors);
    let remove = {
        let (pid, kid) = (partner.clone(), k.id.clone());
        Callback::new(move |_: ()| {
            store.dispatch(GoalAction::RemoveCommitment {
                partner: pid.clone(),
                commitment: kid.clone(),
            });
            store.say("Commitment removed.");
        })
    };
    let class = if late_by.is_some() {
        "commitment commitment--overdue"
    } else {
        "commitment"
    };
    let owner = k.owner.as_ref().and_then(|o| {
        store
            .ws
            .with_untracked(|ws| ws.partner(&partner).map(|p| p.owner_label(o)))
    });
    view! {
        <li class=class>
            <Show when=move || editing.get() fallback=move || view! {
                <CommitmentSummary k=k.clone() owner=owner.clone() late_by set_status delivered_on
                    editing remove errors/>
            }>
                <CommitmentForm partner=partner.clone() commitment=commitment.clone()
                    on_done=Callback::new(move |_| editing.set(false))/>
            </Show>
        </li>
    }
}

/// Moves a commitment to a status; delivered takes the day in `delivered_on`. A refusal
/// goes to `errors`.
fn status_setter(
    pid: Id,
    kid: Id,
    delivered_on: RwSignal<String>,
    errors: RwSignal<Vec<ValidationError>>,
) -> Callback<CommitmentStatus> {
    let store = use_store();
    Callback::new(move |status: CommitmentStatus| {
        let delivered = if status == CommitmentStatus::Delivered {
            match required_date(
                &delivered_on.get(),
                "delivered",
                "give the day it was delivered",
            ) {
                Ok(d) => Some(d),
                Err(e) => {
                    errors.set(vec![e]);
                    return;
                }
            }
        } else {
            None
        };
        match store.dispatch(GoalAction::SetCommitmentStatus {
            partner: pid.clone(),
            commitment: kid.clone(),
            status,
            delivered,
        }) {
            Some(Err(e)) => errors.set(e.problems()),
            _ => errors.set(Vec::new()),
        }
    })
}

/// A commitment as the list shows it, with the moves its status allows.
#[component]
fn CommitmentSummary(
    k: Commitment,
    owner: Option<String>,
    late_by: Option<i64>,
    set_status: Callback<CommitmentStatus>,
    delivered_on: RwSignal<String>,
    editing: RwSignal<bool>,
    remove: Callback<()>,
    errors: RwSignal<Vec<ValidationError>>,
) -> impl IntoView {
    let outstanding = matches!(k.status, CommitmentStatus::Open | CommitmentStatus::Late);
    let what = k.what.clone();
    let date_id = format!("f-delivered-{}", k.id);
    let set = move |status| move |_| set_status.run(status);
    view! {
        <p class="commitment__what">{k.what.clone()}</p>
        <p class="commitment__meta">
            <span class=format!("pill commitment-status commitment-status--{}", k.status.key())>{k.status.label()}</span>
            <span>"Due "{day(k.due)}</span>
            {owner.map(|o| view! { <span class="commitment__owner">"Owner: "{o}</span> })}
            {k.delivered.map(|d| view! { <span>"Delivered "{day(d)}{(!goals::on_time(&k)).then_some(" (late)")}</span> })}
            {late_by.map(|n| view! {
                <span class="overdue">{format!("Overdue by {}", count(n, "day"))}</span>
            })}
        </p>
        <div class="row-actions">
            {outstanding.then(|| view! {
                // The day is the delivery's, so it is labelled as such on
                // screen, not only for screen readers.
                <label class="commitment__delivered-on" for=date_id.clone()>
                    "Delivered on"<span class="visually-hidden">{format!(" (for {what})")}</span>
                </label>
                <input id=date_id.clone() class="commitment__date" type="date"
                    prop:value=move || delivered_on.get()
                    on:input=move |ev| delivered_on.set(event_target_value(&ev))/>
                <button class="button button--small" aria-label=format!("Mark delivered: {what}")
                    on:click=set(CommitmentStatus::Delivered)>"Mark delivered"</button>
            })}
            {(k.status == CommitmentStatus::Open).then(|| view! {
                <button class="button button--small" aria-label=format!("Mark late: {what}")
                    on:click=set(CommitmentStatus::Late)>"Mark late"</button>
            })}
            {outstanding.then(|| view! {
                <button class="button button--quiet button--small" aria-label=format!("Drop: {what}")
                    on:click=set(CommitmentStatus::Dropped)>"Drop"</button>
            })}
            {(!outstanding).then(|| view! {
                <button class="button button--quiet button--small" aria-label=format!("Reopen: {what}")
                    on:click=set(CommitmentStatus::Open)>"Reopen"</button>
            })}
            <button class="button button--quiet button--small" aria-label=format!("Edit commitment: {what}")
                on:click=move |_| editing.set(true)>"Edit"</button>
            <ConfirmRemove what=format!("commitment: {what}") on_remove=remove/>
        </div>
        <p class="field__error" role="alert">{other_errors(errors, &[])}</p>
    }
}

#[component]
fn CommitmentForm(partner: Id, commitment: Commitment, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let is_new = commitment.what.is_empty();
    let side = RwSignal::new(commitment.side);
    let owner_partner = partner.clone();
    let what = RwSignal::new(commitment.what.clone());
    let due = RwSignal::new(date_value(Some(commitment.due)));
    let owner = OwnerInput::new(commitment.owner.as_ref());
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let prefix = commitment.id.to_string();
    let record = if is_new {
        "new"
    } else {
        commitment.id.as_str()
    };
    let kept = use_draft(
        DraftKey::of_record(Form::Commitment, Some(&partner), record),
        FormFields::new()
            .choice("side", side)
            .text("what", what)
            .text("due", due)
            .text("owner", owner.choice)
            .text("owner_name", owner.name),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = match read_commitment(&commitment, side, what, due, owner) {
            Ok(draft) => draft,
            Err(e) => return errors.set(vec![e]),
        };
        match store.dispatch(GoalAction::SaveCommitment {
            partner: partner.clone(),
            commitment: draft,
        }) {
            Some(Ok(_)) => {
                errors.set(Vec::new());
                kept.clear();
                store.say("Commitment saved.");
                on_done.run(());
            }
            Some(Err(e)) => errors.set(e.problems()),
            None => {}
        }
    };
    const FIELDS: &[&str] = &["what", "due", "owner"];
    let label = if is_new {
        "New commitment"
    } else {
        "Edit commitment"
    };
    view! {
        <DraftOffer draft=kept/>
        <form class="form commitment-form" on:submit=save novalidate aria-label=label inert=kept.pending()>
            <div class="form__grid">
                <ChoiceField label="Whose commitment" name=format!("com-side-{prefix}") value=side/>
                <TextField label="What" name=format!("com-what-{prefix}") value=what error=field_error(errors, "what")/>
                <DateField label="Due" name=format!("com-due-{prefix}") value=due error=field_error(errors, "due")/>
                <OwnerField partner=owner_partner label="Owner".to_owned() name=format!("com-owner-{prefix}")
                    input=owner side=Signal::derive(move || Some(side.get())) error=field_error(errors, "owner")/>
            </div>
            <p class="field__error" role="alert">{other_errors(errors, FIELDS)}</p>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save commitment"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}

/// `commitment` with the values typed, or the form's own problem (the due date, the
/// owner) before the model sees it.
fn read_commitment(
    commitment: &Commitment,
    side: RwSignal<Side>,
    what: RwSignal<String>,
    due: RwSignal<String>,
    owner: OwnerInput,
) -> Result<Commitment, ValidationError> {
    let due = required_date(&due.get(), "due", "is required")?;
    let owner = owner.read().map_err(|e| problem("owner", &e.to_string()))?;
    Ok(Commitment {
        side: side.get(),
        what: what.get().trim().to_owned(),
        due,
        owner,
        ..commitment.clone()
    })
}
