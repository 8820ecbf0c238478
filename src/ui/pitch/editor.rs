//! The editor of one pitch version: its label, the shared goal it links, whether and
//! when it was sent, one field per ingredient, the completeness score, and the memo.
//!
//! What is typed but not yet saved lives in one draft signal per ingredient; the checks
//! and the score read the stored pitch with those drafts laid over it, so they follow
//! every keystroke. A field saves when it loses focus (its `change` event), and a draft
//! is never overwritten by a change from elsewhere (another tab, an import, an undo):
//! the stored text shows again once the draft is saved.
//!
//! The drafts are also kept in storage (`ui::draft`, one draft per version), so a
//! reload or a tab switch in the middle of a sentence loses nothing: the version offers
//! them back, and Restore saves them. Saving every keystroke into the workspace instead
//! was weighed and set aside: each would be an undo step and a rewrite of the whole
//! workspace, sent to every other open tab, for text the person has not finished.
//!
//! The checklist, the score and the memo all read the same version with the drafts laid
//! over it, so an ingredient shown as Ready is always in the memo.

use super::field::IngredientField;
use super::memo_view::MemoPreview;
use super::score::ScorePanel;
use crate::model::actions::{Applied, PitchAction};
use crate::model::core::format;
use crate::model::core::text;
use crate::model::goals::Goal;
use crate::model::pitch::{self, Context, Pitch};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, Ingredient};
use crate::storage;
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::route::{Route, Section};
use crate::ui::state::use_store;
use chrono::NaiveDate;
use leptos::prelude::*;

/// Unsaved text per ingredient, indexed by [`Ingredient::rank`].
pub(super) type Drafts = [RwSignal<Option<String>>; 12];

#[component]
pub(super) fn Editor(partner: Id, pitch: Id) -> impl IntoView {
    let store = use_store();
    let (pid, xid) = (partner.clone(), pitch.clone());
    let stored = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&pid)
                .and_then(|p| p.pitches.iter().find(|x| x.id == xid))
                .cloned()
        })
    });
    let pid = partner.clone();
    let context = Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&pid)
                .map(|p| (p.name.clone(), p.goals.clone()))
                .unwrap_or_default()
        })
    });
    let drafts: Drafts = std::array::from_fn(|_| RwSignal::new(None));
    let label_draft = RwSignal::new(None::<String>);
    let kept_fields = Ingredient::ALL.iter().fold(
        FormFields::new().maybe_text("label", label_draft),
        |fields, i| fields.maybe_text(i.key(), drafts[i.rank()]),
    );
    // What comes back is saved at once, as a field saves when it is left.
    let save_restored = {
        let (partner, pitch) = (partner.clone(), pitch.clone());
        Callback::new(move |()| {
            let texts: Vec<(Ingredient, String)> = Ingredient::ALL
                .iter()
                .filter_map(|&i| drafts[i.rank()].get_untracked().map(|t| (i, t)))
                .collect();
            let label = label_draft.get_untracked();
            let ingredients: Vec<Ingredient> = texts.iter().map(|(i, _)| *i).collect();
            let saved = match store.dispatch(PitchAction::RestoreDraft {
                partner: partner.clone(),
                pitch: pitch.clone(),
                texts,
                label,
            }) {
                Some(Ok(Applied::Saved(saved))) => saved,
                _ => Vec::new(),
            };
            // What could not be saved stays a draft, shown in its field; the label's
            // place comes after the texts'.
            let label_saved = saved.contains(&ingredients.len());
            for i in saved.iter().filter_map(|&n| ingredients.get(n)) {
                drafts[i.rank()].set(None);
            }
            if label_saved {
                label_draft.set(None);
            }
        })
    };
    let kept = use_draft(
        DraftKey::of_record(Form::Pitch, Some(&partner), pitch.as_str()),
        kept_fields,
    )
    .on_restore(save_restored);
    let live = Memo::new(move |_| {
        let mut x = stored.get()?;
        for i in Ingredient::ALL {
            if let Some(text) = drafts[i.rank()].get() {
                x.ingredients.insert(*i, text);
            }
        }
        Some(x)
    });
    let checks = Memo::new(move |_| {
        let x = live.get()?;
        Some(context.with(|(name, goals)| pitch::checks(&x, &ctx(name, goals))))
    });
    let score = Memo::new(move |_| checks.with(|c| c.as_deref().map(pitch::score)));
    let sent = Memo::new(move |_| stored.with(|x| x.as_ref().and_then(|x| x.sent)));

    let fields = Ingredient::ALL
        .iter()
        .map(|&ingredient| {
            let stored_text = Signal::derive(move || {
                stored.with(|x| {
                    x.as_ref()
                        .map(|x| x.text(ingredient).to_owned())
                        .unwrap_or_default()
                })
            });
            let check = Signal::derive(move || {
                checks.with(|c| c.as_ref().and_then(|c| c.get(ingredient.rank()).cloned()))
            });
            view! {
                <IngredientField partner=partner.clone() pitch=pitch.clone() ingredient=ingredient
                    stored=stored_text draft=drafts[ingredient.rank()] check=check
                    locked=Signal::derive(move || sent.get().is_some())/>
            }
        })
        .collect_view();
    view! {
        <DraftOffer draft=kept/>
        <div class="pitch__layout" inert=kept.pending()>
            <div class="pitch__main">
                <Header partner=partner.clone() pitch=pitch.clone() stored=stored sent=sent context=context
                    label_draft=label_draft/>
                <section class="card pitch-fields" aria-labelledby="pitch-fields-heading">
                    <h2 id="pitch-fields-heading">"Ingredients"</h2>
                    <Show when=move || sent.get().is_some()>
                        <p class="notice pitch-fields__locked">
                            "This version was sent, so its text stays as the partner read it. Start a new copy to revise it, or unmark it as sent."
                        </p>
                    </Show>
                    {fields}
                </section>
            </div>
            <aside class="pitch__side" aria-label="Completeness">
                <ScorePanel score=Signal::derive(move || score.get())
                    checks=Signal::derive(move || checks.get().unwrap_or_default())/>
            </aside>
        </div>
        <MemoPreview partner=partner pitch=live/>
    }
}

