//! The form that records (or edits) a meeting: the date, who came from each side, what
//! was presented, each attending key player's reception on three five-point readings
//! with a note, the overall read of the room, and the next steps.

use crate::model::actions::MeetingAction;
use crate::model::core::format;
use crate::model::meetings::{self, Meeting, NextStep, Reception};
use crate::model::workspace::draft::{DraftKey, Fields, Form};
use crate::model::{Id, Scale, Side, ValidationError, Workspace};
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::fields::{date_value, error_for, ChoiceSelect, DateField, TextField};
use crate::ui::owner::{OwnerField, OwnerInput};
use crate::ui::state::{use_store, Store};
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
        due: RwSignal::new(date_value(s.due)),
        done: RwSignal::new(s.done),
        owner: OwnerInput::new(s.owner.as_ref()),
    }
}

/// The form's state: a signal per field, the key players' rows and the next steps.
#[derive(Clone)]
struct MeetingFields {
    date: RwSignal<String>,
    ours: RwSignal<String>,
    presented: RwSignal<String>,
    room: RwSignal<String>,
    room_note: RwSignal<String>,
    pitch: RwSignal<String>,
    rows: Vec<AttendeeRow>,
    steps: RwSignal<Vec<StepRow>>,
    next_key: StoredValue<u64>,
    errors: RwSignal<Vec<ValidationError>>,
}

impl MeetingFields {
    fn of(meeting: &Meeting, rows: Vec<AttendeeRow>) -> Self {
        MeetingFields {
            date: RwSignal::new(date_value(Some(meeting.date))),
            ours: RwSignal::new(meeting.ours.join(", ")),
            presented: RwSignal::new(meeting.presented.clone()),
            room: RwSignal::new(meeting.room.map(|r| r.key().to_owned()).unwrap_or_default()),
            room_note: RwSignal::new(meeting.room_note.clone()),
            pitch: RwSignal::new(
                meeting
                    .pitch
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_default(),
            ),
            rows,
            steps: RwSignal::new(
                meeting
                    .next_steps
                    .iter()
                    .enumerate()
                    .map(|(i, s)| step_row(i as u64, s))
                    .collect::<Vec<_>>(),
            ),
            next_key: StoredValue::new(meeting.next_steps.len() as u64),
            errors: RwSignal::new(Vec::new()),
        }
    }

    /// Every field as a draft keeps it.
    fn draft_fields(&self) -> FormFields {
        draft_fields(self.rows.clone(), self.steps, self.next_key)
            .text("date", self.date)
            .text("ours", self.ours)
            .text("presented", self.presented)
            .text("room", self.room)
            .text("room_note", self.room_note)
            .text("pitch", self.pitch)
    }

