//! The owner picker shared by the meeting's next steps and the commitments: the
//! partner's key players, someone else on their side, or a person on ours (typed), as
//! two draft-friendly text signals read by `model::Owner::from_form`.

use crate::model::{Id, Owner, Side};
use crate::ui::fields::FieldError;
use crate::ui::state::use_store;
use leptos::prelude::*;

/// The two signals of an owner being edited: the choice and a typed name.
#[derive(Clone, Copy)]
pub struct OwnerInput {
    pub choice: RwSignal<String>,
    pub name: RwSignal<String>,
}

impl OwnerInput {
    pub fn new(owner: Option<&Owner>) -> Self {
        let (choice, name) = Owner::to_form(owner);
        OwnerInput {
            choice: RwSignal::new(choice),
            name: RwSignal::new(name),
        }
    }

    /// The owner as typed, or why it cannot be read.
    pub fn read(&self) -> Result<Option<Owner>, String> {
        Owner::from_form(&self.choice.get_untracked(), &self.name.get_untracked())
            .map_err(|e| e.to_string())
    }
}

/// A labelled owner select, with a name field once "someone else" or "someone of
/// ours" is chosen. `side` leaves out the other side's choices (a commitment's owner
/// is on its side); `None` offers both (a next step).
#[component]
pub fn OwnerField(
    partner: Id,
    /// The select's label ("Owner", "Owner of next step 2").
    #[prop(into)]
    label: Signal<String>,
    /// Form-unique name; also the inputs' id suffix.
    name: String,
    input: OwnerInput,
    #[prop(into)] side: Signal<Option<Side>>,
    #[prop(into)] error: Signal<Option<String>>,
) -> impl IntoView {
    let store = use_store();
    let players: Vec<(Id, String)> = store.ws.with_untracked(|ws| {
        ws.partner(&partner)
            .map(|p| {
                p.key_players
                    .iter()
                    .map(|k| (k.id.clone(), k.name.clone()))
                    .collect()
            })
            .unwrap_or_default()
    });
    let partner_name = store.ws.with_untracked(|ws| {
        ws.partner(&partner)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    });
    let select_id = format!("f-{name}");
    let name_id = format!("f-{name}-name");
    let error_id = format!("e-{name}");
    let OwnerInput {
        choice,
        name: person,
    } = input;
    let theirs_ok = move || side.get() != Some(Side::Us);
    let ours_ok = move || side.get() != Some(Side::Partner);
    // A choice the side no longer allows (the commitment moved to the other side)
    // falls back to no owner rather than staying hidden in the select.
    Effect::new(move |_| {
        let c = choice.get();
        let allowed = match c.as_str() {
            "" => true,
            "ours" => ours_ok(),
            _ => theirs_ok(),
        };
        if !allowed {
            choice.set(String::new());
        }
    });
    let player_options = players
        .into_iter()
        .map(|(id, who)| {
            let key = format!("player:{id}");
            let selected = key.clone();
            view! { <option value=key selected=move || choice.with(|c| *c == selected)>{who}</option> }
        })
        .collect_view();
    let typed = move || matches!(choice.get().as_str(), "ours" | "theirs");
    let invalid = move || error.get().is_some().then_some("true");
    let partner_name = StoredValue::new(partner_name);
    let name_label = move || {
        if choice.with(|c| c == "ours") {
            "Our person's name".to_owned()
        } else {
            format!("Name at {}", partner_name.get_value())
        }
    };
    let described = error_id.clone();
    let name_id = StoredValue::new(name_id);
    let name_described = StoredValue::new(error_id.clone());
    view! {
        <div class="field owner-field">
            <label for=select_id.clone()>{move || label.get()}</label>
            <select id=select_id aria-describedby=described aria-invalid=invalid
                prop:value=move || choice.get()
                on:change=move |ev| choice.set(event_target_value(&ev))>
                <option value="" selected=move || choice.with(String::is_empty)>"No owner"</option>
                <optgroup label="Their side" hidden=move || !theirs_ok()>
                    {player_options}
                    <option value="theirs" selected=move || choice.with(|c| c == "theirs")>"Someone else of theirs…"</option>
                </optgroup>
                <optgroup label="Our side" hidden=move || !ours_ok()>
                    <option value="ours" selected=move || choice.with(|c| c == "ours")>"Someone of ours…"</option>
                </optgroup>
            </select>
            <Show when=typed>
                <label class="owner-field__name-label" for=name_id.get_value()>{name_label}</label>
                <input id=name_id.get_value() type="text" class="owner-field__name"
                    aria-describedby=name_described.get_value() aria-invalid=invalid
                    prop:value=move || person.get()
                    on:input=move |ev| person.set(event_target_value(&ev))/>
            </Show>
            <FieldError id=error_id message=error/>
        </div>
    }
}
