//! Messages about the app's own state: how it started (demo, unreadable storage, no
//! storage), a failed save, and the toast with its undo.

use super::state::{use_store, Startup};
use crate::model::actions::PartnerAction;
use crate::model::core::format::count;
use crate::model::{demo, Workspace};
use crate::storage;
use leptos::prelude::*;

#[component]
pub fn Banners() -> impl IntoView {
    let store = use_store();
    let startup = move || {
        match store.startup.get() {
        Startup::Normal => ().into_any(),
        Startup::Demo => view! {
            <div class="banner banner--info" role="status">
                <p>
                    <strong>"Welcome to Tandem."</strong>
                    " This is a demo workspace: a fictional music-streaming company's partner program. "
                    "Explore it, change anything, or start with an empty workspace."
                </p>
                <div class="banner__actions">
                    <button class="button" on:click=move |_| store.startup.set(Startup::Normal)>
                        "Keep the demo"
                    </button>
                    <button class="button button--quiet" on:click=move |_| {
                        store.reset(Workspace::empty(), "Start empty");
                        store.startup.set(Startup::Normal);
                    }>"Start empty"</button>
                </div>
            </div>
        }
        .into_any(),
        // Its code (the repair among it) comes on demand: only a damaged store needs it.
        Startup::Unreadable { raw, error } => crate::ui::lazy::on_demand(move || {
            crate::ui::lazy::unreadable_banner(raw.clone(), error.clone())
        }),
        Startup::Unavailable(message) => view! {
            <div class="banner banner--warn" role="alert"><p>{message.to_string()}</p></div>
        }
        .into_any(),
    }
    };
    let save_error = move || {
        store.save_error.get().map(|message| {
            view! {
                <div class="banner banner--error" role="alert">
                    <p><strong>"Not saved. "</strong>{message.to_string()}</p>
                    <div class="banner__actions">
                        <a class="button" href="#/data">"Go to export"</a>
                    </div>
                </div>
            }
        })
    };
    view! { {startup} <DamagedEntries/> {save_error} }
}

/// The banner for a stored workspace that could not be read (`lazy::unreadable_banner`
/// fetches it): the error, the repair if one is possible, the download, starting afresh.
pub fn unreadable(raw: String, error: String) -> AnyView {
    let store = use_store();
    let raw_for_download = raw.clone();
    let repair = repair_offer(&raw);
    view! {
        <div class="banner banner--error" role="alert">
            <p>
                <strong>"Your saved workspace could not be read."</strong>
                " " {error}
            </p>
            <p>
                "It is kept exactly as it was and nothing will be saved over it until you "
                "choose below. Download it to repair it or to send it to someone who can."
            </p>
            {repair}
            <div class="banner__actions">
                <button class="button" on:click=move |_| download_unreadable(&raw_for_download)>
                    "Download the saved value"
                </button>
                <button class="button button--quiet" on:click=move |_| {
                    store.reset(demo::workspace(storage::now()), "Start with the demo");
                }>"Start with the demo"</button>
                <button class="button button--quiet" on:click=move |_| {
                    store.reset(Workspace::empty(), "Start empty");
                }>"Start empty"</button>
            </div>
            <p class="banner__hint">
                {format!("{} characters are stored. ", raw.chars().count())}
                "Starting afresh keeps a copy of them, downloadable from the Data screen."
            </p>
        </div>
    }
    .into_any()
}

/// Partner entries in storage that could not be read at start: named, each kept as it
/// is and downloadable; the person may let one go once they have it.
#[component]
fn DamagedEntries() -> impl IntoView {
    let store = use_store();
    move || {
        let list = store.damaged.get();
        let n = list.len();
        (n > 0).then(|| {
            let items = list
                .into_iter()
                .map(|d| {
                    let mut name = d.name.chars();
                    let first = name.next().map(|c| c.to_uppercase().to_string());
                    let name = format!("{}{}", first.unwrap_or_default(), name.as_str());
                    let key = d.key.clone();
                    let text = d.text.clone();
                    let file = format!(
                        "tandem-damaged-{}-{}.json",
                        crate::model::formats::store::key_id(&d.key).unwrap_or("entry"),
                        storage::now().date_naive()
                    );
                    view! {
                        <li>
                            <strong>{name}</strong>": "{d.error.clone()}
                            <div class="banner__actions">
                                {(!text.is_empty()).then(|| view! {
                                    <button class="button" on:click=move |_| {
                                        if let Err(e) = storage::files::download(&file, &text, "application/json") {
                                            store.say(e);
                                        }
                                    }>"Download it"</button>
                                })}
                                <button class="button button--quiet" on:click=move |_| {
                                    storage::local::forget_damaged(&key);
                                    store.damaged.update(|l| l.retain(|x| x.key != key));
                                    store.save();
                                }>"Remove it from storage"</button>
                            </div>
                        </li>
                    }
                })
                .collect::<Vec<_>>();
            view! {
                <div class="banner banner--error" role="alert">
                    <p>
                        <strong>{if n == 1 {
                            "A stored partner could not be read.".to_string()
                        } else {
                            format!("{n} stored partners could not be read.")
                        }}</strong>
                        " The other partners loaded. What could not be read is kept in storage "
                        "exactly as it was and nothing is saved over it: download it to repair it "
                        "or to send it to someone who can."
                    </p>
                    <ul class="banner__list">{items}</ul>
                </div>
            }
        })
    }
}

