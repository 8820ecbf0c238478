//! The shell: loads the workspace, provides the store, saves after every change, and
//! lays out the navigation, banners, the current screen, the toast and file drops.

use crate::model::formats::store::Damaged;
use crate::model::Workspace;
use crate::storage::error::LocalError;
use crate::storage::{self, local::Loaded};
use crate::ui::banners::{Banners, ToastView};
use crate::ui::lazy;
use crate::ui::partners::{list::PartnersScreen, section::SectionScreen};
use crate::ui::route::{self, Route};
use crate::ui::shortcuts::{self, Command, Place, ShortcutsHelp};
use crate::ui::state::{Startup, Store};
use leptos::prelude::*;

/// What the start found: a workspace to open, or the need for the demo.
enum Start {
    Open(Box<Workspace>, Startup, Vec<Damaged>, Option<LocalError>),
    /// A first launch (nothing stored) or no storage at all: the demo opens, fetched on
    /// demand (`lazy::demo_workspace`), since a returning visitor never needs its code
    /// and text.
    Demo(Startup),
    /// The old single key is stored: it is migrated by code fetched on demand
    /// (`lazy::migrated_workspace`), since migrating writes and most starts only read.
    Migrate,
}

fn start(loaded: Loaded) -> Start {
    match loaded {
        Loaded::Workspace {
            workspace,
            damaged,
            migration,
        } => Start::Open(Box::new(workspace), Startup::Normal, damaged, migration),
        Loaded::Nothing => Start::Demo(Startup::Demo),
        Loaded::Unreadable { raw, error } => Start::Open(
            Box::new(Workspace::empty()),
            Startup::Unreadable { raw, error },
            Vec::new(),
            None,
        ),
        Loaded::Unavailable(message) => Start::Demo(Startup::Unavailable(message)),
        Loaded::Legacy => Start::Migrate,
    }
}

#[component]
pub fn App() -> impl IntoView {
    open(start(storage::local::load()))
}

fn open(begin: Start) -> AnyView {
    match begin {
        Start::Open(ws, startup, damaged, migration) => {
            shell(*ws, startup, damaged, migration).into_any()
        }
        Start::Migrate => lazy::on_demand_with(migrating, || async {
            let loaded = lazy::migrated_workspace().await?;
            // `migrate` never asks for another migration: `open` ends here.
            Ok(untrack(move || open(start(loaded))))
        }),
        Start::Demo(startup) => lazy::on_demand_with(opening_demo, move || {
            let startup = startup.clone();
            async move {
                let ws = lazy::demo_and_save_code().await?;
                // Built once: what the shell reads as it is built must not rebuild it.
                Ok(untrack(move || {
                    shell(ws, startup, Vec::new(), None).into_any()
                }))
            }
        }),
    }
}

/// The start's loading state while the demo arrives: as index.html's placeholder (the
/// app's name where its header will be, the line after a moment), not a bare line on an
/// empty page.
fn opening_demo() -> AnyView {
    starting("Opening the demo workspace…")
}

/// The same while the old single key's migration arrives.
fn migrating() -> AnyView {
    starting("Moving your workspace to the new storage layout…")
}

fn starting(words: &'static str) -> AnyView {
    view! {
        <div class="boot">
            <div class="app-header boot__header">
                <div class="brand">
                    <span class="brand__mark" aria-hidden="true">"⟳"</span>
                    <span class="brand__name">"Tandem"</span>
                </div>
            </div>
            <p class="boot__status" role="status">
                <span class="boot__spinner" aria-hidden="true"></span>
                {words}
            </p>
        </div>
    }
    .into_any()
}

/// The app around the workspace `ws` once it is there (read from storage, or the demo).
fn shell(
    ws: Workspace,
    startup: Startup,
    damaged: Vec<Damaged>,
    migration: Option<LocalError>,
) -> impl IntoView {
    let store = Store::new(ws, startup);
    store.damaged.set(damaged);
    store.save_error.set(migration);
    provide_context(store);
    store.warm_readings();
    lazy::fetch_ahead();
    // The code that saves comes on demand: fetched once the first screen is idle, so a
    // first edit rarely waits for it (an edit made before it arrives is saved then).
    lazy::preload_save_code();

    save_on_change(store);
    ask_before_leaving_unsaved(store);
    take_in_other_tabs(store);
    let help = RwSignal::new(false);
    listen_for_shortcuts(store, help);
    follow_the_address(store);
    crate::ui::data::import::listen_for_drops(store);
    let screen = move || current_screen(store);

    view! {
        <a class="skip-link" href="#main" on:click=|ev| { ev.prevent_default(); focus_main_heading(); }>
            "Skip to content"
        </a>
        <header class="app-header">
            <div class="brand">
                <span class="brand__mark" aria-hidden="true">"⟳"</span>
                <span class="brand__name">"Tandem"</span>
                <crate::ui::program::ProgramControl/>
            </div>
            <nav class="app-nav" aria-label="Main">
                <NavLink route=Route::Dashboard label="Dashboard"/>
                <NavLink route=Route::Partners label="Partners"/>
                <NavLink route=Route::Pipeline label="Pipeline"/>
                <NavLink route=Route::Planner label="Planner"/>
                <NavLink route=Route::Data label="Data"/>
            </nav>
            <UndoRedo help/>
        </header>
        <Banners/>
        <main id="main" class="app-main">{screen}</main>
        // The import dialog's code is fetched with the first file dropped.
        {move || store.import.with(Option::is_some).then(|| lazy::on_demand(lazy::import_dialog))}
        {move || help.get().then(|| view! { <ShortcutsHelp on_close=Callback::new(move |()| help.set(false))/> })}
        <ToastView/>
    }
}

