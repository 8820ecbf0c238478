//! A partner's key players: who matters in the decision, how much, and where they stand.

use crate::model::actions::PartnerAction;
use crate::model::meetings;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{DecisionRole, Id, KeyPlayer, Stance, ValidationError};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::{field_error, general_error, on_submit, ChoiceField, TextField};
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

#[component]
pub fn KeyPlayers(partner_id: Id) -> impl IntoView {
    let store = use_store();
    let pid = partner_id.clone();
    // Each key player with the stance read from the latest meetings and whether anyone
    // has met them: the one reading of people the figures use.
    let players = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&pid)
                .map(|p| {
                    let read = meetings::map(p);
                    p.key_players
                        .iter()
                        .map(|k| {
                            let m = read.iter().find(|m| m.player == k.id);
                            let stance = m.map_or(k.stance, |m| m.read);
                            (k.clone(), stance, m.is_none_or(|m| m.unverified()))
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    // A form left with unsaved input opens again by itself, offering it back.
    let adding = RwSignal::new(has_draft(&DraftKey::adding(
        Form::KeyPlayer,
        Some(&partner_id),
    )));
    let add_pid = partner_id.clone();
    view! {
        <section class="card key-players" aria-labelledby="kp-heading">
            <div class="card__head">
                <h2 id="kp-heading">"Key players"</h2>
                <button class="button" on:click=move |_| adding.set(true)
                    disabled=move || adding.get()>"Add key player"</button>
            </div>
            <Show when=move || adding.get()>
                <KeyPlayerForm partner_id=add_pid.clone()
                    player=KeyPlayer::new(storage::new_id(), "", storage::now())
                    on_done=Callback::new(move |_| adding.set(false))/>
            </Show>
            <Show when=move || players.with(Vec::is_empty) && !adding.get()>
                <p class="empty">"No key players yet. Who decides, who influences, who will do the work?"</p>
            </Show>
            <ul class="kp-list">
                <For each=move || players.get() key=|kp| kp.clone() let:kp>
                    <KeyPlayerItem partner_id=partner_id.clone() player=kp.0 read=kp.1 unverified=kp.2/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn KeyPlayerItem(
    partner_id: Id,
    player: KeyPlayer,
    read: Stance,
    unverified: bool,
) -> impl IntoView {
    let store = use_store();
    let editing = RwSignal::new(has_draft(&DraftKey::of_record(
        Form::KeyPlayer,
        Some(&partner_id),
        player.id.as_str(),
    )));
    let confirming = RwSignal::new(false);
    let form_player = player.clone();
    let form_pid = partner_id.clone();
    let remove = {
        let (pid, kid) = (partner_id.clone(), player.id.clone());
        let name = player.name.clone();
        Callback::new(move |_: ()| {
            store.dispatch(PartnerAction::RemoveKeyPlayer {
                partner: pid.clone(),
                player: kid.clone(),
                name: name.clone(),
            });
            store.say(format!("Removed {name}."));
        })
    };
    let name = player.name.clone();
    view! {
        <li class="kp">
            <Show when=move || editing.get() fallback=move || {
                let p = player.clone();
                let name = p.name.clone();
                view! {
                    <div class="kp__summary">
                        <div class="kp__who">
                            <strong>{p.name.clone()}</strong>
                            <span class="muted">{p.title.clone()}</span>
                        </div>
                        <div class="kp__tags">
                            <span class="pill">{p.role.label()}</span>
                            <span class=format!("pill stance stance--{}", p.stance.key())
                                title="Stance as recorded">{p.stance.label()}</span>
                            {unverified.then(|| view! {
                                <span class="pill pill--unverified"
                                    title="Never met in a logged meeting: the recorded stance is taken on trust, and counts half in support and reach until someone meets them.">
                                    "Unverified: never met"
                                </span>
                            })}
                            {(!unverified && read != p.stance).then(|| view! {
                                <span class=format!("pill stance stance--{}", read.key())
                                    title="Stance as read from the latest meetings: the one the figures use">
                                    {format!("Reads {}", read.label().to_lowercase())}
                                </span>
                            })}
                            <span class="influence" title="Influence, 1 to 5"
                                aria-label=format!("Influence {} of 5", p.influence)>
                                {"●".repeat(p.influence.min(5) as usize)}
                                <span class="influence__rest">{"○".repeat(5usize.saturating_sub(p.influence as usize))}</span>
                            </span>
                        </div>
                        {(!p.notes.is_empty()).then(|| view! { <p class="kp__notes">{p.notes.clone()}</p> })}
                        <div class="kp__actions">
                            <button class="button button--quiet button--small"
                                aria-label=format!("Edit {name}")
                                on:click=move |_| editing.set(true)>"Edit"</button>
                            <ConfirmRemove on_remove=remove confirming=confirming/>
                        </div>
                    </div>
                }
            }>
                <KeyPlayerForm partner_id=form_pid.clone() player=form_player.clone()
                    on_done=Callback::new(move |_| editing.set(false))/>
            </Show>
            <span class="visually-hidden">{name.clone()}</span>
        </li>
    }
}

/// The form's fields, each a signal bound to an input.
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    title: RwSignal<String>,
    addressed_as: RwSignal<String>,
    notes: RwSignal<String>,
    influence: RwSignal<String>,
    role: RwSignal<DecisionRole>,
    stance: RwSignal<Stance>,
}

impl Fields {
    fn new(p: &KeyPlayer) -> Self {
        Fields {
            name: RwSignal::new(p.name.clone()),
            title: RwSignal::new(p.title.clone()),
            addressed_as: RwSignal::new(p.addressed_as.clone()),
            notes: RwSignal::new(p.notes.clone()),
            influence: RwSignal::new(p.influence.to_string()),
            role: RwSignal::new(p.role),
            stance: RwSignal::new(p.stance),
        }
    }

    /// The fields by the names their draft keeps them under.
    fn for_draft(&self) -> FormFields {
        FormFields::new()
            .text("name", self.name)
            .text("title", self.title)
            .text("addressed_as", self.addressed_as)
            .text("notes", self.notes)
            .text("influence", self.influence)
            .choice("role", self.role)
            .choice("stance", self.stance)
    }

    /// The key player with this form's values laid over it.
    fn draft(&self, player: &KeyPlayer) -> KeyPlayer {
        KeyPlayer {
            name: self.name.get().trim().to_owned(),
            title: self.title.get().trim().to_owned(),
            addressed_as: self.addressed_as.get().trim().to_owned(),
            notes: self.notes.get(),
            // Anything that is not a small whole number is out of range: the model
            // then names the allowed range.
            influence: self.influence.get().trim().parse().unwrap_or(0),
            role: self.role.get(),
            stance: self.stance.get(),
            ..player.clone()
        }
    }
}

/// The form's state, shared by its handlers and its markup.
#[derive(Clone, Copy)]
struct PlayerForm {
    store: Store,
    partner: StoredValue<Id>,
    /// The key player as it was when the form opened.
    player: StoredValue<KeyPlayer>,
    fields: Fields,
    /// What the model refused in the last save.
    errors: RwSignal<Vec<ValidationError>>,
    kept: Draft,
    on_done: Callback<()>,
}

impl PlayerForm {
    fn new(partner_id: Id, player: KeyPlayer, on_done: Callback<()>) -> Self {
        let fields = Fields::new(&player);
        let record = if player.name.is_empty() {
            "new"
        } else {
            player.id.as_str()
        };
        let kept = use_draft(
            DraftKey::of_record(Form::KeyPlayer, Some(&partner_id), record),
            fields.for_draft(),
        );
        PlayerForm {
            store: use_store(),
            partner: StoredValue::new(partner_id),
            player: StoredValue::new(player),
            fields,
            errors: RwSignal::new(Vec::new()),
            kept,
            on_done,
        }
    }

    fn save(self) {
        let draft = self.player.with_value(|p| self.fields.draft(p));
        match self.store.dispatch(PartnerAction::SaveKeyPlayer {
            partner: self.partner.get_value(),
            player: draft,
        }) {
            Some(Ok(_)) => {
                self.errors.set(Vec::new());
                self.kept.clear();
                self.store.say("Key player saved.");
                self.on_done.run(());
            }
            Some(Err(e)) => self.errors.set(e.problems()),
            None => {}
        }
    }

    fn cancel(self) {
        self.kept.clear();
        self.on_done.run(());
    }
}

#[component]
fn KeyPlayerForm(partner_id: Id, player: KeyPlayer, on_done: Callback<()>) -> impl IntoView {
    let form_label = if player.name.is_empty() {
        "New key player".to_owned()
    } else {
        format!("Edit {}", player.name)
    };
    let prefix = player.id.to_string();
    let form = PlayerForm::new(partner_id, player, on_done);
    let save = on_submit(move || form.save());
    view! {
        <DraftOffer draft=form.kept/>
        <form class="kp-form form" on:submit=save novalidate inert=form.kept.pending()
            aria-label=form_label>
            <PlayerFields form prefix/>
            <p class="field__error" role="alert">{general_error(form.errors)}</p>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save key player"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| form.cancel()>"Cancel"</button>
            </div>
        </form>
    }
}

/// The key player's fields, their ids suffixed with `prefix` (the player's id).
#[component]
fn PlayerFields(form: PlayerForm, prefix: String) -> impl IntoView {
    let PlayerForm { fields, errors, .. } = form;
    let err = move |path: &'static str| field_error(errors, path);
    view! {
        <div class="form__grid">
            <TextField label="Name" name=format!("kp-name-{prefix}") value=fields.name error=err("name")/>
            <TextField label="Title" name=format!("kp-title-{prefix}") value=fields.title error=err("title")/>
            <TextField label="Addressed as (optional)" name=format!("kp-addressed-as-{prefix}") value=fields.addressed_as
                error=err("addressed_as") hint="How a letter greets them; empty: their first name."/>
            <ChoiceField label="Role in the decision" name=format!("kp-role-{prefix}") value=fields.role/>
            <TextField label="Influence (1–5)" name=format!("kp-influence-{prefix}") value=fields.influence
                error=err("influence") input_type="number"/>
            <ChoiceField label="Stance" name=format!("kp-stance-{prefix}") value=fields.stance/>
        </div>
        <TextField label="Notes" name=format!("kp-notes-{prefix}") value=fields.notes error=err("notes") multiline=true/>
    }
}
