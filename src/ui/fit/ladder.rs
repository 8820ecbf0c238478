//! The partnership ladder on a partner's page: four steps with what each needs and
//! whether the partner meets it, "Move to …" buttons that show the move's warnings and
//! ask to confirm, and the history of moves with the warnings they raised.

use crate::model::actions::{Applied, FitAction};
use crate::model::core::format::count;
use crate::model::fit::ladder::{describe, rungs, warnings, Need, Rung};
use crate::model::{Id, LadderLevel, Partner};
use crate::storage;
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn Ladder(id: Id, partner: Memo<Option<Partner>>) -> impl IntoView {
    let store = use_store();
    let today = move || storage::now().date_naive();
    let steps = Memo::new(move |_| {
        partner.with(|p| p.as_ref().map(|p| rungs(p, today())).unwrap_or_default())
    });
    let current = Memo::new(move |_| partner.with(|p| p.as_ref().map(|p| p.ladder)));
    // The level a move was asked for, waiting for confirmation.
    let pending = RwSignal::new(None::<LadderLevel>);
    let confirm = Callback::new(move |to: LadderLevel| {
        let name =
            partner.with_untracked(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
        let result = store.dispatch(FitAction::MoveLadder {
            partner: id.clone(),
            name,
            to,
            record: storage::new_id(),
        });
        pending.set(None);
        match result {
            Some(Ok(Applied::Changed)) => {
                let recorded = partner.with_untracked(|p| {
                    p.as_ref()
                        .and_then(|p| p.ladder_moves.last())
                        .map_or(0, |m| m.warnings.len())
                });
                store.say(match recorded {
                    0 => format!("Moved to {}.", to.label()),
                    1 => format!("Moved to {}; its warning is recorded.", to.label()),
                    n => format!("Moved to {}; its {n} warnings are recorded.", to.label()),
                });
            }
            Some(Ok(_)) => store.say(format!("Already at {}.", to.label())),
            Some(Err(e)) => store.say(format!("Not moved: {e}")),
            None => {}
        }
    });
    let moves = Memo::new(move |_| {
        partner.with(|p| {
            p.as_ref()
                .map(|p| p.ladder_moves.iter().rev().cloned().collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    view! {
        <section class="card fit-ladder" aria-labelledby="ladder-heading">
            <div class="card__head">
                <h2 id="ladder-heading">"Partnership ladder"</h2>
                <span class="muted">{move || current.get().map(|l| format!("Now: {}", l.label()))}</span>
            </div>
            <p class="muted fit-ladder__intro">
                "Start on the public platform and climb one step at a time; exclusivity is earned with leverage. A move is always possible, but one the assessment does not support is recorded with its warnings."
            </p>
            <ol class="ladder">
                <For each=move || steps.get() key=|r| (r.level, r.current, r.ready, r.needs.iter().map(|n| n.met).collect::<Vec<_>>()) let:rung>
                    <Step rung=rung partner=partner pending=pending confirm=confirm/>
                </For>
            </ol>
            <h3>"Moves"</h3>
            <Show when=move || !moves.with(Vec::is_empty)
                fallback=|| view! { <p class="empty">"No moves recorded yet."</p> }>
                <ol class="ladder-moves" aria-label="Ladder moves, newest first">
                    <For each=move || moves.get() key=|m| m.id.clone() let:m>
                        <li class="ladder-move" class:ladder-move--warned=!m.warnings.is_empty()>
                            <span class="ladder-move__what">{describe(&m)}</span>
                            {(!m.warnings.is_empty()).then(|| view! {
                                <ul class="ladder-move__warnings" aria-label="Warnings recorded with this move">
                                    {m.warnings.iter().map(|w| view! { <li>{w.clone()}</li> }).collect_view()}
                                </ul>
                            })}
                        </li>
                    </For>
                </ol>
            </Show>
        </section>
    }
}

#[component]
fn Step(
    rung: Rung,
    partner: Memo<Option<Partner>>,
    pending: RwSignal<Option<LadderLevel>>,
    confirm: Callback<LadderLevel>,
) -> impl IntoView {
    let level = rung.level;
    let state = match (rung.current, rung.ready) {
        (true, _) => "current",
        (_, Some(true)) => "ready",
        (_, Some(false)) => "not-ready",
        (_, None) => "unknown",
    };
    let readiness = rung.readiness();
    let up = move || partner.with(|p| p.as_ref().is_some_and(|p| level.rank() > p.ladder.rank()));
    let shown = Memo::new(move |_| {
        partner.with(|p| p.as_ref().map(|p| warnings(p, level)).unwrap_or_default())
    });
    let asking = move || pending.get() == Some(level);
    let heading_id = format!("ladder-step-{}", level.key());
    let labelled_by = heading_id.clone();
    view! {
        <li class=format!("ladder__step ladder__step--{state}") aria-labelledby=labelled_by
            aria-current=rung.current.then_some("step")>
            <div class="ladder__head">
                <h3 id=heading_id>{level.label()}</h3>
                {rung.current.then(|| view! { <span class="pill ladder__here">"Current level"</span> })}
            </div>
            <p class="ladder__about">{rung.about}</p>
            {if rung.needs.is_empty() {
                view! { <p class="ladder__needs-none">"Needs nothing beyond our public terms."</p> }.into_any()
            } else {
                view! {
                    <ul class="ladder__needs" aria-label=format!("What {} needs", level.label())>
                        {rung.needs.iter().map(need).collect_view()}
                    </ul>
                    <p class="ladder__ready">{readiness}</p>
                }.into_any()
            }}
            {(!rung.current).then(|| view! {
                <Show when=move || asking() fallback=move || view! {
                    <button type="button" class="button button--small ladder__move"
                        on:click=move |_| pending.set(Some(level))>
                        {move || if up() { "Move up to " } else { "Move down to " }}{level.label()}
                    </button>
                }>
                    <div class="confirm-box ladder__confirm" role="group"
                        aria-label=format!("Confirm the move to {}", level.label())>
                        {move || shown.with(|w| if w.is_empty() {
                            view! { <p>"This move raises no warning."</p> }.into_any()
                        } else {
                            view! {
                                <p><strong>{format!("{} will be recorded with this move:", count(w.len(), "warning"))}</strong></p>
                                <ul class="ladder__warnings" role="alert">
                                    {w.iter().map(|x| view! { <li>{x.clone()}</li> }).collect_view()}
                                </ul>
                            }.into_any()
                        })}
                        <div class="form__actions">
                            <button type="button"
                                class=move || if shown.with(Vec::is_empty) { "button button--primary" } else { "button button--danger" }
                                on:click=move |_| confirm.run(level)>
                                {format!("Confirm move to {}", level.label())}
                            </button>
                            <button type="button" class="button button--quiet"
                                on:click=move |_| pending.set(None)>"Cancel"</button>
                        </div>
                    </div>
                </Show>
            })}
        </li>
    }
}

fn need(n: &Need) -> impl IntoView {
    let (mark, class, status) = match n.met {
        Some(true) => ("✓", "need--met", "met"),
        Some(false) => ("✗", "need--unmet", "not met"),
        None => ("?", "need--unknown", "not assessed"),
    };
    view! {
        <li class=format!("need {class}")>
            <span class="need__mark" aria-hidden="true">{mark}</span>
            {n.text}
            <span class="visually-hidden">{format!(" ({status})")}</span>
        </li>
    }
}
