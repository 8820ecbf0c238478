//! Screens loaded on demand (docs/WASM-SPLIT.md).
//!
//! Each `#[lazy]` function below is a split point: Trunk's post-build hook
//! (`scripts/split-hook.mjs`) cuts the code reachable only from it into its own wasm
//! file, fetched the first time the screen is opened. The hook runs on every Trunk
//! build, `trunk serve`'s debug build included (without wasm-opt), so development sees
//! the same split as a release. Where the wasm is not split (a wasm built by cargo
//! alone) the same functions are ordinary code and return at once.
//!
//! While a screen's file is on its way, [`on_demand`] shows a loading line that only
//! appears after a moment (style/shell.css), so a fast load never flashes it.

use crate::model::{Id, Workspace};
use crate::storage::error::LocalError;
use crate::ui::route::Section;
use crate::ui::state::Store;
use leptos::prelude::*;
use leptos::wasm_split::{wasm_split, SplitLoaderError};
use std::cell::{Cell, RefCell};
use std::future::Future;

thread_local! {
    /// Set when a navigation could not focus the new screen's heading because the
    /// screen was still loading; the screen focuses it once it arrives.
    static FOCUS_PENDING: Cell<bool> = const { Cell::new(false) };
}

/// Asks the screen now loading to focus its heading when it arrives.
pub fn focus_when_loaded() {
    FOCUS_PENDING.with(|f| f.set(true));
}

/// Renders the view `load` produces, with a delayed loading line until then. A file
/// that cannot be fetched (no network on a first visit, a host mid-deployment) is said
/// so, with a button to try again; nothing is lost meanwhile.
pub fn on_demand<F, Fut>(load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    on_demand_with(|| loading().into_any(), load)
}

/// [`on_demand`] with another loading state: the app's start, which has no shell
/// around it yet, shows the app's name with its own line (`app.rs`).
pub fn on_demand_with<F, Fut>(fallback: fn() -> AnyView, load: F) -> AnyView
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = Result<AnyView, SplitLoaderError>> + Send + 'static,
{
    let attempt = RwSignal::new(0u32);
    let body = move || {
        attempt.track();
        let load = load();
        Suspend::new(async move {
            match load.await {
                Ok(view) => {
                    if FOCUS_PENDING.with(|f| f.replace(false)) {
                        crate::app::after_paint(|| {
                            crate::app::focus_main_heading();
                        });
                    }
                    view
                }
                Err(_) => view! {
                    <div class="screen-failed banner banner--warn" role="alert">
                        <p>"This screen could not be loaded: its file did not arrive. Check your connection, then try again."</p>
                        <button type="button" class="button" on:click=move |_| attempt.update(|n| *n += 1)>
                            "Try again"
                        </button>
                    </div>
                }
                .into_any(),
            }
        })
    };
    view! { <Suspense fallback=fallback>{body}</Suspense> }.into_any()
}

/// Fetches and compiles the dashboard's files once the browser is first idle after
/// start, so its first visit costs its render, not also its files: at 2,000 partners
/// the files took about half of the first visit's time (bench/RESULTS.md). The service
/// worker precaches every file of the build anyway (scripts/offline-hook.mjs), so this
/// downloads nothing more; what it adds is compiling the dashboard's code early, off
/// the main thread but for instantiating it. A failure (offline on a first visit) is
/// left to the visit itself, which says so and offers to try again.
pub fn fetch_ahead() {
    crate::ui::idle::in_idle_time(|| {
        leptos::task::spawn_local(async {
            let _ = preload_dashboard().await;
        });
        false
    });
}

/// The loading line shown while a file is on its way; transparent for its first moment
/// (`.screen-loading` in style/shell.css), so a fast load never flashes it.
pub fn loading() -> impl IntoView {
    view! {
        <p class="screen-loading" role="status">
            <span class="boot__spinner" aria-hidden="true"></span>
            "Loading…"
        </p>
    }
}

/// A partner's profile (`#/partners/ID`): details, key players, website.
#[wasm_split(partner_page, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn partner_page(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::partners::page::PartnerPage id=id/> }.into_any())
}

/// The import dialog, rendered by the shell only while a dropped file awaits a
/// decision, so its code (the merge preview, the conflicts) arrives with the first drop.
#[wasm_split(
    import_dialog,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(preload_import_dialog)
)]
pub fn import_dialog() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::data::import::ImportDialog/> }.into_any())
}

/// Starts fetching and compiling the import dialog's code as a file is picked, so that
/// it arrives while the file is read and checked instead of after: the dialog's first
/// showing then waits for the file alone. A failure is left to the dialog itself, which
/// says so.
pub fn fetch_import_dialog() {
    leptos::task::spawn_local(async {
        let _ = preload_import_dialog().await;
    });
}

