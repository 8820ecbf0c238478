//! The pipeline board: a column per lifecycle stage. Partners move by dragging a card,
//! by the card's stage menu, or with the arrow keys on a focused card.
//!
//! A column shows its first [`PAGE`] cards and a "Show more" button for the rest, so the
//! board costs what is on it: at 2,000 partners, laying out every card (and its stage
//! menu) took most of a move's time (bench/RESULTS.md). A card moved into a column is
//! shown there whatever its place, so the keyboard focus can follow it.

use crate::model::actions::{Applied, PartnerAction};
use crate::model::workspace::board::{Board, Card, Column};
use crate::model::{Id, Stage};
use crate::ui::route::Route;
use crate::ui::shortcuts::{self, Place};
use crate::ui::state::use_store;
use leptos::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Cards a column shows at first, and how many more each "Show more" adds.
const PAGE: usize = 25;

/// The drag payload type, distinct from files so a card dropped outside the board is
/// never mistaken for an import.
const DRAG_TYPE: &str = "application/x-tandem-partner";

#[component]
pub fn PipelineScreen() -> impl IntoView {
    let store = use_store();
    let announcement = RwSignal::new(String::new());
    // Cards moved on this visit: shown in their new column even past its first page.
    let revealed = RwSignal::new(HashSet::<Id>::new());
    // Cards and columns kept per partner version: a move makes one card, sorts the two
    // columns it touches, and the other columns stay the same list (`model::…::board`).
    let board = StoredValue::new(Board::default());
    let columns = Memo::new(move |_| {
        store
            .ws
            .with(|ws| board.try_update_value(|b| b.columns(ws)))
            .unwrap_or_default()
    });
    let move_to = Callback::new(move |(id, stage): (Id, Stage)| {
        let name = store
            .ws
            .with_untracked(|ws| ws.partner(&id).map(|p| p.name.clone()));
        let name = name.unwrap_or_default();
        let action = PartnerAction::MoveStage {
            partner: id.clone(),
            name: name.clone(),
            to: stage,
        };
        if matches!(store.dispatch(action), Some(Ok(Applied::Changed))) {
            let message = format!("Moved {name} to {}.", stage.label());
            announcement.set(message);
            if !revealed.with_untracked(|r| r.contains(&id)) {
                revealed.update(|r| {
                    r.insert(id.clone());
                });
            }
            // Keep keyboard focus on the moved card in its new column.
            request_animation_frame(move || focus_card(&id));
        }
    });
    view! {
        <section class="screen screen--wide">
            <div class="screen__head">
                <h1 tabindex="-1">"Pipeline"</h1>
                <p class="muted">"Drag a card to another stage, use its menu, or focus it and press ← or →."</p>
            </div>
            <p class="visually-hidden" aria-live="assertive">{move || announcement.get()}</p>
            <div class="board">
                // Each column reads its own memo and keys its cards, so a move touches
                // one card in each of two columns and nothing else.
                {Stage::ALL.iter().map(|&stage| {
                    let cards = Memo::new(move |_| {
                        columns.with(|c| c.get(stage.rank()).cloned().unwrap_or_default())
                    });
                    view! { <Column stage cards revealed move_to/> }
                }).collect_view()}
            </div>
        </section>
    }
}