fn ctx<'a>(name: &'a str, goals: &'a [Goal]) -> Context<'a> {
    Context {
        partner_name: name,
        goals,
    }
}

/// The version's label, the shared goal it links, and its sent day.
#[component]
fn Header(
    partner: Id,
    pitch: Id,
    stored: Memo<Option<Pitch>>,
    sent: Memo<Option<NaiveDate>>,
    context: Memo<(String, Vec<Goal>)>,
    /// The label typed and not saved yet.
    label_draft: RwSignal<Option<String>>,
) -> impl IntoView {
    let store = use_store();
    let label_error = RwSignal::new(None::<String>);
    let goal_error = RwSignal::new(None::<String>);
    let sent_error = RwSignal::new(None::<String>);
    let today = storage::now().date_naive();
    let sent_day = RwSignal::new(format::iso_day(today));

    let stored_label =
        move || stored.with(|x| x.as_ref().map(|x| x.label.clone()).unwrap_or_default());
    let save_label = {
        let (partner, pitch) = (partner.clone(), pitch.clone());
        move |ev: leptos::ev::Event| {
            let text = event_target_value(&ev);
            match store.dispatch(PitchAction::Rename {
                partner: partner.clone(),
                pitch: pitch.clone(),
                label: text,
            }) {
                Some(Ok(_)) => {
                    label_draft.set(None);
                    label_error.set(None);
                }
                Some(Err(e)) => label_error.set(Some(e.to_string())),
                None => {}
            }
        }
    };
    let linked = move || stored.with(|x| x.as_ref().and_then(|x| x.goal.clone()));
    let link = {
        let (partner, pitch) = (partner.clone(), pitch.clone());
        move |ev: leptos::ev::Event| {
            let value = event_target_value(&ev);
            let goal = if value.is_empty() {
                None
            } else {
                Id::parse(&value).ok()
            };
            match store.dispatch(PitchAction::LinkGoal {
                partner: partner.clone(),
                pitch: pitch.clone(),
                goal,
            }) {
                Some(Ok(_)) => goal_error.set(None),
                Some(Err(e)) => goal_error.set(Some(e.to_string())),
                None => {}
            }
        }
    };
    let mark = {
        let (partner, pitch) = (partner.clone(), pitch.clone());
        move |day: Option<NaiveDate>| match store.dispatch(PitchAction::MarkSent {
            partner: partner.clone(),
            pitch: pitch.clone(),
            day,
        }) {
            Some(Ok(_)) => sent_error.set(None),
            Some(Err(e)) => sent_error.set(Some(e.to_string())),
            None => {}
        }
    };
    let mark_sent = {
        let mark = mark.clone();
        move |_| match format::parse_iso_day(&sent_day.get_untracked()) {
            Ok(Some(day)) => mark(Some(day)),
            _ => sent_error.set(Some("Choose the day the version was sent.".into())),
        }
    };
    let unmark = move |_| mark(None);
    let goals_href = Route::Section(partner.clone(), Section::Goals).href();
    let goal_options = move || {
        context.with(|(_, goals)| {
            goals
                .iter()
                .map(|g| {
                    let value = g.id.to_string();
                    let gid = g.id.clone();
                    let statement = text::one_line(&g.statement);
                    view! {
                        <option value=value selected=move || linked().as_ref() == Some(&gid)>{statement}</option>
                    }
                })
                .collect_view()
        })
    };
    let has_goals = move || context.with(|(_, goals)| !goals.is_empty());
    view! {
        <section class="card pitch-header" aria-label="This version">
            <div class="pitch-header__grid">
                <div class="field">
                    <label for="pitch-label">"Version label"</label>
                    <input id="pitch-label" type="text" aria-describedby="pitch-label-error"
                        aria-invalid=move || label_error.with(Option::is_some).then_some("true")
                        prop:value=move || label_draft.get().unwrap_or_else(stored_label)
                        on:input=move |ev| label_draft.set(Some(event_target_value(&ev)))
                        on:change=save_label/>
                    <p class="field__error" id="pitch-label-error" role="alert">{move || label_error.get()}</p>
                </div>
                <div class="field">
                    // The label only with its select: without goals there is no field
                    // to label, and the note says so in words.
                    <Show when=has_goals fallback=move || view! {
                        <p class="pitch-header__none">
                            <strong>"Shared goal it speaks to: "</strong>
                            "none recorded yet, so the mutual goal needs a number of its own. "
                            <a href=goals_href.clone()>"Record goals"</a>
                        </p>
                    }>
                        <label for="pitch-goal">"Shared goal it speaks to"</label>
                        <select id="pitch-goal" on:change=link.clone()
                            disabled=move || sent.get().is_some()>
                            <option value="" selected=move || linked().is_none()>"No shared goal linked"</option>
                            {goal_options}
                        </select>
                    </Show>
                    <p class="field__error" role="alert">{move || goal_error.get()}</p>
                </div>
                <div class="field pitch-header__sent">
                    <Show when=move || sent.get().is_some() fallback=move || view! {
                        <label for="pitch-sent-day">"Sent on"</label>
                        <div class="inline-form">
                            <input id="pitch-sent-day" type="date" max=format::iso_day(today)
                                prop:value=move || sent_day.get()
                                on:input=move |ev| sent_day.set(event_target_value(&ev))/>
                            <button class="button" on:click=mark_sent.clone()>"Mark as sent"</button>
                        </div>
                    }>
                        <span class="pitch-header__label">"Status"</span>
                        <p class="pitch-header__status">
                            <span class="pill pitch-sent">{move || sent.get().map(|d| format!("Sent {}", format::day(d)))}</span>
                            <button class="button button--quiet button--small" on:click=unmark.clone()>"Unmark as sent"</button>
                        </p>
                    </Show>
                    <p class="field__error" role="alert">{move || sent_error.get()}</p>
                </div>
            </div>
        </section>
    }
}
