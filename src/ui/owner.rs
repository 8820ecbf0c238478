//! The owner picker shared by the meeting's next steps and the commitments: the
//! partner's key players, someone else on their side, or a person on ours (typed), as
//! two draft-friendly text signals read by `model::Owner::from_form`.

use crate::model::core::input::InputError;
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
    pub fn read(&self) -> Result<Option<Owner>, InputError> {
        Owner::from_form(&self.choice.get_untracked(), &self.name.get_untracked())
    }
}

/// Which sides an owner may be on: `side` leaves out the other side's choices.
#[derive(Clone, Copy)]
struct Sides(Signal<Option<Side>>);

impl Sides {
    fn theirs(self) -> bool {
        self.0.get() != Some(Side::Us)
    }

    fn ours(self) -> bool {
        self.0.get() != Some(Side::Partner)
    }

    /// Whether the choice (`""`, `"ours"`, `"theirs"` or `"player:<id>"`) is allowed.
    fn allow(self, choice: &str) -> bool {
        match choice {
            "" => true,
            "ours" => self.ours(),
            _ => self.theirs(),
        }
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
    let sides = Sides(side);
    let choice = input.choice;
    // A choice the side no longer allows (the commitment moved to the other side)
    // falls back to no owner rather than staying hidden in the select.
    Effect::new(move |_| {
        if !sides.allow(&choice.get()) {
            choice.set(String::new());
        }
    });
    let typed = move || matches!(choice.get().as_str(), "ours" | "theirs");
    let select_id = format!("f-{name}");
    let error_id = format!("e-{name}");
    view! {
        <div class="field owner-field">
            <label for=select_id.clone()>{move || label.get()}</label>
            <OwnerSelect partner=partner.clone() id=select_id described=error_id.clone()
                choice sides error/>
            <Show when=typed>
                <TypedName partner=partner.clone() name=name.clone() input error/>
            </Show>
            <FieldError id=error_id message=error/>
        </div>
    }
}

/// The owner select: no owner, the partner's key players or someone else of theirs,
/// someone of ours; the groups a side does not allow are hidden.
#[component]
fn OwnerSelect(
    partner: Id,
    id: String,
    described: String,
    choice: RwSignal<String>,
    sides: Sides,
    error: Signal<Option<String>>,
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
    let player_options = players
        .into_iter()
        .map(|(id, who)| {
            let key = format!("player:{id}");
            let selected = key.clone();
            view! { <option value=key selected=move || choice.with(|c| *c == selected)>{who}</option> }
        })
        .collect_view();
    let is = move |value: &'static str| move || choice.with(|c| c == value);
    view! {
        <select id=id aria-describedby=described
            aria-invalid=move || error.get().is_some().then_some("true")
            prop:value=move || choice.get()
            on:change=move |ev| choice.set(event_target_value(&ev))>
            <option value="" selected=is("")>"No owner"</option>
            <optgroup label="Their side" hidden=move || !sides.theirs()>
                {player_options}
                <option value="theirs" selected=is("theirs")>"Someone else of theirs…"</option>
            </optgroup>
            <optgroup label="Our side" hidden=move || !sides.ours()>
                <option value="ours" selected=is("ours")>"Someone of ours…"</option>
            </optgroup>
        </select>
    }
}

/// The name of an owner who is not a key player: "Our person's name" or "Name at
/// <partner>".
#[component]
fn TypedName(
    partner: Id,
    name: String,
    input: OwnerInput,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let store = use_store();
    let partner_name = store.ws.with_untracked(|ws| {
        ws.partner(&partner)
            .map(|p| p.name.clone())
            .unwrap_or_default()
    });
    let OwnerInput {
        choice,
        name: person,
    } = input;
    let label = move || {
        if choice.with(|c| c == "ours") {
            "Our person's name".to_owned()
        } else {
            format!("Name at {partner_name}")
        }
    };
    let id = format!("f-{name}-name");
    view! {
        <label class="owner-field__name-label" for=id.clone()>{label}</label>
        <input id=id type="text" class="owner-field__name"
            aria-describedby=format!("e-{name}")
            aria-invalid=move || error.get().is_some().then_some("true")
            prop:value=move || person.get()
            on:input=move |ev| person.set(event_target_value(&ev))/>
    }
}
