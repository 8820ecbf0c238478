//! The form that records (or edits) a meeting: the date, who came from each side, what
//! was presented, each attending key player's reception on three five-point readings
//! with a note, the overall read of the room, and the next steps.

use crate::model::meetings::{self, Meeting, NextStep, Reception};
use crate::model::workspace::draft::{DraftKey, Fields, Form};
use crate::model::{Id, Scale, Side, ValidationError};
use crate::storage;
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::fields::{error_for, ChoiceSelect, TextField};
use crate::ui::owner::{OwnerField, OwnerInput};
use crate::ui::state::use_store;
use leptos::prelude::*;

/// One key player's row: whether they attended and how they received the meeting.
#[derive(Clone)]
struct AttendeeRow {
    player: Id,
    name: String,
    former: bool,
    attended: RwSignal<bool>,
    body: RwSignal<Scale>,
    tone: RwSignal<Scale>,
    reaction: RwSignal<Scale>,
    note: RwSignal<String>,
}

/// One next step being edited; `key` keeps the row when others are removed.
#[derive(Clone)]
struct StepRow {
    key: u64,
    what: RwSignal<String>,
    due: RwSignal<String>,
    done: RwSignal<bool>,
    owner: OwnerInput,
}

fn step_row(key: u64, s: &NextStep) -> StepRow {
    StepRow {
        key,
        what: RwSignal::new(s.what.clone()),
        due: RwSignal::new(s.due.map(|d| d.to_string()).unwrap_or_default()),
        done: RwSignal::new(s.done),
        owner: OwnerInput::new(s.owner.as_ref()),
    }
}