/// Reads a file dropped anywhere on the page (the file reading, unsealing and checking
/// come with the first drop). If the code cannot be fetched the person is told, and
/// dropping the file again tries again.
pub fn open_dropped_file(store: Store, file: web_sys::File) {
    leptos::task::spawn_local(async move {
        if open_file(store, file).await.is_err() {
            store.say(
                "The file could not be opened: the code to read it did not arrive. \
                 Check your connection, then drop the file again.",
            );
        }
    });
}

#[wasm_split(open_file, wasm_split_path = ::leptos::wasm_split, fallible)]
fn open_file(store: Store, file: web_sys::File) -> Result<(), SplitLoaderError> {
    crate::ui::data::import::open_file(store, file);
    Ok(())
}

/// The demo workspace, made on a first launch (or when there is no storage): its
/// records and text come in a file of their own, which a returning visitor never
/// fetches. `app.rs` shows the loading line until it arrives.
#[wasm_split(demo_workspace, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn demo_workspace() -> Result<Workspace, SplitLoaderError> {
    Ok(crate::model::demo::workspace(crate::storage::now()))
}

/// Another tab saved (its manifest is `manifest`): reads the entries it changed and
/// merges them with this tab's view. The reading and the merge come with the first
/// save of another tab; if their code cannot be fetched the person is told, and the
/// next save of the other tab tries again (and brings every change since).
pub fn take_in_other_tab(store: Store, manifest: String) {
    leptos::task::spawn_local(async move {
        if other_tab_saved(store, manifest).await.is_err() {
            store.say(
                "Another tab saved changes that this tab could not take in: the code to \
                 read them did not arrive. Check your connection, or reload this tab.",
            );
        }
    });
}

#[wasm_split(other_tab_saved, wasm_split_path = ::leptos::wasm_split, fallible)]
fn other_tab_saved(store: Store, manifest: String) -> Result<(), SplitLoaderError> {
    if let Some(theirs) = crate::storage::local::sync(&manifest) {
        store.absorb(theirs);
    }
    Ok(())
}

/// The banner for a stored workspace that could not be read, with the repair it offers
/// (only a damaged store needs their code).
#[wasm_split(unreadable_banner, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn unreadable_banner(raw: String, error: String) -> Result<AnyView, SplitLoaderError> {
    Ok(crate::ui::banners::unreadable(raw, error))
}

/// The Data screen: export, import, CSV, sealed files, storage, settings, reset.
#[wasm_split(data_screen, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn data_screen() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::data::DataScreen/> }.into_any())
}

/// The dashboard: funnel, health, signals, growth, heat map, wins. Its files are
/// fetched and compiled ahead, in idle time after start ([`fetch_ahead`]).
#[wasm_split(
    dashboard_screen,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(preload_dashboard)
)]
pub fn dashboard_screen() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::dashboard::DashboardScreen/> }.into_any())
}

/// The planner.
#[wasm_split(planner_screen, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn planner_screen() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::planner::PlannerScreen/> }.into_any())
}

/// The pipeline board.
#[wasm_split(pipeline_screen, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn pipeline_screen() -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::pipeline::PipelineScreen/> }.into_any())
}

/// A partner's brief.
#[wasm_split(brief_screen, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn brief_screen(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::partners::brief::BriefScreen id=id/> }.into_any())
}

/// A partner's tab, below its heading and tab bar (which come with the first screen, so
/// the heading is there, and focused, at once). One file per tab; code two tabs share
/// goes into a file of its own, fetched with whichever is opened first.
pub async fn section_body(id: Id, section: Section) -> Result<AnyView, SplitLoaderError> {
    match section {
        Section::Pitch => pitch_section(id).await,
        Section::Fit => fit_section(id).await,
        Section::Meetings => meetings_section(id).await,
        Section::Goals => goals_section(id).await,
        Section::Landing => landing_section(id).await,
        Section::Metrics => metrics_section(id).await,
        Section::Health => health_section(id).await,
    }
}

#[wasm_split(pitch_section, wasm_split_path = ::leptos::wasm_split, fallible)]
fn pitch_section(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::pitch::PitchSection id=id/> }.into_any())
}

#[wasm_split(fit_section, wasm_split_path = ::leptos::wasm_split, fallible)]
fn fit_section(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::fit::FitSection id=id/> }.into_any())
}

#[wasm_split(meetings_section, wasm_split_path = ::leptos::wasm_split, fallible)]
fn meetings_section(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::meetings::MeetingsSection id=id/> }.into_any())
}