/// Saves after every change, and drops the drafts of records that went.
fn save_on_change(store: Store) {
    // At start, save only what did not come from storage (the first-launch demo): rewriting an unchanged workspace would wake every other tab.
    let loaded_from_storage = matches!(store.startup.get_untracked(), Startup::Normal);
    Effect::new(move |first: Option<()>| {
        store.ws.track();
        store.persist.track();
        if first.is_some() || !loaded_from_storage {
            store.save();
        }
    });

    // Drafts of records that are gone (deleted here or in another tab, replaced by an
    // import) go with them: a look at the drafts this tab knows of (at most 40), not a
    // walk over storage, which happens once, at the first run. Not while an unreadable
    // value waits: the empty workspace shown meanwhile is not the person's.
    Effect::new(move |_| {
        let readable = store.persist.get();
        store.ws.with(|ws| {
            if readable {
                storage::drafts::prune(ws);
            }
        });
    });
}

/// Asks before the page closes with input not yet saved.
fn ask_before_leaving_unsaved(store: Store) {
    // Closing or reloading the page while a form holds unsaved input asks first. The
    // input is kept as a draft anyway; the question says so before the page goes. So
    // does an edit still waiting for the save code (`Store::save`), which only this tab
    // holds.
    let unload = window_event_listener(leptos::ev::beforeunload, move |ev| {
        if crate::ui::draft::any_dirty() || store.unsaved() {
            ev.prevent_default();
            ev.set_return_value("Your unsaved edits are kept as a draft.");
        }
    });
    on_cleanup(move || unload.remove());
}

/// Takes in what another tab saved, and follows its drafts.
fn take_in_other_tabs(store: Store) {
    // Another tab saved: read the entries its manifest changed and take them in,
    // keeping ours.
    let tabs = window_event_listener(leptos::ev::storage, move |ev| {
        let key = ev.key();
        if key.as_deref() == Some(storage::local::MANIFEST_KEY) {
            // The reading and merging come on demand, with the first save of another tab.
            if let Some(manifest) = ev.new_value() {
                lazy::take_in_other_tab(store, manifest);
            }
        } else {
            // Another tab's draft (or a cleared storage): this tab's index of drafts
            // follows, so pruning here knows of it without walking storage.
            storage::drafts::heard(key.as_deref(), ev.new_value().as_deref());
        }
    });
    on_cleanup(move || tabs.remove());
}

/// The shortcuts that work anywhere: undo, redo and the help that `help` opens.
fn listen_for_shortcuts(store: Store, help: RwSignal<bool>) {
    // Not in a text field, where the keys belong to the field's own editing.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if in_text_field(&ev) || help.get_untracked() {
            return;
        }
        match shortcuts::command(Place::Anywhere, &ev) {
            Some(Command::Undo) => store.undo(),
            Some(Command::Redo) => store.redo(),
            Some(Command::ShowHelp) => help.set(true),
            _ => return,
        }
        ev.prevent_default();
    });
    on_cleanup(move || keys.remove());
}

/// Follows the address to its screen, moving the focus there.
fn follow_the_address(store: Store) {
    let hash = window_event_listener(leptos::ev::hashchange, move |_| {
        store.route.set(route::current());
        // Move focus to the new screen's heading so keyboard and screen-reader users
        // land on it, as after a page load.
        after_paint(|| {
            // A screen loaded on demand has no heading yet: it focuses it on arrival.
            if !focus_main_heading() {
                lazy::focus_when_loaded();
            }
        });
    });
    on_cleanup(move || hash.remove());
}

/// The screen the address names.
fn current_screen(store: Store) -> AnyView {
    match store.route.get() {
        Route::Partners => view! { <PartnersScreen/> }.into_any(),
        Route::Partner(id) => lazy::on_demand(move || lazy::partner_page(id.clone())),
        Route::Section(id, section) => view! { <SectionScreen id=id section=section/> }.into_any(),
        Route::Brief(id) => lazy::on_demand(move || lazy::brief_screen(id.clone())),
        Route::Pipeline => lazy::on_demand(lazy::pipeline_screen),
        Route::Dashboard => lazy::on_demand(lazy::dashboard_screen),
        Route::Planner => lazy::on_demand(lazy::planner_screen),
        Route::Data => lazy::on_demand(lazy::data_screen),
        Route::BadPartner | Route::NotFound => view! { <NotFound/> }.into_any(),
        Route::Panic => view! { <CrashTest/> }.into_any(),
    }
}

