//! The meeting log, newest first: each meeting with who came, how each key player
//! received it, the read of the room and the next steps (tick them off in place).

use super::form::MeetingForm;
use crate::model::actions::MeetingAction;
use crate::model::meetings::{self, Attendee, Meeting, Reception};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Id;
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::has_draft;
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

#[component]
pub fn MeetingLog(partner_id: Id) -> impl IntoView {
    let store = use_store();
    let pid = partner_id.clone();
    let ids = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&pid)
                .map(|p| {
                    meetings::log(p)
                        .iter()
                        .map(|m| m.id.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let adding = RwSignal::new(has_draft(&DraftKey::adding(
        Form::Meeting,
        Some(&partner_id),
    )));
    let form_pid = partner_id.clone();
    view! {
        <section class="card meetings-log" aria-labelledby="log-heading">
            <div class="card__head">
                <h2 id="log-heading">"Meeting log"</h2>
                <button class="button button--primary" on:click=move |_| adding.set(true)
                    disabled=move || adding.get()>"Record a meeting"</button>
            </div>
            <Show when=move || adding.get()>
                <MeetingForm partner_id=form_pid.clone()
                    meeting=fresh(&form_pid)
                    on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <Show when=move || ids.with(Vec::is_empty) && !adding.get()>
                <p class="empty">"No meetings yet. After each meeting, record who came and how each key player took it: the trend only shows what is written down."</p>
            </Show>
            <ol class="meetings-log__list">
                <For each=move || ids.get() key=|id| id.clone() let:meeting_id>
                    <MeetingItem partner_id=partner_id.clone() meeting_id=meeting_id/>
                </For>
            </ol>
        </section>
    }
}

/// A new meeting dated today, with the partner's owner on our side to start from.
fn fresh(partner_id: &Id) -> Meeting {
    let store = use_store();
    let mut m = Meeting::new(storage::new_id(), storage::now().date_naive());
    let owner = store.ws.with_untracked(|ws| {
        ws.partner(partner_id)
            .map(|p| p.owner.trim().to_owned())
            .unwrap_or_default()
    });
    if !owner.is_empty() {
        m.ours.push(owner);
    }
    m
}

/// What one meeting's row shows.
#[derive(Clone, PartialEq)]
struct Shown {
    meeting: Meeting,
    attendees: Vec<(Reception, Attendee)>,
    /// Each next step's owner as people read it.
    owners: Vec<Option<String>>,
    /// The label of the pitch version presented, when the meeting names one.
    pitch: Option<String>,
}

#[component]
fn MeetingItem(partner_id: Id, meeting_id: Id) -> impl IntoView {
    let store = use_store();
    let (pid, mid) = (partner_id.clone(), meeting_id.clone());
    let shown = Memo::new(move |_| {
        store.ws.with(|ws| {
            let p = ws.partner(&pid)?;
            let m = p.meetings.iter().find(|m| m.id == mid)?;
            Some(Shown {
                attendees: m
                    .attendees
                    .iter()
                    .map(|r| (r.clone(), meetings::attendee(p, &r.player)))
                    .collect(),
                owners: m
                    .next_steps
                    .iter()
                    .map(|s| s.owner.as_ref().map(|o| p.owner_label(o)))
                    .collect(),
                pitch: meetings::pitch_presented(p, m).map(|v| v.label.clone()),
                meeting: m.clone(),
            })
        })
    });
    let editing = RwSignal::new(has_draft(&DraftKey::of_record(
        Form::Meeting,
        Some(&partner_id),
        meeting_id.as_str(),
    )));
    let confirming = RwSignal::new(false);
    let body = move || {
        let partner_id = partner_id.clone();
        shown.get().map(|s| {
            if editing.get() {
                view! {
                    <MeetingForm partner_id=partner_id meeting=s.meeting
                        on_done=Callback::new(move |_| editing.set(false))/>
                }
                .into_any()
            } else {
                view! { <MeetingView partner_id=partner_id shown=s editing=editing confirming=confirming/> }
                    .into_any()
            }
        })
    };
    view! { <li class="meeting">{body}</li> }
}

fn long_date(d: chrono::NaiveDate) -> String {
    crate::model::core::format::day(d)
}

#[component]
fn MeetingView(
    partner_id: Id,
    shown: Shown,
    editing: RwSignal<bool>,
    confirming: RwSignal<bool>,
) -> impl IntoView {
    let store = use_store();
    let m = shown.meeting;
    let heading_id = format!("meeting-{}", m.id);
    let labelled_by = heading_id.clone();
    let date = long_date(m.date);
    let today = storage::now().date_naive();
    let remove = {
        let (pid, mid, date) = (partner_id.clone(), m.id.clone(), date.clone());
        let day = m.date;
        Callback::new(move |_: ()| {
            store.dispatch(MeetingAction::Remove {
                partner: pid.clone(),
                meeting: mid.clone(),
                date: day,
            });
            store.say(format!("Removed the meeting of {date}."));
        })
    };
    let receptions = receptions(shown.attendees);
    let steps = next_steps(store, &partner_id, &m, &shown.owners, today);
    view! {
        <article class="meeting__card" aria-labelledby=labelled_by>
            <header class="meeting__head">
                <h3 id=heading_id>{date.clone()}</h3>
                {m.room.map(|r| view! {
                    <span class=format!("pill meeting__room meeting__room--{}", r.key())>"Room: "{r.label()}</span>
                })}
            </header>
            {(!m.ours.is_empty()).then(|| view! {
                <p class="meeting__ours muted">"Our side: "{m.ours.join(", ")}</p>
            })}
            {shown.pitch.clone().map(|label| view! {
                <p class="meeting__pitch"><span class="meeting__label">"Pitch version presented: "</span>{label}</p>
            })}
            {(!m.presented.is_empty()).then(|| view! {
                <p class="meeting__presented"><span class="meeting__label">"Presented: "</span>{m.presented.clone()}</p>
            })}
            <ul class="meeting__receptions">{receptions}</ul>
            {(!m.room_note.is_empty()).then(|| view! {
                <p class="meeting__room-note"><span class="meeting__label">"The room: "</span>{m.room_note.clone()}</p>
            })}
            {(!m.next_steps.is_empty()).then(|| view! {
                <h4 class="meeting__steps-heading">"Next steps"</h4>
                <ul class="meeting__steps">{steps}</ul>
            })}
            <div class="meeting__actions">
                <button class="button button--quiet button--small" aria-label=format!("Edit the meeting of {date}")
                    on:click=move |_| editing.set(true)>"Edit"</button>
                <ConfirmRemove on_remove=remove confirming=confirming/>
            </div>
        </article>
    }
}

/// Each attendee's reception: the three readings, their mean and the note.
fn receptions(attendees: Vec<(Reception, Attendee)>) -> impl IntoView {
    attendees
        .into_iter()
        .map(|(r, who)| {
            let score = meetings::format_score(r.score());
            view! {
                <li class="meeting__reception">
                    <div class="meeting__who">
                        <strong>{who.name}</strong>
                        {who.former.then(|| view! { <span class="pill">"former key player"</span> })}
                        <span class="meeting__score" title="Mean of body language, tone and reaction, −2 to +2">{score}</span>
                    </div>
                    <p class="meeting__readings muted">
                        "Body language: "{r.body_language.label()}" · Tone: "{r.tone.label()}" · Reaction: "{r.reaction.label()}
                    </p>
                    {(!r.note.is_empty()).then(|| view! { <p class="meeting__note">{r.note.clone()}</p> })}
                </li>
            }
        })
        .collect_view()
}

/// The meeting's next steps, each ticked off in place; `owners` as people read them.
fn next_steps(
    store: Store,
    partner_id: &Id,
    m: &Meeting,
    owners: &[Option<String>],
    today: chrono::NaiveDate,
) -> impl IntoView {
    m.next_steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let (pid, mid) = (partner_id.clone(), m.id.clone());
            let what = s.what.clone();
            let overdue = s.overdue(today);
            let owner = owners.get(i).cloned().flatten();
            let label = format!("Done: {what}");
            view! {
                <li class="meeting__step" class:meeting__step--done=s.done class:meeting__step--overdue=overdue>
                    <label>
                        <input type="checkbox" prop:checked=s.done aria-label=label
                            on:change=move |ev| {
                                let done = event_target_checked(&ev);
                                store.dispatch(MeetingAction::TickStep {
                                    partner: pid.clone(),
                                    meeting: mid.clone(),
                                    step: i,
                                    done,
                                });
                            }/>
                        <span>{what.clone()}</span>
                    </label>
                    {owner.map(|o| view! { <span class="meeting__owner">"Owner: "{o}</span> })}
                    {s.due.map(|d| view! {
                        <span class="meeting__due">{if overdue { "overdue since " } else { "due " }}{long_date(d)}</span>
                    })}
                </li>
            }
        })
        .collect_view()
}