#[component]
fn Column(
    stage: Stage,
    cards: Memo<Column>,
    revealed: RwSignal<HashSet<Id>>,
    move_to: Callback<(Id, Stage)>,
) -> impl IntoView {
    let over = RwSignal::new(false);
    let count = move || cards.with(|c| c.len());
    let limit = RwSignal::new(PAGE);
    // The first `limit` cards, and any card moved here on this visit.
    let visible = Memo::new(move |_| {
        let limit = limit.get();
        revealed.with(|r| cards.with(|c| visible_cards(c, limit, r)))
    });
    let hidden = move || count() - visible.with(Vec::len);
    let show_more = move |_| {
        let from = limit.get_untracked();
        // The first card the click brings in takes the focus, as the button may go.
        let first_new = revealed.with_untracked(|r| {
            cards.with_untracked(|c| {
                c.iter()
                    .skip(from)
                    .find(|card| !r.contains(&card.id))
                    .map(|card| card.id.clone())
            })
        });
        limit.set(from.saturating_add(PAGE));
        if let Some(id) = first_new {
            request_animation_frame(move || focus_card(&id));
        }
    };
    view! {
        <section class="column" class:is-over=move || over.get()
            aria-label=move || format!("{} ({})", stage.label(), count())
            data-stage=stage.key()
            on:dragover=move |ev| {
                if has_card(&ev) {
                    ev.prevent_default();
                    over.set(true);
                }
            }
            on:dragleave=move |_| over.set(false)
            on:drop=move |ev| {
                over.set(false);
                let id = ev.data_transfer().and_then(|d| d.get_data(DRAG_TYPE).ok());
                if let Some(id) = id.and_then(|s| Id::parse(&s).ok()) {
                    ev.prevent_default();
                    move_to.run((id, stage));
                }
            }>
            <h2 class="column__title">
                <span class=format!("stage stage--{}", stage.key())>{stage.label()}</span>
                <span class="column__count">{count}</span>
            </h2>
            <ul class="column__cards">
                <For each=move || visible.get() key=|card| card.clone() let:card>
                    <CardView card move_to/>
                </For>
            </ul>
            <Show when=move || { hidden() > 0 }>
                <button type="button" class="button button--quiet column__more" on:click=show_more>
                    {move || format!("Show more ({})", hidden())}
                    <span class="visually-hidden">{format!(" in {}", stage.label())}</span>
                </button>
            </Show>
        </section>
    }
}

/// The first `limit` cards of a column, and any card moved here on this visit.
fn visible_cards(cards: &Column, limit: usize, revealed: &HashSet<Id>) -> Vec<Arc<Card>> {
    // A few cards are moved on a visit: comparing ids with each is cheaper than hashing
    // every id of the column (each move that reveals a card runs this for all eight
    // columns, 2,000 cards at 2,000 partners).
    let moved_here = |id: &Id| {
        if revealed.len() <= 16 {
            revealed.iter().any(|m| m == id)
        } else {
            revealed.contains(id)
        }
    };
    cards
        .iter()
        .enumerate()
        .filter(|(i, card)| *i < limit || (!revealed.is_empty() && moved_here(&card.id)))
        .map(|(_, card)| card.clone())
        .collect()
}

#[component]
fn CardView(card: Arc<Card>, move_to: Callback<(Id, Stage)>) -> impl IntoView {
    let drag_id = card.id.to_string();
    let key_id = card.id.clone();
    let menu_id = card.id.clone();
    let stage = card.stage;
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        // Only the card itself, not its menu or link, takes the arrow keys.
        let on_card = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())
            .is_some_and(|el| el.class_list().contains("card"));
        if !on_card {
            return;
        }
        let Some(command) = shortcuts::command(Place::PipelineCard, &ev) else {
            return;
        };
        let Some(next) = command.stage_from(stage) else {
            return;
        };
        ev.prevent_default();
        // The same move, and so the same `MoveStage` action, as the menu and a drop.
        if let Some(to) = next {
            move_to.run((key_id.clone(), to));
        }
    };
    view! {
        <li class="card" tabindex="0" draggable="true" data-id=card.id.to_string()
            aria-label=format!("{}, {}", card.name, stage.label())
            on:dragstart=move |ev| {
                if let Some(dt) = ev.data_transfer() {
                    let _ = dt.set_data(DRAG_TYPE, &drag_id);
                    dt.set_effect_allowed("move");
                }
            }
            on:keydown=on_key>
            <a class="card__name" href=Route::Partner(card.id.clone()).href()>{card.name.clone()}</a>
            <span class="card__meta">{card.category}{(!card.owner.is_empty()).then(|| format!(" · {}", card.owner))}</span>
            <label class="card__move">
                <span class="visually-hidden">{format!("Stage of {}", card.name)}</span>
                <select on:change=move |ev| {
                    if let Some(to) = Stage::from_key(&event_target_value(&ev)) {
                        move_to.run((menu_id.clone(), to));
                    }
                }>
                    {Stage::ALL.iter().map(|&s| view! {
                        <option value=s.key() selected=s == stage>{s.label()}</option>
                    }).collect_view()}
                </select>
            </label>
        </li>
    }
}

fn has_card(ev: &web_sys::DragEvent) -> bool {
    ev.data_transfer()
        .map(|dt| dt.types().includes(&DRAG_TYPE.into(), 0))
        .unwrap_or(false)
}

fn focus_card(id: &Id) {
    let selector = format!(".card[data-id=\"{id}\"]");
    if let Some(el) = document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}