#[component]
fn NavLink(route: Route, label: &'static str) -> impl IntoView {
    let store = crate::ui::state::use_store();
    let href = route.href();
    let active = Memo::new(move |_| {
        let current = store.route.get();
        match (&route, &current) {
            (Route::Partners, Route::Partner(_) | Route::Section(..)) => true,
            _ => route_kind(&route) == route_kind(&current),
        }
    });
    view! {
        <a href=href class="app-nav__link" class:is-active=active
            aria-current=move || active.get().then_some("page")>{label}</a>
    }
}

fn route_kind(route: &Route) -> &'static str {
    match route {
        Route::Partners => "partners",
        Route::Partner(_) | Route::Section(..) => "partner",
        // A brief is read from the partner list, so the Partners link stays current.
        Route::Brief(_) => "partners",
        Route::Pipeline => "pipeline",
        Route::Dashboard => "dashboard",
        Route::Planner => "planner",
        Route::Data => "data",
        Route::BadPartner | Route::NotFound | Route::Panic => "none",
    }
}

/// The undo and redo buttons, each naming the edit it would undo or redo, and the
/// button that lists the keyboard shortcuts.
#[component]
fn UndoRedo(help: RwSignal<bool>) -> impl IntoView {
    let store = crate::ui::state::use_store();
    let next_undo = move || store.history.with(|h| h.next_undo().map(str::to_owned));
    let next_redo = move || store.history.with(|h| h.next_redo().map(str::to_owned));
    view! {
        <div class="undo-redo" role="group" aria-label="History">
            <button class="button button--quiet" on:click=move |_| store.undo()
                disabled=move || next_undo().is_none()
                title=move || next_undo().map_or("Nothing to undo".into(), |l| format!("Undo {l} ({})", shortcuts::keys_for(Command::Undo)))
                aria-label=move || next_undo().map_or("Undo".into(), |l| format!("Undo {l}"))>
                "↶"<span class="undo-redo__word">" Undo"</span>
            </button>
            <button class="button button--quiet" on:click=move |_| store.redo()
                disabled=move || next_redo().is_none()
                title=move || next_redo().map_or("Nothing to redo".into(), |l| format!("Redo {l} ({})", shortcuts::keys_for(Command::Redo)))
                aria-label=move || next_redo().map_or("Redo".into(), |l| format!("Redo {l}"))>
                "↷"<span class="undo-redo__word">" Redo"</span>
            </button>
            <button class="button button--quiet" on:click=move |_| help.set(true)
                title="Keyboard shortcuts (?)" aria-label="Keyboard shortcuts">
                "?"
            </button>
        </div>
    }
}

/// Whether a key event happens in a place that edits text.
fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    use wasm_bindgen::JsCast;
    let Some(el) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
    else {
        return false;
    };
    match el.tag_name().as_str() {
        "TEXTAREA" => true,
        "INPUT" => {
            let kind = el.get_attribute("type").unwrap_or_default();
            !matches!(
                kind.as_str(),
                "checkbox" | "radio" | "button" | "submit" | "file"
            )
        }
        _ => el.get_attribute("contenteditable").is_some(),
    }
}

#[component]
fn NotFound() -> impl IntoView {
    view! {
        <section class="screen">
            <h1 tabindex="-1">"Not found"</h1>
            <p>"Nothing lives at this address. It may be a partner that was deleted, or a mistyped link."</p>
            <p><a href="#/partners">"Go to the partner list"</a></p>
        </section>
    }
}

/// `#/debug/panic`: a button that stops the app on purpose, to show (and test) the
/// crash banner. A link alone only opens this screen: the crash needs the click, so
/// nobody can send a link that stops someone's Tandem.
#[component]
fn CrashTest() -> impl IntoView {
    view! {
        <section class="screen">
            <h1 tabindex="-1">"Test the crash banner"</h1>
            <p>"This stops Tandem on purpose, to show what happens after an internal error: a banner offering the last saved workspace as a download. Reload the page afterwards to continue."</p>
            <p>
                <button type="button" class="button button--danger"
                    on:click=|_| panic!("a test crash asked for at #/debug/panic")>
                    "Stop Tandem with a test crash"
                </button>
                " "
                <a href="#/partners">"Go to the partner list"</a>
            </p>
        </section>
    }
}

/// Runs `f` once the next frame has been painted. Focusing the new screen's heading
/// before then made the browser lay the screen out at once, inside the focus call (at
/// 2,000 partners, seconds of a route change went there: bench/RESULTS.md); after the
/// paint the layout is done and the focus costs what it does.
pub fn after_paint(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// Focuses the current screen's first heading; false when it has none (yet).
pub fn focus_main_heading() -> bool {
    use wasm_bindgen::JsCast;
    let heading = document()
        .query_selector("#main h1")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    match heading {
        Some(h) => h.focus().is_ok(),
        None => false,
    }
}
