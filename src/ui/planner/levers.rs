//! The levers: partners and initiatives expected to carry the growth, ranked by the
//! part of the gap they carry, each editable in place of the table's form.

use crate::model::actions::PlannerAction;
use crate::model::core::format::percent;
use crate::model::figures::planner::{self, amount, LeverRow, LeverText, Plan};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, ValidationError, Workspace};
use crate::storage;
use crate::ui::confirm::ConfirmRemove;
use crate::ui::draft::{has_draft, use_draft, DraftOffer, FormFields};
use crate::ui::fields::{field_error, general_error, FieldError, TextField};
use crate::ui::health::HealthBadge;
use crate::ui::route::Route;
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// A lever as the table shows it: every figure already in words, so a row is redrawn
/// exactly when something it shows changes.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Row {
    id: Id,
    name: String,
    partner: Option<Id>,
    removed: bool,
    expected: String,
    confidence: u8,
    weighted: String,
    at_risk: String,
    share: String,
    to_date: String,
    notes: String,
    /// Why the confidence may be too high for the partner's state (health, stage).
    caution: Option<String>,
}

impl Row {
    fn of(l: &LeverRow) -> Self {
        let note = l
            .figures_note
            .as_ref()
            .map(|n| format!(" ({n})"))
            .unwrap_or_default();
        let to_date = match (l.delivered_to_date, l.expected_to_date) {
            (Some(d), Some(e)) => format!("{} of {} planned so far{note}", amount(d), amount(e)),
            (None, Some(e)) if l.figures_note.is_some() => {
                format!("{} planned so far{note}", amount(e))
            }
            (None, Some(e)) if l.partner.is_some() && !l.removed => {
                format!("no figures yet ({} planned so far)", amount(e))
            }
            (None, Some(e)) => format!("{} planned so far", amount(e)),
            _ => "—".to_owned(),
        };
        Row {
            id: l.id.clone(),
            name: l.name.clone(),
            partner: l.partner.clone(),
            removed: l.removed,
            expected: amount(l.expected),
            confidence: l.confidence,
            weighted: amount(l.weighted),
            at_risk: amount(l.at_risk),
            share: l.share_of_gap.map(percent).unwrap_or_default(),
            to_date,
            notes: l.notes.clone(),
            caution: None,
        }
    }
}

/// The lever form left with unsaved input, to open again by itself and offer it back.
fn form_with_draft(ws: &Workspace) -> Option<LeverText> {
    if has_draft(&DraftKey::adding(Form::Lever, None)) {
        return Some(LeverText {
            confidence: "50".into(),
            ..LeverText::default()
        });
    }
    ws.program
        .levers
        .iter()
        .find(|l| has_draft(&DraftKey::of_record(Form::Lever, None, l.id.as_str())))
        .map(LeverText::of)
}

/// The table's rows, each with the caution its partner's state calls for (the reading from
/// the figures cache, as the partner's Health tab shows it).
fn lever_rows(plan: Memo<Option<Plan>>, store: Store) -> Memo<Vec<Row>> {
    let today = storage::now().date_naive();
    Memo::new(move |_| {
        plan.with(|p| {
            let Some(p) = p else { return Vec::new() };
            store.ws.with(|ws| {
                p.levers
                    .iter()
                    .map(|l| Row {
                        caution: l
                            .partner
                            .as_ref()
                            .filter(|_| !l.removed)
                            .and_then(|id| store.reading(ws, id, today))
                            .and_then(|r| planner::lever_caution(l.confidence, &r)),
                        ..Row::of(l)
                    })
                    .collect()
            })
        })
    })
}

