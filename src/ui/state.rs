//! The one workspace store, provided by context at the root. Its methods are the
//! commands the screens use; each edit is a named action (`model::actions`) handed to
//! `dispatch`, and an effect in the shell saves the workspace after every change. The
//! workspace and its history are private to this file (see [`Store`]).

use crate::model::actions::{ActionError, Applied, Named};
use crate::model::core::stamp::{Clock, Stamp};
use crate::model::figures::memo::{Figures, Whole};
use crate::model::figures::planner::{self, Plan, PlanParts};
use crate::model::figures::portfolio::{self, HeatMap, HeatParts, Reading};
use crate::model::formats::store::Damaged;
use crate::model::workspace::edit::Removed;
use crate::model::workspace::history::{History, Step};
use crate::model::workspace::query::{Index, Query};
use crate::model::workspace::stamps;
use crate::model::{merge::rule, Workspace};
use crate::model::{Id, Shared};
use crate::storage::error::LocalError;
use crate::storage::{self, local};
use crate::ui::lazy;
use chrono::NaiveDate;
use leptos::prelude::*;

/// How the app started, shown as a banner until dismissed or resolved.
#[derive(Clone, Debug, PartialEq)]
pub enum Startup {
    Normal,
    /// First launch: the demo was loaded.
    Demo,
    /// The stored value could not be read; it is kept untouched until the person
    /// chooses to start afresh.
    Unreadable {
        raw: String,
        error: String,
    },
    /// Local storage is not available: work stays in this tab only.
    Unavailable(LocalError),
}

/// A short message at the bottom of the screen, optionally with an undo.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub message: String,
    pub undo: Option<Removed>,
    /// Tells apart two toasts with the same text, so an old timer never hides a new one.
    serial: u64,
}