#[component]
pub fn MeetingForm(partner_id: Id, meeting: Meeting, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let is_new = store.ws.with_untracked(|ws| {
        ws.partner(&partner_id)
            .is_none_or(|p| p.meetings.iter().all(|m| m.id != meeting.id))
    });
    let prefix = meeting.id.to_string();
    // Every current key player, then any former one this meeting still holds.
    let rows: Vec<AttendeeRow> = store.ws.with_untracked(|ws| {
        let Some(p) = ws.partner(&partner_id) else {
            return Vec::new();
        };
        let row = |player: &Id, name: String, former: bool| {
            let r = meeting.reception(player);
            let base = r
                .cloned()
                .unwrap_or_else(|| Reception::neutral(player.clone()));
            AttendeeRow {
                player: player.clone(),
                name,
                former,
                attended: RwSignal::new(r.is_some()),
                body: RwSignal::new(base.body_language),
                tone: RwSignal::new(base.tone),
                reaction: RwSignal::new(base.reaction),
                note: RwSignal::new(base.note),
            }
        };
        let mut rows: Vec<AttendeeRow> = p
            .key_players
            .iter()
            .map(|k| row(&k.id, k.name.clone(), false))
            .collect();
        for r in &meeting.attendees {
            let who = meetings::attendee(p, &r.player);
            if who.former {
                rows.push(row(&r.player, who.name, true));
            }
        }
        rows
    });
    let date = RwSignal::new(meeting.date.to_string());
    let ours = RwSignal::new(meeting.ours.join(", "));
    let presented = RwSignal::new(meeting.presented.clone());
    let room = RwSignal::new(meeting.room.map(|r| r.key().to_owned()).unwrap_or_default());
    let room_note = RwSignal::new(meeting.room_note.clone());
    let pitch = RwSignal::new(
        meeting
            .pitch
            .as_ref()
            .map(ToString::to_string)
            .unwrap_or_default(),
    );
    // The partner's pitch versions to choose from, newest first; one removed since
    // that this meeting still names stays chosen under its id.
    let versions: Vec<(String, String)> = store.ws.with_untracked(|ws| {
        ws.partner(&partner_id)
            .map(|p| {
                p.pitches
                    .iter()
                    .rev()
                    .map(|v| {
                        let when = match v.sent {
                            Some(d) => format!("sent {}", crate::model::core::format::day(d)),
                            None => {
                                format!("drafted {}", crate::model::core::format::day(v.drafted))
                            }
                        };
                        (v.id.to_string(), format!("{} ({when})", v.label))
                    })
                    .collect()
            })
            .unwrap_or_default()
    });
    let steps = RwSignal::new(
        meeting
            .next_steps
            .iter()
            .enumerate()
            .map(|(i, s)| step_row(i as u64, s))
            .collect::<Vec<_>>(),
    );
    let next_key = StoredValue::new(meeting.next_steps.len() as u64);
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let kept = use_draft(
        DraftKey::of_record(
            Form::Meeting,
            Some(&partner_id),
            if is_new { "new" } else { meeting.id.as_str() },
        ),
        draft_fields(rows.clone(), steps, next_key)
            .text("date", date)
            .text("ours", ours)
            .text("presented", presented)
            .text("room", room)
            .text("room_note", room_note)
            .text("pitch", pitch),
    );

    let attendee_rows = rows.clone();
    let step_partner = partner_id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut problems = Vec::new();
        let mut problem = |path: String, message: String| {
            problems.push(ValidationError {
                path,
                record: String::new(),
                message,
            })
        };
        let day = meetings::parse_date(&date.get_untracked());
        if let Err(e) = &day {
            problem("date".into(), e.to_string());
        }
        let next_steps: Vec<NextStep> = steps
            .get_untracked()
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let due_text = s.due.get_untracked();
                let due = if due_text.trim().is_empty() {
                    None
                } else {
                    match meetings::parse_date(&due_text) {
                        Ok(d) => Some(d),
                        Err(e) => {
                            problem(format!("next_steps[{i}].due"), e.to_string());
                            None
                        }
                    }
                };
                let owner = s.owner.read().unwrap_or_else(|e| {
                    problem(format!("next_steps[{i}].owner"), e);
                    None
                });
                NextStep {
                    what: s.what.get_untracked(),
                    due,
                    done: s.done.get_untracked(),
                    owner,
                }
            })
            .collect();
        let Ok(day) = day else {
            errors.set(problems);
            return;
        };
        if !problems.is_empty() {
            errors.set(problems);
            return;
        }
        let draft = Meeting {
            id: meeting.id.clone(),
            date: day,
            ours: meetings::parse_people(&ours.get_untracked()),
            presented: presented.get_untracked().trim().to_owned(),
            attendees: attendee_rows
                .iter()
                .filter(|r| r.attended.get_untracked())
                .map(|r| Reception {
                    player: r.player.clone(),
                    body_language: r.body.get_untracked(),
                    tone: r.tone.get_untracked(),
                    reaction: r.reaction.get_untracked(),
                    note: r.note.get_untracked().trim().to_owned(),
                })
                .collect(),
            room: Scale::from_key(&room.get_untracked()),
            room_note: room_note.get_untracked().trim().to_owned(),
            next_steps,
            pitch: match pitch.get_untracked().as_str() {
                "" => None,
                key => Id::parse(key).ok(),
            },
        };
        let label = format!("record the meeting of {}", draft.date);
        match store.edit(label, |ws| {
            meetings::save_meeting(ws, &partner_id, draft, storage::now())
        }) {
            Some(Ok(changed)) => {
                errors.set(Vec::new());
                kept.clear();
                store.say(if changed {
                    "Meeting saved."
                } else {
                    "No changes to save."
                });
                on_done.run(());
            }
            Some(Err(e)) => errors.set(e),
            None => {}
        }
    };

    let err = move |path: &'static str| Signal::derive(move || errors.with(|e| error_for(e, path)));
    // Messages for fields that have no place of their own (attendees, next steps),
    // named for the person reading them.
    let named_rows = rows.clone();
    let summary = move || {
        errors.with(|all| {
            let attending: Vec<String> = named_rows
                .iter()
                .filter(|r| r.attended.get_untracked())
                .map(|r| r.name.clone())
                .collect();
            all.iter()
                .filter(|e| {
                    !matches!(
                        e.path.as_str(),
                        "date" | "presented" | "room_note" | "pitch"
                    )
                })
                .map(|e| format!("{}: {}", where_is(&e.path, &attending), e.message))
                .collect::<Vec<_>>()
        })
    };
    let form_label = if is_new {
        "Record a meeting".to_owned()
    } else {
        format!("Edit the meeting of {}", meeting.date)
    };
    let form_aria = form_label.clone();
    let no_players = rows.is_empty();
    let attendee_views = rows
        .into_iter()
        .map(|r| attendee_row(r, &prefix))
        .collect_view();
    let add_step = move |_| {
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        steps.update(|s| {
            s.push(step_row(
                key,
                &NextStep {
                    what: String::new(),
                    due: None,
                    done: false,
                    owner: None,
                },
            ))
        });
    };
    view! {
        <DraftOffer draft=kept/>
        <form class="meeting-form form" on:submit=save novalidate aria-label=form_aria inert=kept.pending()>
            <h3>{form_label}</h3>
            <div class="form__grid">
                <TextField label="Date" name=format!("meet-date-{prefix}") value=date error=err("date") input_type="date"/>
                <TextField label="Our people" name=format!("meet-ours-{prefix}") value=ours
                    error=err("ours") hint="Names separated by commas"/>
            </div>
            {(!versions.is_empty()).then(|| {
                let select_id = format!("f-meet-pitch-{prefix}");
                let options = versions.into_iter().map(|(key, label)| {
                    let selected = key.clone();
                    view! { <option value=key selected=move || pitch.with(|p| *p == selected)>{label}</option> }
                }).collect_view();
                view! {
                    <div class="field">
                        <label for=select_id.clone()>"Pitch version presented"</label>
                        <select id=select_id aria-describedby=format!("e-meet-pitch-{prefix}")
                            prop:value=move || pitch.get()
                            on:change=move |ev| pitch.set(event_target_value(&ev))>
                            <option value="" selected=move || pitch.with(String::is_empty)>"None presented"</option>
                            {options}
                        </select>
                        <crate::ui::fields::FieldError id=format!("e-meet-pitch-{prefix}") message=err("pitch")/>
                    </div>
                }
            })}
            <TextField label="What was presented" name=format!("meet-presented-{prefix}") value=presented
                error=err("presented") multiline=true/>
            <fieldset class="meeting-form__attendees">
                <legend>"Key players who attended"</legend>
                {no_players.then(|| view! { <p class="empty">"This partner has no key players yet: add them on the partner's page."</p> })}
                {attendee_views}
            </fieldset>
            <div class="form__grid">
                <div class="field">
                    <label for=format!("f-meet-room-{prefix}")>"Overall read of the room"</label>
                    <select id=format!("f-meet-room-{prefix}") on:change=move |ev| room.set(event_target_value(&ev))>
                        <option value="" selected=move || room.with(String::is_empty)>"Not recorded"</option>
                        {Scale::ALL.iter().map(|s| {
                            let key = s.key();
                            view! { <option value=key selected=move || room.with(|r| r == key)>{s.label()}</option> }
                        }).collect_view()}
                    </select>
                </div>
            </div>
            <TextField label="Note on the room" name=format!("meet-room-note-{prefix}") value=room_note
                error=err("room_note") multiline=true/>
            <fieldset class="meeting-form__steps">
                <legend>"Next steps"</legend>
                <For each=move || steps.get() key=|s| s.key let:s>
                    <StepEditor row=s prefix=prefix.clone() steps=steps partner=step_partner.clone() errors=errors/>
                </For>
                <button type="button" class="button button--quiet button--small" on:click=add_step>"Add next step"</button>
            </fieldset>
            <ul class="meeting-form__errors field__error" role="alert">
                {move || summary().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save meeting"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}

/// The attendee rows and next steps as draft fields: `att.<player>.<what>` for each key
/// player's row, `step.<n>.<what>` for each next step in order.
fn draft_fields(
    rows: Vec<AttendeeRow>,
    steps: RwSignal<Vec<StepRow>>,
    next_key: StoredValue<u64>,
) -> FormFields {
    let readings = rows.clone();
    let written = rows;
    let form_owner = Owner::current();
    FormFields::new()
        .many(
            move || {
                let mut out = Fields::new();
                for r in &readings {
                    let at = |what: &str| format!("att.{}.{what}", r.player);
                    out.insert(at("on"), r.attended.get().to_string());
                    out.insert(at("body"), r.body.get().key().to_owned());
                    out.insert(at("tone"), r.tone.get().key().to_owned());
                    out.insert(at("reaction"), r.reaction.get().key().to_owned());
                    out.insert(at("note"), r.note.get());
                }
                out
            },
            move |fields| {
                for r in &written {
                    let at = |what: &str| fields.get(&format!("att.{}.{what}", r.player));
                    if let Some(v) = at("on") {
                        r.attended.set(v == "true");
                    }
                    for (what, signal) in
                        [("body", r.body), ("tone", r.tone), ("reaction", r.reaction)]
                    {
                        if let Some(s) = at(what).and_then(|v| Scale::from_key(v)) {
                            signal.set(s);
                        }
                    }
                    if let Some(v) = at("note") {
                        r.note.set(v.clone());
                    }
                }
            },
        )
        .many(
            move || {
                let mut out = Fields::new();
                steps.with(|all| {
                    for (i, s) in all.iter().enumerate() {
                        out.insert(format!("step.{i}.what"), s.what.get());
                        out.insert(format!("step.{i}.due"), s.due.get());
                        out.insert(format!("step.{i}.done"), s.done.get().to_string());
                        out.insert(format!("step.{i}.owner"), s.owner.choice.get());
                        out.insert(format!("step.{i}.owner_name"), s.owner.name.get());
                    }
                });
                out
            },
            move |fields| {
                // The restored rows' signals belong to the form, not to whatever owner
                // runs the Restore click (the offer, gone once answered).
                let make = || restored_steps(fields, next_key);
                let rows = match &form_owner {
                    Some(owner) => owner.with(make),
                    None => make(),
                };
                steps.set(rows);
            },
        )
}

/// The next steps a draft holds, as new rows.
fn restored_steps(fields: &Fields, next_key: StoredValue<u64>) -> Vec<StepRow> {
    let mut rows = Vec::new();
    for i in 0.. {
        let Some(what) = fields.get(&format!("step.{i}.what")) else {
            break;
        };
        let field = |what: &str| fields.get(&format!("step.{i}.{what}"));
        let key = next_key.get_value();
        next_key.set_value(key + 1);
        rows.push(StepRow {
            key,
            what: RwSignal::new(what.clone()),
            due: RwSignal::new(field("due").cloned().unwrap_or_default()),
            done: RwSignal::new(field("done").is_some_and(|d| d == "true")),
            owner: OwnerInput {
                choice: RwSignal::new(field("owner").cloned().unwrap_or_default()),
                name: RwSignal::new(field("owner_name").cloned().unwrap_or_default()),
            },
        });
    }
    rows
}

/// Where an error is, in words: "Dana Whitlock's note", "Next step 2".
fn where_is(path: &str, attending: &[String]) -> String {
    let index = |p: &str| {
        p.split_once('[')
            .and_then(|(_, rest)| rest.split_once(']'))
            .and_then(|(i, _)| i.parse::<usize>().ok())
    };
    if path.starts_with("attendees[") {
        let who = index(path)
            .and_then(|i| attending.get(i).cloned())
            .unwrap_or_else(|| "An attendee".into());
        if path.ends_with(".note") {
            format!("Note on {who}")
        } else {
            who
        }
    } else if path.starts_with("next_steps[") {
        let n = index(path).map_or(0, |i| i + 1);
        if path.ends_with(".due") {
            format!("Due date of next step {n}")
        } else if path.ends_with(".owner") {
            format!("Owner of next step {n}")
        } else {
            format!("Next step {n}")
        }
    } else if path.starts_with("ours") {
        "Our people".into()
    } else if path.is_empty() {
        "Meeting".into()
    } else {
        path.to_owned()
    }
}

fn attendee_row(r: AttendeeRow, prefix: &str) -> impl IntoView {
    let base = format!("meet-{prefix}-{}", r.player);
    let check_id = format!("f-{base}-attended");
    let check_for = check_id.clone();
    let name = r.name.clone();
    let reading = move |what: &'static str, value: RwSignal<Scale>| {
        let id = format!("f-{base}-{}", what.to_lowercase().replace(' ', "-"));
        let aria = format!("{what} of {name}");
        view! {
            <div class="field meeting-form__reading">
                <label for=id.clone()>{what}</label>
                <ChoiceSelect id=id value=value aria_label=aria/>
            </div>
        }
    };
    let body = reading("Body language", r.body);
    let tone = reading("Tone", r.tone);
    let reaction = reading("Reaction", r.reaction);
    let note_id = format!("f-meet-{prefix}-{}-note", r.player);
    let note = r.note;
    let attended = r.attended;
    view! {
        <div class="meeting-form__attendee" class:meeting-form__attendee--on=move || attended.get()>
            <label class="meeting-form__check" for=check_for>
                <input type="checkbox" id=check_id prop:checked=move || attended.get()
                    on:change=move |ev| attended.set(event_target_checked(&ev))/>
                <span>{r.name.clone()}</span>
                {r.former.then(|| view! { <span class="pill">"former key player"</span> })}
            </label>
            <div class="meeting-form__readings" hidden=move || !attended.get()>
                {body}
                {tone}
                {reaction}
                <div class="field meeting-form__note">
                    <label for=note_id.clone()>{format!("Note on {}", r.name)}</label>
                    <input id=note_id type="text" prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))/>
                </div>
            </div>
        </div>
    }
}