#[wasm_split(goals_section, wasm_split_path = ::leptos::wasm_split, fallible)]
fn goals_section(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::goals::GoalsSection id=id/> }.into_any())
}

#[wasm_split(landing_section, wasm_split_path = ::leptos::wasm_split, fallible)]
fn landing_section(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::goals::LandingSection id=id/> }.into_any())
}

#[wasm_split(metrics_section, wasm_split_path = ::leptos::wasm_split, fallible)]
fn metrics_section(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::metrics::MetricsSection id=id/> }.into_any())
}

#[wasm_split(health_section, wasm_split_path = ::leptos::wasm_split, fallible)]
fn health_section(id: Id) -> Result<AnyView, SplitLoaderError> {
    Ok(view! { <crate::ui::health::HealthSection id=id/> }.into_any())
}

/// Reads the stored workspace when it is in the old single key, migrating it to the
/// store's layout: migrating writes, and the code that writes comes on demand, so it is
/// fetched only by the one start that finds the old key. `app.rs` shows the loading
/// line meanwhile.
#[wasm_split(migrated_workspace, wasm_split_path = ::leptos::wasm_split, fallible)]
pub fn migrated_workspace() -> Result<crate::storage::local::Loaded, SplitLoaderError> {
    Ok(crate::storage::local::migrate())
}

/// The code that writes local storage: saving the workspace, keeping the backup before
/// an import or reset replaces it, and the crash banner's download of the last save
/// (the record serialisers, the store's save and deflate). A visit that only reads never
/// needs it, so it is not in the first load: it is fetched when the first screen is idle
/// ([`preload_save_code`]) or by the first edit, whichever comes first.
#[derive(Clone, Copy)]
pub struct SaveCode {
    pub save: fn(&Workspace) -> Result<(), LocalError>,
    pub keep_backup: fn(&Workspace, &str, chrono::DateTime<chrono::Utc>) -> Result<(), LocalError>,
    pub saved_file: fn() -> Option<String>,
}

type Waiter = Box<dyn FnOnce(Result<SaveCode, LocalError>)>;

thread_local! {
    /// The save code once it has arrived.
    static SAVE_CODE: Cell<Option<SaveCode>> = const { Cell::new(None) };
    /// What waits for the save code while it is on its way.
    static WAITING: RefCell<Vec<Waiter>> = const { RefCell::new(Vec::new()) };
}

/// The save code, if it has arrived.
pub fn save_code_here() -> Option<SaveCode> {
    SAVE_CODE.with(Cell::get)
}

/// Runs `then` with the save code: at once when it is here, else once it has arrived
/// (fetching it unless a fetch is under way), or with the message to show when it could
/// not be fetched. A later call after a failure fetches again.
pub fn with_save_code(then: impl FnOnce(Result<SaveCode, LocalError>) + 'static) {
    if let Some(code) = save_code_here() {
        then(Ok(code));
        return;
    }
    let first = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        w.push(Box::new(then));
        w.len() == 1
    });
    if first {
        leptos::task::spawn_local(async {
            let result = save_code().await.map_err(|_| LocalError::SaveCodeMissing);
            if let Ok(code) = result {
                SAVE_CODE.with(|c| c.set(Some(code)));
            }
            for then in WAITING.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                then(result.clone());
            }
        });
    }
}

/// The demo workspace, with the save code fetched beside it: a first visit stores the
/// demo at once, so the shell is built once both are here and saves the demo as it is
/// built, as when the save code was in the first load. Should the save code not arrive,
/// the demo opens anyway and its save says so (`Store::save`).
pub async fn demo_and_save_code() -> Result<Workspace, SplitLoaderError> {
    // Starts the save code's fetch now, beside the demo's.
    with_save_code(|_| ());
    let ws = demo_workspace().await?;
    // The same fetch, awaited (the loader shares it), or a second try after a failure.
    if let Ok(code) = save_code().await {
        SAVE_CODE.with(|c| c.set(Some(code)));
    }
    Ok(ws)
}

/// Fetches the save code while the browser is idle after the first screen, so that a
/// first edit rarely waits for it. A failure here is silent: the first edit tries again
/// and says so if it fails too.
pub fn preload_save_code() {
    let mut asked = false;
    super::idle::in_idle_time(move || {
        if !std::mem::replace(&mut asked, true) {
            with_save_code(|_| ());
        }
        false
    });
}

#[wasm_split(save_code, wasm_split_path = ::leptos::wasm_split, fallible)]
fn save_code() -> Result<SaveCode, SplitLoaderError> {
    Ok(SaveCode {
        save: crate::storage::local::save,
        keep_backup: crate::storage::local::keep_backup,
        saved_file: crate::storage::local::saved_file,
    })
}
