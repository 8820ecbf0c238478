//! The pitch builder (`#/partners/ID/pitch`): the partner's pitch versions, the editor
//! of the chosen one with each ingredient's guidance and live check, its completeness
//! score, and the outreach memo written from it.
//!
//! Every figure and message comes from `model::pitch` and `model::documents::memo`; the views only
//! lay them out. Edits are named actions (`model::actions::PitchAction`) handed to
//! `store.dispatch`, so undo, saving and tab sync follow.

mod editor;
mod field;
mod memo_view;
mod score;
mod versions;

use crate::model::core::text;
use crate::model::pitch::{self, Context};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::Id;
use crate::ui::draft::has_draft;
use crate::ui::state::use_store;
use chrono::NaiveDate;
use editor::Editor;
use leptos::prelude::*;
use versions::VersionList;

/// One line of the version list.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct VersionRow {
    id: Id,
    label: String,
    drafted: NaiveDate,
    sent: Option<NaiveDate>,
    /// The version sent most recently: the pitch on the table.
    on_table: bool,
    percent: u8,
    /// The days of the meetings where this version was presented.
    presented: Vec<NaiveDate>,
}

#[component]
pub fn PitchSection(id: Id) -> impl IntoView {
    let store = use_store();
    let lookup = id.clone();
    let rows = Memo::new(move |_| {
        store.ws.with(|ws| {
            let Some(p) = ws.partner(&lookup) else {
                return Vec::new();
            };
            let table = pitch::on_the_table(p).map(|x| x.id.clone());
            let ctx = Context::of(p);
            p.pitches
                .iter()
                .map(|x| VersionRow {
                    id: x.id.clone(),
                    label: text::one_line(&x.label),
                    drafted: x.drafted,
                    sent: x.sent,
                    on_table: table.as_ref() == Some(&x.id),
                    percent: pitch::completeness(x, &ctx).percent,
                    presented: crate::model::meetings::presented_at(p, &x.id)
                        .iter()
                        .map(|m| m.date)
                        .collect(),
                })
                .collect::<Vec<_>>()
        })
    });
    // The version the person picked; when it is gone (deleted, undone, replaced by an
    // import) or none was picked, the latest one is shown.
    // A version with an unsaved draft opens first, so its offer is seen.
    let chosen = RwSignal::new(store.ws.with_untracked(|ws| {
        ws.partner(&id)?
            .pitches
            .iter()
            .find(|x| has_draft(&DraftKey::of_record(Form::Pitch, Some(&id), x.id.as_str())))
            .map(|x| x.id.clone())
    }));
    let current = Memo::new(move |_| {
        rows.with(|rows| {
            chosen
                .get()
                .filter(|c| rows.iter().any(|r| &r.id == c))
                .or_else(|| rows.last().map(|r| r.id.clone()))
        })
    });
    let editor_partner = id.clone();
    let editor = move || {
        current.get().map(|pitch| {
            view! { <Editor partner=editor_partner.clone() pitch=pitch/> }
        })
    };
    view! {
        <div class="pitch">
            <VersionList partner=id rows=rows current=current chosen=chosen/>
            {editor}
        </div>
    }
}