#[component]
pub fn LeversCard(plan: Memo<Option<Plan>>) -> impl IntoView {
    let store = use_store();
    // The lever being edited (`id` set) or added (`id` empty); `None` while no form is open.
    // A form left with unsaved input opens again by itself, offering it back.
    let editing = RwSignal::new(store.ws.with_untracked(form_with_draft));
    let rows = lever_rows(plan, store);
    let has_plan = move || plan.with(Option::is_some);
    let start_edit = Callback::new(move |id: Id| {
        let form = store.ws.with_untracked(|ws| {
            ws.program
                .levers
                .iter()
                .find(|l| l.id == id)
                .map(LeverText::of)
        });
        editing.set(form);
    });
    view! {
        <section class="card planner-levers" aria-labelledby="planner-levers-heading">
            <div class="card__head">
                <h2 id="planner-levers-heading">"Levers"</h2>
                <Show when=has_plan>
                    <button class="button" disabled=move || editing.with(Option::is_some)
                        on:click=move |_| editing.set(Some(LeverText {
                            confidence: "50".into(),
                            ..LeverText::default()
                        }))>"Add lever"</button>
                </Show>
            </div>
            <Show when=has_plan fallback=|| view! {
                <p class="empty">"Set the target first; then add the partners and initiatives expected to carry the growth."</p>
            }>
                {move || editing.get().map(|form| view! {
                    <LeverForm form=form on_done=Callback::new(move |_| editing.set(None))/>
                })}
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="empty">"No levers yet: which partners and initiatives will bring the growth, and how sure is the team of each?"</p>
                </Show>
                <Show when=move || !rows.with(Vec::is_empty)>
                    <div class="planner-levers__scroll">
                        <table class="planner-levers__table">
                            <caption class="visually-hidden">"Levers, the one carrying the most of the gap first"</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Lever"</th>
                                    <th scope="col" class="num">"Expected"</th>
                                    <th scope="col" class="num">"Confidence"</th>
                                    <th scope="col" class="num">"Weighted"</th>
                                    <th scope="col" class="num">"At risk"</th>
                                    <th scope="col">"So far"</th>
                                    <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || rows.get() key=|r| r.clone() let:row>
                                    <LeverItem row=row on_edit=start_edit/>
                                </For>
                            </tbody>
                        </table>
                    </div>
                </Show>
            </Show>
        </section>
    }
}

#[component]
fn LeverItem(row: Row, on_edit: Callback<Id>) -> impl IntoView {
    let store = use_store();
    let name_cell = match (&row.partner, row.removed) {
        (Some(id), false) => view! {
            <span class="planner-levers__partner">
                <a href=Route::Partner(id.clone()).href()>{row.name.clone()}</a>
                <HealthBadge id=id.clone()/>
            </span>
        }
        .into_any(),
        (Some(_), true) => view! {
            <span class="planner-levers__removed">{row.name.clone()}</span>
        }
        .into_any(),
        (None, _) => view! {
            <span>{row.name.clone()}" "<span class="pill">"initiative"</span></span>
        }
        .into_any(),
    };
    let remove = {
        let (id, name) = (row.id.clone(), row.name.clone());
        Callback::new(move |_: ()| {
            store.dispatch(PlannerAction::RemoveLever {
                lever: id.clone(),
                name: name.clone(),
            });
            store.say(format!("Removed the lever {name}."));
        })
    };
    let edit_id = row.id.clone();
    let label = row.name.clone();
    view! {
        <tr>
            <th scope="row">
                {name_cell}
                {(!row.notes.is_empty()).then(|| view! { <span class="planner-levers__notes">{row.notes.clone()}</span> })}
                {row.caution.clone().map(|c| view! { <span class="planner-levers__caution">"⚠ "{c}</span> })}
            </th>
            <td class="num" data-label="Expected">{row.expected.clone()}</td>
            <td class="num" data-label="Confidence">{format!("{} %", row.confidence)}</td>
            <td class="num" data-label="Weighted">{row.weighted.clone()}</td>
            <td class="num" data-label="At risk">
                {row.at_risk.clone()}
                {(!row.share.is_empty()).then(|| view! {
                    <span class="planner-levers__share">{format!("{} of the gap", row.share)}</span>
                })}
            </td>
            <td class="planner-levers__to-date" data-label="So far">{row.to_date.clone()}</td>
            <td class="planner-levers__actions">
                <button class="button button--quiet button--small" aria-label=format!("Edit lever {label}")
                    on:click=move |_| on_edit.run(edit_id.clone())>"Edit"</button>
                <ConfirmRemove on_remove=remove/>
            </td>
        </tr>
    }
}