#[component]
fn StepEditor(
    row: StepRow,
    prefix: String,
    steps: RwSignal<Vec<StepRow>>,
    partner: Id,
    errors: RwSignal<Vec<ValidationError>>,
) -> impl IntoView {
    let key = row.key;
    let base = format!("meet-{prefix}-step-{key}");
    let number =
        move || steps.with(|all| all.iter().position(|s| s.key == key).map_or(0, |i| i + 1));
    let (what, due, done) = (row.what, row.due, row.done);
    let no_side: Option<Side> = None;
    // The owner's message beside the owner; the list under the form names it too.
    let owner_error = Signal::derive(move || {
        let i = number().checked_sub(1)?;
        errors.with(|e| error_for(e, &format!("next_steps[{i}].owner")))
    });
    view! {
        <div class="meeting-form__step">
            <div class="field meeting-form__step-what">
                <label for=format!("f-{base}-what")>"Next step "{number}</label>
                <input id=format!("f-{base}-what") type="text" prop:value=move || what.get()
                    on:input=move |ev| what.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label for=format!("f-{base}-due")>"Due"</label>
                <input id=format!("f-{base}-due") type="date" prop:value=move || due.get()
                    on:input=move |ev| due.set(event_target_value(&ev))/>
            </div>
            <OwnerField partner=partner label=Signal::derive(move || format!("Owner of next step {}", number()))
                name=format!("{base}-owner") input=row.owner side=no_side error=owner_error/>
            <label class="meeting-form__done">
                <input type="checkbox" prop:checked=move || done.get()
                    on:change=move |ev| done.set(event_target_checked(&ev))/>
                "Done"
            </label>
            <button type="button" class="button button--quiet button--small"
                aria-label=move || format!("Remove next step {}", number())
                on:click=move |_| steps.update(|all| all.retain(|s| s.key != key))>"Remove"</button>
        </div>
    }
}