    /// The meeting as typed, or the form's own problems (dates, owners) before the
    /// model sees it.
    fn read(&self, id: Id) -> Result<Meeting, Vec<ValidationError>> {
        let mut problems = Vec::new();
        let mut problem = |path: String, message: String| {
            problems.push(ValidationError {
                path,
                record: String::new(),
                message,
            })
        };
        let day = meetings::parse_date(&self.date.get_untracked());
        if let Err(e) = &day {
            problem("date".into(), e.to_string());
        }
        let next_steps: Vec<NextStep> = self
            .steps
            .get_untracked()
            .iter()
            .enumerate()
            .map(|(i, s)| read_step(i, s, &mut problem))
            .collect();
        let Ok(day) = day else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Meeting {
            id,
            date: day,
            ours: meetings::parse_people(&self.ours.get_untracked()),
            presented: self.presented.get_untracked().trim().to_owned(),
            attendees: self
                .rows
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
            room: Scale::from_key(&self.room.get_untracked()),
            room_note: self.room_note.get_untracked().trim().to_owned(),
            next_steps,
            pitch: match self.pitch.get_untracked().as_str() {
                "" => None,
                key => Id::parse(key).ok(),
            },
        })
    }

    /// Messages for fields that have no place of their own (attendees, next steps),
    /// named for the person reading them.
    fn summary(&self) -> Vec<String> {
        self.errors.with(|all| {
            let attending: Vec<String> = self
                .rows
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
    }

    /// Saves the meeting as typed through the model: true once saved; otherwise the
    /// form shows why not.
    fn save(&self, store: Store, partner: &Id, id: Id) -> bool {
        let draft = match self.read(id) {
            Ok(draft) => draft,
            Err(problems) => {
                self.errors.set(problems);
                return false;
            }
        };
        match store.dispatch(MeetingAction::Save {
            partner: partner.clone(),
            meeting: draft,
        }) {
            Some(Ok(applied)) => {
                let changed = applied.changed();
                self.errors.set(Vec::new());
                store.say(if changed {
                    "Meeting saved."
                } else {
                    "No changes to save."
                });
                true
            }
            Some(Err(e)) => {
                self.errors.set(e.problems());
                false
            }
            None => false,
        }
    }

    fn add_step(&self) {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        self.steps.update(|s| {
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
    }
}

/// One next step as typed; a due date or owner that cannot be read goes to `problem`.
fn read_step(i: usize, s: &StepRow, problem: &mut impl FnMut(String, String)) -> NextStep {
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
        problem(format!("next_steps[{i}].owner"), e.to_string());
        None
    });
    NextStep {
        what: s.what.get_untracked(),
        due,
        done: s.done.get_untracked(),
        owner,
    }
}

/// Every current key player of the partner, then any former one the meeting still holds.
fn attendee_rows(ws: &Workspace, partner_id: &Id, meeting: &Meeting) -> Vec<AttendeeRow> {
    let Some(p) = ws.partner(partner_id) else {
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
}

/// The partner's pitch versions to choose from as (id, label), newest first.
fn pitch_versions(ws: &Workspace, partner_id: &Id) -> Vec<(String, String)> {
    ws.partner(partner_id)
        .map(|p| {
            p.pitches
                .iter()
                .rev()
                .map(|v| {
                    let when = match v.sent {
                        Some(d) => format!("sent {}", format::day(d)),
                        None => format!("drafted {}", format::day(v.drafted)),
                    };
                    (v.id.to_string(), format!("{} ({when})", v.label))
                })
                .collect()
        })
        .unwrap_or_default()
}

#[component]
pub fn MeetingForm(partner_id: Id, meeting: Meeting, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let is_new = store.ws.with_untracked(|ws| {
        ws.partner(&partner_id)
            .is_none_or(|p| p.meetings.iter().all(|m| m.id != meeting.id))
    });
    let prefix = meeting.id.to_string();
    let rows = store
        .ws
        .with_untracked(|ws| attendee_rows(ws, &partner_id, &meeting));
    // A version removed since that this meeting still names stays chosen under its id.
    let versions = store
        .ws
        .with_untracked(|ws| pitch_versions(ws, &partner_id));
    let f = MeetingFields::of(&meeting, rows);
    let errors = f.errors;
    let record = if is_new { "new" } else { meeting.id.as_str() };
    let kept = use_draft(
        DraftKey::of_record(Form::Meeting, Some(&partner_id), record),
        f.draft_fields(),
    );
    let step_partner = partner_id.clone();
    let save = {
        let (f, id) = (f.clone(), meeting.id.clone());
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if f.save(store, &partner_id, id.clone()) {
                kept.clear();
                on_done.run(());
            }
        }
    };
    let err = move |path: &'static str| Signal::derive(move || errors.with(|e| error_for(e, path)));
    let form_label = if is_new {
        "Record a meeting".to_owned()
    } else {
        format!("Edit the meeting of {}", format::day(meeting.date))
    };
    let form_aria = form_label.clone();
    let (summary, adder) = (f.clone(), f.clone());
    let (steps, room, pitch) = (f.steps, f.room, f.pitch);
    view! {
        <DraftOffer draft=kept/>
        <form class="meeting-form form" on:submit=save novalidate aria-label=form_aria inert=kept.pending()>
            <h3>{form_label}</h3>
            <div class="form__grid">
                <DateField label="Date" name=format!("meet-date-{prefix}") value=f.date error=err("date")/>
                <TextField label="Our people" name=format!("meet-ours-{prefix}") value=f.ours
                    error=err("ours") hint="Names separated by commas"/>
            </div>
            {(!versions.is_empty()).then(|| view! {
                <PitchSelect prefix=prefix.clone() versions=versions pitch=pitch error=err("pitch")/>
            })}
            <TextField label="What was presented" name=format!("meet-presented-{prefix}") value=f.presented
                error=err("presented") multiline=true/>
            <Attendees rows=f.rows.clone() prefix=prefix.clone()/>
            <RoomSelect prefix=prefix.clone() room=room/>
            <TextField label="Note on the room" name=format!("meet-room-note-{prefix}") value=f.room_note
                error=err("room_note") multiline=true/>
            <fieldset class="meeting-form__steps">
                <legend>"Next steps"</legend>
                <For each=move || steps.get() key=|s| s.key let:s>
                    <StepEditor row=s prefix=prefix.clone() steps=steps partner=step_partner.clone() errors=errors/>
                </For>
                <button type="button" class="button button--quiet button--small"
                    on:click=move |_| adder.add_step()>"Add next step"</button>
            </fieldset>
            <ul class="meeting-form__errors field__error" role="alert">
                {move || summary.summary().into_iter().map(|m| view! { <li>{m}</li> }).collect_view()}
            </ul>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save meeting"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}

/// A row per key player: whether they attended, and how they received the meeting.
#[component]
fn Attendees(rows: Vec<AttendeeRow>, prefix: String) -> impl IntoView {
    let no_players = rows.is_empty();
    let attendee_views = rows
        .into_iter()
        .map(|r| attendee_row(r, &prefix))
        .collect_view();
    view! {
        <fieldset class="meeting-form__attendees">
            <legend>"Key players who attended"</legend>
            {no_players.then(|| view! { <p class="empty">"This partner has no key players yet: add them on the partner's page."</p> })}
            {attendee_views}
        </fieldset>
    }
}

/// The pitch version presented, among the partner's versions.
#[component]
fn PitchSelect(
    prefix: String,
    versions: Vec<(String, String)>,
    pitch: RwSignal<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
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
            <crate::ui::fields::FieldError id=format!("e-meet-pitch-{prefix}") message=error/>
        </div>
    }
}

/// The overall read of the room, on the five-point scale or not recorded.
#[component]
fn RoomSelect(prefix: String, room: RwSignal<String>) -> impl IntoView {
    view! {
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