impl Toast {
    pub fn new(message: impl Into<String>, undo: Option<Removed>) -> Self {
        static SERIAL: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        Toast {
            message: message.into(),
            undo,
            serial: SERIAL.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// A file read from the picker or a drop, waiting for the person to choose merge or
/// replace (or showing why it was refused).
#[derive(Clone, Debug, PartialEq)]
pub struct PendingImport {
    pub file_name: String,
    pub result: Result<crate::model::formats::file::Restored, ImportRefused>,
}

/// Why the import dialog refuses a file: each boundary it crossed words its own refusal,
/// shown as it is.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum ImportRefused {
    /// A spreadsheet needs its columns mapped: say where, rather than "not valid JSON".
    #[error(
        "This is a CSV file. Bring partners in from a spreadsheet on the Data screen with \
         “Import partners from CSV…”, which maps its columns first."
    )]
    Csv,
    #[error(transparent)]
    Read(#[from] storage::error::ReadError),
    #[error(transparent)]
    Sealed(#[from] crate::model::formats::sealed::SealedError),
    #[error(transparent)]
    File(#[from] crate::model::formats::file::FileError),
    /// The choices made on conflicts break a rule (`refusals`: which, in words).
    #[error("The file cannot be combined with this workspace: {refusals}")]
    NotCombined { refusals: String },
}

/// Partners whose readings [`Store::warm_readings`] computes in one step (about 1 ms in
/// the browser); steps run while the idle period lasts (`ui::idle`).
const WARM_SLICE: usize = 5;

/// The workspace, its undo history and whether saving is on are readable by every view
/// and writable only here: `ws`, `history` and `persist` are read-only handles on the
/// private signals, so a view that tried to write the workspace would not compile, and
/// every change goes through [`Store::dispatch`] (or `replace`, `reset`, `undo`,
/// `redo`, `absorb`), which records the undo step, stamps and saves. The other signals
/// are this tab's screen state (a toast, the route, a pending import, a banner, a
/// storage error): nothing in them is saved or undone, so views set them directly.
#[derive(Clone, Copy)]
pub struct Store {
    pub ws: ReadSignal<Workspace>,
    workspace: RwSignal<Workspace>,
    /// The undo and redo steps; read by the undo buttons' titles.
    pub history: ReadSignal<History>,
    steps: RwSignal<History>,
    /// False while an unreadable stored value awaits a decision: saving would destroy it.
    pub persist: ReadSignal<bool>,
    saving: RwSignal<bool>,
    /// Why the last save (or setting an unreadable value aside) failed, until one succeeds.
    pub save_error: RwSignal<Option<LocalError>>,
    pub startup: RwSignal<Startup>,
    pub toast: RwSignal<Option<Toast>>,
    pub import: RwSignal<Option<PendingImport>>,
    pub route: RwSignal<super::route::Route>,
    /// Counts successful saves, for views that show what storage holds.
    pub saves: RwSignal<u64>,
    /// Stored partner entries that could not be read at start: kept in storage as they
    /// are, named in a banner and downloadable.
    pub damaged: RwSignal<Vec<Damaged>>,
    /// The workspace as this tab last read it from storage (at start, or from another
    /// tab's save): what both sides last agreed on, to tell when both changed a record.
    synced: StoredValue<Workspace>,
    /// Set while taking in another tab's save, which is already in storage.
    absorbing: StoredValue<bool>,
    /// Set while a change waits to be saved: the save code is on its way, or did not
    /// arrive (`lazy::with_save_code`). Leaving the page then asks first.
    unsaved: StoredValue<bool>,
    /// This tab's edit clock: every edit's records get a stamp from it, later than any
    /// stamp this tab has seen (`model::core::stamp`).
    clock: StoredValue<Clock>,
    /// Every view's partner readings, computed once per partner version: an edit
    /// recomputes the one partner it changed (`model::figures::memo`).
    figures: StoredValue<Figures>,
    /// The plan and the heat map, kept while the workspace and the day are the same, so
    /// visiting the dashboard or the planner again does not compute them again; after an
    /// edit, put together again from the partners' parts, of which only the edited
    /// partner's is computed again (`PlanParts`, `HeatParts`).
    plan: StoredValue<(Whole<Option<Plan>>, PlanParts)>,
    heat: StoredValue<(Whole<HeatMap>, HeatParts)>,
    /// The partner table's search and sort keys, made once per partner version.
    search: StoredValue<Index>,
}

impl Store {
    pub fn new(ws: Workspace, startup: Startup) -> Self {
        let persist = !matches!(
            startup,
            Startup::Unreadable { .. } | Startup::Unavailable(_)
        );
        let mut clock = Clock::new(storage::writer_id());
        stamps::observe(&mut clock, &ws);
        let workspace = RwSignal::new(ws);
        let steps = RwSignal::new(History::default());
        let saving = RwSignal::new(persist);
        Store {
            ws: workspace.read_only(),
            workspace,
            history: steps.read_only(),
            steps,
            persist: saving.read_only(),
            saving,
            clock: StoredValue::new(clock),
            synced: StoredValue::new(workspace.get_untracked()),
            absorbing: StoredValue::new(false),
            unsaved: StoredValue::new(false),
            figures: StoredValue::new(Figures::default()),
            plan: StoredValue::new(Default::default()),
            heat: StoredValue::new(Default::default()),
            search: StoredValue::new(Index::default()),
            saves: RwSignal::new(0),
            damaged: RwSignal::new(Vec::new()),
            save_error: RwSignal::new(None),
            startup: RwSignal::new(startup),
            toast: RwSignal::new(None),
            import: RwSignal::new(None),
            route: RwSignal::new(super::route::current()),
        }
    }

    /// Applies a named action (`model::actions`) at this moment and returns what it
    /// did, or why it was refused. Views re-render, the workspace is saved and the step
    /// joins the undo history under the action's label only when the action changed
    /// something: a refused or empty action leaves local storage untouched. `None` only
    /// once the store is gone (the app unmounted).
    /// Generic over the feature's own action enum, so each feature's edit code stays
    /// with the screens that dispatch it (`model::actions::Named`).
    pub fn dispatch<A: Named>(&self, action: A) -> Option<Result<Applied, ActionError>> {
        let label = action.label();
        self.change(label, |ws| action.apply(ws, storage::now()), Stamping::Edit)
    }

    /// A fresh edit stamp from this tab's clock, for an edit made outside `dispatch` (the
    /// choices settling an import's conflicts).
    pub fn stamp(&self) -> Stamp {
        let wall = storage::now_millis();
        self.clock
            .try_update_value(|c| c.tick(wall))
            .unwrap_or_else(|| Clock::new(storage::writer_id()).tick(wall))
    }

    /// Lets this tab's clock see the stamps of `ws` (a file about to be taken in), so the
    /// next stamp outranks them.
    pub fn observe(&self, ws: &Workspace) {
        self.clock.update_value(|clock| stamps::observe(clock, ws));
    }

    /// Applies `f` to the workspace and, when it changed something, stamps the change
    /// (an edit's records, or for a replacement the whole as one
    /// (`stamps::stamp_replace`: an import carries the stamps of the records it brings,
    /// a reset stamps its new records, and the records it removed get tombstones),
    /// records the undo step under `label` and notifies the views and the save.
    fn change<R: Outcome>(
        &self,
        label: impl Into<String>,
        f: impl FnOnce(&mut Workspace) -> R,
        stamping: Stamping,
    ) -> Option<R> {
        let before = self.workspace.with_untracked(Clone::clone);
        let outcome = self.workspace.try_update_untracked(f)?;
        if outcome.changed() {
            match stamping {
                Stamping::Edit => {
                    let at = self.stamp();
                    self.workspace
                        .update_untracked(|ws| stamps::stamp_edit(&before, ws, at));
                }
                Stamping::Replace { fresh } => {
                    self.workspace.with_untracked(|ws| self.observe(ws));
                    let at = self.stamp();
                    self.workspace.update_untracked(|ws| {
                        stamps::stamp_replace(&before, ws, at, storage::now(), fresh);
                    });
                }
            }
            if let Some(step) = self
                .workspace
                .with_untracked(|ws| Step::between(&before, ws, label))
            {
                self.steps.update(|h| h.record(step));
            }
            self.workspace.notify();
        }
        Some(outcome)
    }

    /// Every partner's reading on `today`, in workspace order, from the figures cache.
    /// Call it inside `ws.with` so the view tracks the workspace.
    pub fn readings(&self, ws: &Workspace, today: NaiveDate) -> Vec<Shared<Reading>> {
        self.figures
            .try_update_value(|f| f.readings(ws, today))
            .unwrap_or_default()
    }

    /// One partner's reading on `today`, from the figures cache.
    pub fn reading(&self, ws: &Workspace, id: &Id, today: NaiveDate) -> Option<Shared<Reading>> {
        self.figures
            .try_update_value(|f| f.reading_of(ws, id, today))
            .flatten()
    }

    /// Computes every partner's reading ahead of the screens that show them all (the
    /// dashboard), and the partner table's search keys, a few partners at a time while
    /// the browser is idle (`ui::idle`, which stops before the idle deadline): at 2,000
    /// partners computing them on the dashboard's first visit took longer than the visit
    /// may (bench/RESULTS.md). Partners edited meanwhile are computed when asked for.
    pub fn warm_readings(&self) {
        let store = *self;
        let today = storage::now().date_naive();
        let mut next = Some(0);
        super::idle::in_idle_time(move || {
            let Some(from) = next else {
                return false;
            };
            next = store.ws.with_untracked(|ws| {
                let from = from.min(ws.partners.len());
                let end = (from + WARM_SLICE).min(ws.partners.len());
                store.figures.update_value(|f| {
                    for p in &ws.partners[from..end] {
                        f.reading(ws, p, today);
                    }
                });
                store
                    .search
                    .update_value(|index| _ = index.warm(ws, from, WARM_SLICE));
                (end < ws.partners.len()).then_some(end)
            });
            next.is_some()
        });
    }

    /// The partner table's rows for `query` (`Query::run`), from search and sort keys
    /// kept per partner version. Call it inside `ws.with` so the view tracks the workspace.
    pub fn partner_rows(&self, ws: &Workspace, query: &Query) -> Vec<usize> {
        self.search
            .try_update_value(|index| index.run(query, ws))
            .unwrap_or_else(|| query.run(ws))
    }

    /// The program plan on `today` (`figures::planner::plan`), kept while the
    /// workspace is the same. Call it inside `ws.with` so the view tracks the workspace.
    pub fn plan(&self, ws: &Workspace, today: NaiveDate) -> Option<Plan> {
        self.plan
            .try_update_value(|(whole, parts)| whole.get(ws, today, |ws, t| parts.plan(ws, t)))
            .unwrap_or_else(|| planner::plan(ws, today))
    }

    /// The dashboard's heat map on `today`, kept while the workspace is the same.
    pub fn heat_map(&self, ws: &Workspace, today: NaiveDate) -> HeatMap {
        self.heat
            .try_update_value(|(whole, parts)| {
                whole.get(ws, today, |ws, t| {
                    parts.map(ws, &portfolio::heat_metric(ws), t)
                })
            })
            .unwrap_or_else(|| portfolio::heat_map(ws, &portfolio::heat_metric(ws), today))
    }

    pub fn undo(&self) {
        self.travel(History::undo, "Undid", "Nothing to undo.");
    }

    pub fn redo(&self) {
        self.travel(History::redo, "Redid", "Nothing to redo.");
    }

    /// Moves through the history one step and says which edit it was.
    fn travel(
        &self,
        step: fn(&mut History, &mut Workspace) -> Option<String>,
        done: &str,
        nothing: &str,
    ) {
        let mut label = None;
        // Undoing is an edit too: the records it puts back get a new stamp, so that
        // other tabs take the undo rather than keep the version it undid.
        let before = self.workspace.with_untracked(Clone::clone);
        let at = self.stamp();
        self.workspace.update(|ws| {
            label = self.steps.try_update(|h| step(h, ws)).flatten();
            stamps::stamp_edit(&before, ws, at);
        });
        match label {
            Some(label) => self.say(format!("{done}: {label}.")),
            None => self.say(nothing),
        }
    }

    /// Saves the workspace to local storage, unless saving is paused or the change
    /// came from another tab's save. The code that saves comes on demand
    /// (`lazy::SaveCode`): until it has arrived the change is held as unsaved, and the
    /// workspace as it is then is saved when it arrives, edits made meanwhile included.
    /// Should it not arrive, the storage-error banner says so and the next change tries
    /// again.
    pub fn save(&self) {
        if std::mem::take(&mut *self.absorbing.write_value()) || !self.saving.get_untracked() {
            return;
        }
        if let Some(code) = lazy::save_code_here() {
            self.write(code);
            return;
        }
        self.unsaved.set_value(true);
        let store = *self;
        lazy::with_save_code(move |code| match code {
            Ok(code) => store.write(code),
            Err(e) => _ = store.save_error.try_set(Some(e)),
        });
    }

    /// Whether a change waits for the save code (see [`Store::save`]).
    pub fn unsaved(&self) -> bool {
        self.unsaved.try_get_value().unwrap_or(false)
    }

    fn write(&self, code: lazy::SaveCode) {
        if !self.saving.try_get_untracked().unwrap_or(false) {
            return;
        }
        let result = self.workspace.with_untracked(code.save);
        match result {
            Ok(()) => {
                self.unsaved.set_value(false);
                self.saves.update(|n| *n += 1);
                if self.save_error.with_untracked(Option::is_some) {
                    self.save_error.set(None);
                }
            }
            Err(e) => self.save_error.set(Some(e)),
        }
    }

    /// Takes in what another tab just saved (read entry by entry by
    /// `storage::local::sync`), merged with this tab's unsaved view.
    pub fn absorb(&self, theirs: Workspace) {
        self.observe(&theirs);
        let merged = self.workspace.with_untracked(|ours| {
            self.synced
                .with_value(|base| rule::merge(base, ours, &theirs, rule::Ties::ByContent))
        });
        self.synced.set_value(theirs.clone());
        if !merged.conflicts.is_empty() {
            self.say(format!(
                "Another tab edited the same records: {}. Undo brings back this tab's version.",
                merged.conflicts.join("; ")
            ));
        }
        let changed = self
            .workspace
            .with_untracked(|ours| *ours != merged.workspace);
        if changed {
            let before = self.workspace.with_untracked(Clone::clone);
            if let Some(step) =
                Step::between(&before, &merged.workspace, "changes from another tab")
            {
                self.steps.update(|h| h.record(step));
            }
            // Storage already holds their version; save only what adds to it.
            *self.absorbing.write_value() = merged.workspace == theirs;
            self.workspace.set(merged.workspace);
        }
    }

    /// Shows `message` as a toast: a sentence, or an error, whose `Display` is one.
    pub fn say(&self, message: impl std::fmt::Display) {
        self.toast.set(Some(Toast::new(message.to_string(), None)));
    }

    /// Replaces the whole workspace (reset, import). The workspace it replaces is kept
    /// first, as a backup restorable from the Data screen and as an undo step; an
    /// unreadable value that was waiting is set aside so it stays downloadable.
    pub fn replace(&self, ws: Workspace, label: impl Into<String>) {
        self.replace_with(ws, label.into(), false);
    }

    /// Replaces the whole workspace with one made now (the demo, an empty one): as
    /// [`Store::replace`], and its records get this tab's stamp, so that other tabs
    /// holding the old workspace take the new one.
    pub fn reset(&self, ws: Workspace, label: impl Into<String>) {
        self.replace_with(ws, label.into(), true);
    }

    /// Replaces the workspace once the save code is here (it keeps the backup first): at
    /// once when it is, as it almost always is by the time a person imports or resets.
    fn replace_with(&self, ws: Workspace, label: String, fresh: bool) {
        let store = *self;
        lazy::with_save_code(move |code| match code {
            Ok(code) => store.replace_now(code, ws, label, fresh),
            Err(_) => store.say(
                "Nothing was replaced: the code that keeps the current workspace as a backup \
                 first did not arrive. Check your connection, then try again.",
            ),
        });
    }

    fn replace_now(&self, code: lazy::SaveCode, ws: Workspace, label: String, fresh: bool) {
        if let Startup::Unreadable { raw, .. } = self.startup.get_untracked() {
            if let Err(e) = local::set_aside_unreadable(&raw) {
                self.save_error.set(Some(e));
                return;
            }
            self.startup.set(Startup::Normal);
            self.saving.set(true);
        } else if self.saving.get_untracked() {
            let kept = self
                .workspace
                .with_untracked(|current| (code.keep_backup)(current, &label, storage::now()));
            if let Err(e) = kept {
                self.say(e);
            }
        }
        self.change(
            label,
            move |current| {
                let changed = *current != ws;
                *current = ws;
                changed
            },
            Stamping::Replace { fresh },
        );
    }
}

/// How a change is stamped.
#[derive(Clone, Copy)]
enum Stamping {
    /// An edit: what it changed gets a new stamp.
    Edit,
    /// The whole workspace replaced (`Store::replace`); `fresh` for records made now
    /// (`Store::reset`), stamped as new.
    Replace { fresh: bool },
}

/// What a change returns, read as "did the workspace change?".
trait Outcome {
    fn changed(&self) -> bool;
}

impl Outcome for bool {
    fn changed(&self) -> bool {
        *self
    }
}

impl Outcome for Result<Applied, ActionError> {
    fn changed(&self) -> bool {
        matches!(self, Ok(applied) if applied.changed())
    }
}

pub fn use_store() -> Store {
    expect_context::<Store>()
}
