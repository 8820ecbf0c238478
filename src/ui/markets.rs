//! "Add market…" where a person needs a market: a partner's profile, its landing plan
//! and its metrics. The market joins the catalogue and the partner's markets as one
//! undoable edit (`Workspace::add_partner_market`), under the Data screen's rules: a
//! name the catalogue already holds, case, accents and spacing aside, is refused
//! naming the market that has it.
//!
//! The control is a button that opens one field in place, not a form of its own: it
//! sits inside other forms (the profile, a new landing track), where a nested form
//! would be invalid HTML, so Enter in the field adds the market without submitting the
//! form around it.

use crate::model::actions::ProgramAction;
use crate::model::{Id, Market};
use crate::storage;
use crate::ui::fields::FieldError;
use crate::ui::state::{use_store, Store};
use leptos::html::{Button, Input};
use leptos::prelude::*;

/// The control's state, shared by its handlers and its parts.
#[derive(Clone, Copy)]
struct NewMarket {
    store: Store,
    /// The partner the market is added to.
    partner: StoredValue<Id>,
    on_added: Option<Callback<Id>>,
    open: RwSignal<bool>,
    /// The name as typed.
    value: RwSignal<String>,
    /// Why the last name was refused.
    error: RwSignal<Option<String>>,
    input: NodeRef<Input>,
    opener: NodeRef<Button>,
}

impl NewMarket {
    fn new(partner: Id, on_added: Option<Callback<Id>>) -> Self {
        let market = NewMarket {
            store: use_store(),
            partner: StoredValue::new(partner),
            on_added,
            open: RwSignal::new(false),
            value: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            input: NodeRef::new(),
            opener: NodeRef::new(),
        };
        market.focus_follows();
        market
    }

    /// Focus follows the control: into the field when it opens, back to the button
    /// when it closes, so a keyboard user never loses their place.
    fn focus_follows(self) {
        Effect::new(move |was: Option<bool>| {
            let now_open = self.open.get();
            if was.is_some_and(|w| w != now_open) {
                // After the frame that shows the field or the button again; by then
                // the page may have gone (a quick move to another screen), and its
                // elements with it: `try_`, so a late frame finds nothing, not a panic.
                request_animation_frame(move || {
                    let el = if now_open {
                        self.input.try_get_untracked().flatten().map(|e| e.into())
                    } else {
                        self.opener.try_get_untracked().flatten().map(|e| e.into())
                    };
                    if let Some(el) = el {
                        let el: web_sys::HtmlElement = el;
                        let _ = el.focus();
                    }
                });
            }
            now_open
        });
    }

    fn close(self) {
        self.value.set(String::new());
        self.error.set(None);
        self.open.set(false);
    }

    /// Adds the market as typed to the catalogue and the partner, then closes.
    fn add(self) {
        let typed = self.value.get_untracked();
        let market = Market::new(storage::new_id(), typed.trim(), storage::now());
        let id = market.id.clone();
        let added = self.store.dispatch(ProgramAction::AddPartnerMarket {
            partner: self.partner.get_value(),
            market,
        });
        match added {
            Some(Ok(_)) => {
                self.store.say(format!(
                    "Added {} to the markets. Undo takes it back out.",
                    typed.trim()
                ));
                self.close();
                if let Some(cb) = self.on_added {
                    cb.run(id);
                }
            }
            Some(Err(e)) => self
                .error
                .set(Some(format!("The market name {}.", e.message()))),
            None => {}
        }
    }

    fn key(self, ev: web_sys::KeyboardEvent) {
        match ev.key().as_str() {
            // Not the form around it: this field only adds the market.
            "Enter" => {
                ev.prevent_default();
                self.add();
            }
            // Inside a dialog, Escape closes the field, not the dialog.
            "Escape" => {
                ev.prevent_default();
                ev.stop_propagation();
                self.close();
            }
            _ => {}
        }
    }
}

/// The button, and once pressed the field that names the new market.
#[component]
pub fn AddMarket(
    /// The partner the market is added to.
    partner: Id,
    /// Unique on the page: the field's id suffix (`add-market-<name>`).
    name: &'static str,
    /// Called with the new market's id once it is added (to select it in a form).
    #[prop(optional)]
    on_added: Option<Callback<Id>>,
) -> impl IntoView {
    let market = NewMarket::new(partner, on_added);
    let open = market.open;
    view! {
        <div class="add-market">
            <Show when=move || open.get() fallback=move || view! {
                <button type="button" class="button button--quiet button--small add-market__open"
                    node_ref=market.opener on:click=move |_| open.set(true)>"Add market…"</button>
            }>
                <MarketField market name/>
            </Show>
        </div>
    }
}

/// The field that names the new market, its buttons and its error.
#[component]
fn MarketField(market: NewMarket, name: &'static str) -> impl IntoView {
    let NewMarket { value, error, .. } = market;
    let input_id = format!("add-market-{name}");
    let error_id = format!("add-market-{name}-error");
    view! {
        <div class="add-market__row" role="group" aria-label="Add a market">
            <label for=input_id.clone()>"New market"</label>
            <input id=input_id node_ref=market.input placeholder="e.g. Brazil" autocomplete="off"
                aria-describedby=error_id.clone()
                aria-invalid=move || error.get().is_some().then_some("true")
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:keydown=move |ev: web_sys::KeyboardEvent| market.key(ev)/>
            <button type="button" class="button button--small" on:click=move |_| market.add()>"Add"</button>
            <button type="button" class="button button--quiet button--small" on:click=move |_| market.close()>"Cancel"</button>
        </div>
        <FieldError id=error_id message=error/>
    }
}