/// The repair the model finds for a stored value refused by today's checks: each field
/// it would change, named, and a button that opens the repaired workspace (the value as
/// it was is set aside by `Store::replace`, still downloadable). Or why there is none,
/// when the value reads as a workspace but breaks rules no field change mends.
fn repair_offer(raw: &str) -> AnyView {
    use crate::model::formats::repair::{self, Unrepairable};
    let store = use_store();
    match repair::repair(raw, storage::now()) {
        Ok(repaired) => {
            let n = repaired.fixes.len();
            let fixes: Vec<String> = repaired.fixes.iter().map(ToString::to_string).collect();
            let workspace = repaired.workspace;
            view! {
                <div class="banner__repair">
                    <p>
                        <strong>{format!("It can be opened by changing {}, and nothing else:", count(n, "field"))}</strong>
                    </p>
                    <ul class="banner__fixes">
                        {fixes.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}
                    </ul>
                    <div class="banner__actions">
                        <button class="button button--primary" on:click=move |_| {
                            store.replace(workspace.clone(), "Repair the saved workspace");
                            store.say(format!(
                                "Repaired: {} changed. The value as it was stays downloadable from the Data screen.",
                                count(n, "field")
                            ));
                        }>{if n == 1 { "Repair this field and open it".to_owned() } else { format!("Repair these {n} fields and open it") }}</button>
                    </div>
                </div>
            }
            .into_any()
        }
        Err(Unrepairable::NothingToRepair | Unrepairable::Unreadable(_)) => ().into_any(),
        Err(e) => view! { <p class="banner__hint">{e.to_string()}</p> }.into_any(),
    }
}

pub fn download_unreadable(raw: &str) {
    let store = use_store();
    let name = format!("tandem-unreadable-{}.json", storage::now().date_naive());
    if let Err(e) = storage::files::download(&name, raw, "application/json") {
        store.say(e);
    }
}

/// The height a toast takes at the bottom of the screen, with its margin, when it is
/// not measured yet (one line at 1280 px, two at 375 px).
const TOAST_ROOM_PX: f64 = 96.0;

/// Whether the focused field reaches into the strip at the bottom of the screen where
/// the toast would sit; `None` while the focus is on the toast itself (stay put).
fn focused_in_toast_corner() -> Option<bool> {
    let Some(window) = web_sys::window() else {
        return Some(false);
    };
    let Some(doc) = window.document() else {
        return Some(false);
    };
    let Some(focused) = doc.active_element() else {
        return Some(false);
    };
    if doc.body().is_some_and(|b| *b == focused) {
        return Some(false);
    }
    let region = doc.get_element_by_id("toast-region");
    // Focus on the toast's own Undo must not move it: the press that focused the button
    // would end over empty space and the click would be lost.
    if region.as_ref().is_some_and(|r| r.contains(Some(&focused))) {
        return None;
    }
    let height = window
        .inner_height()
        .ok()
        .and_then(|h| h.as_f64())
        .unwrap_or(0.0);
    let toast = region
        .map(|t| t.get_bounding_client_rect().height())
        .unwrap_or(0.0);
    let room = (toast + 32.0).max(TOAST_ROOM_PX);
    let r = focused.get_bounding_client_rect();
    Some(r.bottom() > height - room && r.top() < height)
}

/// How long a toast stays; long enough to reach its Undo button by keyboard.
const TOAST_MS: u64 = 10_000;

#[component]
pub fn ToastView() -> impl IntoView {
    let store = use_store();
    // Each new toast clears itself after a while, unless a newer one replaced it.
    Effect::new(move |_| {
        if let Some(shown) = store.toast.get() {
            set_timeout(
                move || {
                    if store.toast.with_untracked(|t| t.as_ref() == Some(&shown)) {
                        store.toast.set(None);
                    }
                },
                std::time::Duration::from_millis(TOAST_MS),
            );
        }
    });
    // The toast sits in the bottom corner, away from the forms; when the field being
    // edited reaches into that corner, the toast moves to the top of the screen, so it
    // never covers what a person is typing in (at any width).
    let at_top = RwSignal::new(false);
    let place = move || {
        if store.toast.with_untracked(Option::is_none) {
            return;
        }
        if let Some(top) = focused_in_toast_corner() {
            at_top.set(top);
        }
    };
    Effect::new(move |_| {
        if store.toast.with(Option::is_some) {
            place();
        }
    });
    let focus = window_event_listener(leptos::ev::focusin, move |_| place());
    let scroll = window_event_listener(leptos::ev::scroll, move |_| place());
    let resize = window_event_listener(leptos::ev::resize, move |_| place());
    on_cleanup(move || {
        focus.remove();
        scroll.remove();
        resize.remove();
    });
    view! {
        <div class="toast-region" id="toast-region" aria-live="polite" class:toast-region--top=move || at_top.get()>
            {move || store.toast.get().map(|toast| {
                let undo = toast.undo.clone().map(|removed| {
                    view! {
                        <button class="button button--small" on:click=move |_| {
                            let name = removed.partner.name.clone();
                            store.dispatch(PartnerAction::Restore(removed.clone()));
                            store.say(format!("Restored {name}."));
                        }>"Undo"</button>
                    }
                });
                view! {
                    <div class="toast" role="status">
                        <span>{toast.message}</span>
                        {undo}
                        <button class="button button--quiet button--small" aria-label="Dismiss"
                            on:click=move |_| store.toast.set(None)>"×"</button>
                    </div>
                }
            })}
        </div>
    }
}
