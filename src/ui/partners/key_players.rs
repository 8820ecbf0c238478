//! A partner's key players: who matters in the decision, how much, and where they stand.

use crate::model::actions::PartnerAction;
use crate::model::meetings;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, KeyPlayer, Stance, ValidationError};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, DraftOffer, FormFields};
use crate::ui::fields::{field_error, general_error, ChoiceField, TextField};
use crate::ui::state::use_store;
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

#[component]
fn KeyPlayerForm(partner_id: Id, player: KeyPlayer, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let is_new = player.name.is_empty();
    let form_label = if is_new {
        "New key player".to_owned()
    } else {
        format!("Edit {}", player.name)
    };
    let name = RwSignal::new(player.name.clone());
    let title = RwSignal::new(player.title.clone());
    let addressed_as = RwSignal::new(player.addressed_as.clone());
    let notes = RwSignal::new(player.notes.clone());
    let influence = RwSignal::new(player.influence.to_string());
    let role = RwSignal::new(player.role);
    let stance = RwSignal::new(player.stance);
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let prefix = player.id.to_string();
    let record = if is_new { "new" } else { player.id.as_str() };
    let kept = use_draft(
        DraftKey::of_record(Form::KeyPlayer, Some(&partner_id), record),
        FormFields::new()
            .text("name", name)
            .text("title", title)
            .text("addressed_as", addressed_as)
            .text("notes", notes)
            .text("influence", influence)
            .choice("role", role)
            .choice("stance", stance),
    );
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = KeyPlayer {
            name: name.get().trim().to_owned(),
            title: title.get().trim().to_owned(),
            addressed_as: addressed_as.get().trim().to_owned(),
            notes: notes.get(),
            // Anything that is not a small whole number is out of range: the model
            // then names the allowed range.
            influence: influence.get().trim().parse().unwrap_or(0),
            role: role.get(),
            stance: stance.get(),
            ..player.clone()
        };
        match store.dispatch(PartnerAction::SaveKeyPlayer {
            partner: partner_id.clone(),
            player: draft,
        }) {
            Some(Ok(_)) => {
                errors.set(Vec::new());
                kept.clear();
                store.say("Key player saved.");
                on_done.run(());
            }
            Some(Err(e)) => errors.set(e.problems()),
            None => {}
        }
    };
    let err = move |path: &'static str| field_error(errors, path);
    let general = general_error(errors);
    view! {
        <DraftOffer draft=kept/>
        <form class="kp-form form" on:submit=save novalidate inert=kept.pending()
            aria-label=form_label>
            <div class="form__grid">
                <TextField label="Name" name=format!("kp-name-{prefix}") value=name error=err("name")/>
                <TextField label="Title" name=format!("kp-title-{prefix}") value=title error=err("title")/>
                <TextField label="Addressed as (optional)" name=format!("kp-addressed-as-{prefix}") value=addressed_as
                    error=err("addressed_as") hint="How a letter greets them; empty: their first name."/>
                <ChoiceField label="Role in the decision" name=format!("kp-role-{prefix}") value=role/>
                <TextField label="Influence (1–5)" name=format!("kp-influence-{prefix}") value=influence
                    error=err("influence") input_type="number"/>
                <ChoiceField label="Stance" name=format!("kp-stance-{prefix}") value=stance/>
            </div>
            <TextField label="Notes" name=format!("kp-notes-{prefix}") value=notes error=err("notes") multiline=true/>
            <p class="field__error" role="alert">{general}</p>
            <div class="form__actions">
                <button type="submit" class="button button--primary">"Save key player"</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}
