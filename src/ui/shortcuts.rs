//! Every keyboard shortcut in one table: the handlers ask it which command a key press
//! means, the undo buttons' titles and the help dialog (opened with `?`) read their keys
//! from it, so what the help says is what the keys do. A command that edits dispatches
//! the named action its button or menu dispatches (`model::actions`): the stage keys on a
//! pipeline card are the card's stage menu, `PartnerAction::MoveStage`; undo and redo
//! walk the store's history of those actions.

use crate::model::Stage;
use crate::ui::modal::Modal;
use leptos::prelude::*;

/// What a shortcut does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Undo,
    Redo,
    ShowHelp,
    NextStage,
    PreviousStage,
    NextRow,
    PreviousRow,
}

impl Command {
    pub fn describe(self) -> &'static str {
        match self {
            Command::Undo => "Undo the last change",
            Command::Redo => "Redo the change just undone",
            Command::ShowHelp => "Show these keyboard shortcuts",
            Command::NextStage => "Move the focused card to the next stage",
            Command::PreviousStage => "Move the focused card to the previous stage",
            Command::NextRow => "Save the cell and go to the next month",
            Command::PreviousRow => "Save the cell and go to the previous month",
        }
    }

    /// Where a stage command takes a card at `from`: `Some(None)` at either end of the
    /// pipeline (the key is still the card's), `None` for a command that moves no card.
    /// The pipeline dispatches the move as `model::actions::PartnerAction::MoveStage`,
    /// the action its menu and a drop dispatch.
    pub fn stage_from(self, from: Stage) -> Option<Option<Stage>> {
        match self {
            Command::NextStage => Some(Stage::ALL.get(from.rank() + 1).copied()),
            Command::PreviousStage => Some(
                from.rank()
                    .checked_sub(1)
                    .and_then(|i| Stage::ALL.get(i))
                    .copied(),
            ),
            _ => None,
        }
    }
}

/// Where a shortcut works.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Anywhere outside a text field (in one, the keys belong to the field's editing).
    Anywhere,
    PipelineCard,
    MetricsCell,
}

impl Place {
    fn heading(self) -> &'static str {
        match self {
            Place::Anywhere => "Anywhere",
            Place::PipelineCard => "On a pipeline card",
            Place::MetricsCell => "In a cell of the metrics grid",
        }
    }
}

pub struct Shortcut {
    pub command: Command,
    pub place: Place,
    /// `KeyboardEvent.key`, compared without case.
    key: &'static str,
    /// Ctrl on Windows and Linux, ⌘ on a Mac.
    ctrl: bool,
    /// `None` for keys whose character already implies Shift (`?`).
    shift: Option<bool>,
    /// The keys as a person reads them.
    pub shown: &'static str,
}

const fn key(
    command: Command,
    place: Place,
    key: &'static str,
    ctrl: bool,
    shift: Option<bool>,
    shown: &'static str,
) -> Shortcut {
    Shortcut {
        command,
        place,
        key,
        ctrl,
        shift,
        shown,
    }
}

use Command::*;
use Place::*;

pub const SHORTCUTS: &[Shortcut] = &[
    key(
        Undo,
        Anywhere,
        "z",
        true,
        Some(false),
        "Ctrl+Z (⌘Z on a Mac)",
    ),
    key(Redo, Anywhere, "z", true, Some(true), "Shift+Ctrl+Z (⇧⌘Z)"),
    key(Redo, Anywhere, "y", true, Some(false), "Ctrl+Y"),
    key(ShowHelp, Anywhere, "?", false, None, "?"),
    key(
        NextStage,
        PipelineCard,
        "ArrowRight",
        false,
        Some(false),
        "→",
    ),
    key(
        PreviousStage,
        PipelineCard,
        "ArrowLeft",
        false,
        Some(false),
        "←",
    ),
    key(NextRow, MetricsCell, "ArrowDown", false, Some(false), "↓"),
    key(NextRow, MetricsCell, "Enter", false, Some(false), "Enter"),
    key(PreviousRow, MetricsCell, "ArrowUp", false, Some(false), "↑"),
];

/// The command a key press means in `place`, if any.
pub fn command(place: Place, ev: &web_sys::KeyboardEvent) -> Option<Command> {
    if ev.alt_key() {
        return None;
    }
    let ctrl = ev.ctrl_key() || ev.meta_key();
    let pressed = ev.key();
    SHORTCUTS
        .iter()
        .find(|s| {
            s.place == place
                && s.ctrl == ctrl
                && s.shift.is_none_or(|shift| shift == ev.shift_key())
                && s.key.eq_ignore_ascii_case(&pressed)
        })
        .map(|s| s.command)
}

/// The first keys listed for a command, for a button's title.
pub fn keys_for(command: Command) -> &'static str {
    SHORTCUTS
        .iter()
        .find(|s| s.command == command)
        .map_or("", |s| s.shown)
}

/// The help dialog: every shortcut, grouped by where it works.
#[component]
pub fn ShortcutsHelp(on_close: Callback<()>) -> impl IntoView {
    let groups = [Anywhere, PipelineCard, MetricsCell].map(|place| {
        let rows = SHORTCUTS
            .iter()
            .filter(|s| s.place == place)
            .map(|s| {
                view! {
                    <tr><th scope="row"><kbd>{s.shown}</kbd></th><td>{s.command.describe()}</td></tr>
                }
            })
            .collect_view();
        view! {
            <h3>{place.heading()}</h3>
            <table class="shortcuts">
                <thead class="visually-hidden"><tr><th scope="col">"Keys"</th><th scope="col">"What they do"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <Modal labelled_by="shortcuts-title" on_close>
            <h2 id="shortcuts-title">"Keyboard shortcuts"</h2>
            {groups.into_iter().collect_view()}
            <p class="muted">"In a text field, the keys belong to the field: Ctrl+Z undoes typing there."</p>
            <div class="form__actions">
                <button class="button button--primary" autofocus on:click=move |_| on_close.run(())>"Close"</button>
            </div>
        </Modal>
    }
}