#[component]
fn LeverForm(form: LeverText, on_done: Callback<()>) -> impl IntoView {
    let store = use_store();
    let is_new = form.id.is_none();
    let partner = RwSignal::new(form.partner.clone());
    let initiative = RwSignal::new(form.initiative.clone());
    let expected = RwSignal::new(form.expected.clone());
    let confidence = RwSignal::new(form.confidence.clone());
    let notes = RwSignal::new(form.notes.clone());
    let errors = RwSignal::new(Vec::<ValidationError>::new());
    let kept = use_draft(
        DraftKey::of_record(
            Form::Lever,
            None,
            form.id.as_ref().map_or("new", |id| id.as_str()),
        ),
        FormFields::new()
            .text("partner", partner)
            .text("initiative", initiative)
            .text("expected", expected)
            .text("confidence", confidence)
            .text("notes", notes),
    );
    let kept_removed = removed_partner(store, &form);
    let id = form.id.clone();
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let draft = LeverText {
            id: id.clone(),
            partner: partner.get(),
            initiative: initiative.get(),
            expected: expected.get(),
            confidence: confidence.get(),
            notes: notes.get(),
        };
        let done = if is_new {
            "Lever added."
        } else {
            "Lever saved."
        };
        match store.dispatch(PlannerAction::SaveLever {
            form: draft,
            new_id: storage::new_id(),
        }) {
            Some(Ok(_)) => {
                errors.set(Vec::new());
                kept.clear();
                store.say(done);
                on_done.run(());
            }
            Some(Err(e)) => errors.set(e.problems()),
            None => {}
        }
    };
    let err = move |path: &'static str| field_error(errors, path);
    let general = general_error(errors);
    view! {
        <DraftOffer draft=kept/>
        <form class="form planner-levers__form" on:submit=save novalidate inert=kept.pending()
            aria-label=if is_new { "New lever" } else { "Edit lever" }>
            <div class="form__grid">
                <LeverPartner partner kept_removed error=err("partner")/>
                <Show when=move || partner.with(String::is_empty)>
                    <TextField label="Initiative" name="lever-initiative".into() value=initiative
                        error=err("initiative") hint="For a lever that is not a partner: a campaign, a feature."/>
                </Show>
                <TextField label="Expected contribution" name="lever-expected".into() value=expected
                    error=err("expected") hint="The growth it should bring over the target year, in the target's metric."/>
                <TextField label="Confidence (%)" name="lever-confidence".into() value=confidence
                    error=err("confidence") input_type="number" hint="0 to 100: how sure the team is."/>
            </div>
            <TextField label="Notes" name="lever-notes".into() value=notes error=err("notes") multiline=true/>
            <p class="field__error" role="alert">{general}</p>
            <div class="form__actions">
                <button type="submit" class="button button--primary">{if is_new { "Add lever" } else { "Save lever" }}</button>
                <button type="button" class="button button--quiet"
                    on:click=move |_| { kept.clear(); on_done.run(()) }>"Cancel"</button>
            </div>
        </form>
    }
}

/// The partner of a lever whose partner was removed since: the form keeps it until the
/// person picks another.
fn removed_partner(store: Store, form: &LeverText) -> Option<String> {
    form.id
        .as_ref()
        .filter(|_| !form.partner.is_empty())
        .and_then(|_| {
            let gone = store.ws.with_untracked(|ws| {
                Id::parse(&form.partner).is_ok_and(|id| ws.partner(&id).is_none())
            });
            gone.then(|| form.partner.clone())
        })
}

/// The lever's partner among the workspace's, or none for an initiative.
#[component]
fn LeverPartner(
    partner: RwSignal<String>,
    kept_removed: Option<String>,
    error: Signal<Option<String>>,
) -> impl IntoView {
    let store = use_store();
    let choices = Memo::new(move |_| store.ws.with(planner::partner_choices));
    view! {
        <div class="field">
            <label for="f-lever-partner">"Partner"</label>
            <select id="f-lever-partner" aria-describedby="e-lever-partner"
                on:change=move |ev| partner.set(event_target_value(&ev))>
                <option value="" selected=move || partner.with(String::is_empty)>"None: an initiative"</option>
                {kept_removed.map(|gone| {
                    let value = gone.clone();
                    view! {
                        <option value=gone selected=move || partner.get() == value>"removed partner"</option>
                    }
                })}
                {move || choices.get().into_iter().map(|(pid, name)| {
                    let value = pid.to_string();
                    let selected = value.clone();
                    view! { <option value=value selected=move || partner.get() == selected>{name}</option> }
                }).collect_view()}
            </select>
            <FieldError id="e-lever-partner".into() message=error/>
        </div>
    }
}
