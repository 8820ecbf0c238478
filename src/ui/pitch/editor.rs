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
use crate::model::actions::{ActionError, Applied, PitchAction};
use crate::model::core::format;
use crate::model::core::text;
use crate::model::goals::Goal;
use crate::model::pitch::{self, Check, Completeness, Context, Pitch};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Id, Ingredient};
use crate::storage;
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::route::{Route, Section};
use crate::ui::state::{use_store, Store};
use chrono::NaiveDate;
use leptos::prelude::*;

/// Unsaved text per ingredient, indexed by [`Ingredient::rank`].
pub(super) type Drafts = [RwSignal<Option<String>>; 12];

/// One version's state, shared by the editor's handlers and parts.
#[derive(Clone, Copy)]
struct Version {
    store: Store,
    partner: StoredValue<Id>,
    pitch: StoredValue<Id>,
    /// The version as stored, without the drafts.
    stored: Memo<Option<Pitch>>,
    /// The partner's name and shared goals, which the checks read.
    context: Memo<(String, Vec<Goal>)>,
    drafts: Drafts,
    /// The label typed and not saved yet.
    label_draft: RwSignal<Option<String>>,
    /// The stored version with the drafts laid over it: what the checks, the score and
    /// the memo read.
    live: Memo<Option<Pitch>>,
    checks: Memo<Option<Vec<Check>>>,
    score: Memo<Option<Completeness>>,
    sent: Memo<Option<NaiveDate>>,
}

impl Version {
    fn new(store: Store, partner: Id, pitch: Id) -> Self {
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
        Version {
            store,
            partner: StoredValue::new(partner),
            pitch: StoredValue::new(pitch),
            stored,
            context,
            drafts,
            label_draft: RwSignal::new(None),
            live,
            checks,
            score: Memo::new(move |_| checks.with(|c| c.as_deref().map(pitch::score))),
            sent: Memo::new(move |_| stored.with(|x| x.as_ref().and_then(|x| x.sent))),
        }
    }

    /// The fields kept as the version's draft: the label, then one per ingredient.
    fn kept_fields(self) -> FormFields {
        Ingredient::ALL.iter().fold(
            FormFields::new().maybe_text("label", self.label_draft),
            |fields, i| fields.maybe_text(i.key(), self.drafts[i.rank()]),
        )
    }

    /// Saves a restored draft at once, as a field saves when it is left.
    fn save_restored(self) {
        let drafts = self.drafts;
        let texts: Vec<(Ingredient, String)> = Ingredient::ALL
            .iter()
            .filter_map(|&i| drafts[i.rank()].get_untracked().map(|t| (i, t)))
            .collect();
        let label = self.label_draft.get_untracked();
        let ingredients: Vec<Ingredient> = texts.iter().map(|(i, _)| *i).collect();
        let saved = match self.store.dispatch(PitchAction::RestoreDraft {
            partner: self.partner.get_value(),
            pitch: self.pitch.get_value(),
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
            self.label_draft.set(None);
        }
    }

    fn is_sent(self) -> bool {
        self.sent.get().is_some()
    }
}

#[component]
pub(super) fn Editor(partner: Id, pitch: Id) -> impl IntoView {
    let version = Version::new(use_store(), partner.clone(), pitch.clone());
    let kept = use_draft(
        DraftKey::of_record(Form::Pitch, Some(&partner), pitch.as_str()),
        version.kept_fields(),
    )
    .on_restore(Callback::new(move |()| version.save_restored()));
    let Version {
        live,
        checks,
        score,
        ..
    } = version;
    view! {
        <DraftOffer draft=kept/>
        <div class="pitch__layout" inert=kept.pending()>
            <div class="pitch__main">
                <Header version/>
                <Ingredients version/>
            </div>
            <aside class="pitch__side" aria-label="Completeness">
                <ScorePanel score=Signal::derive(move || score.get())
                    checks=Signal::derive(move || checks.get().unwrap_or_default())/>
            </aside>
        </div>
        <MemoPreview partner=partner pitch=live/>
    }
}

/// One field per ingredient, locked once the version was sent.
#[component]
fn Ingredients(version: Version) -> impl IntoView {
    let Version {
        stored,
        checks,
        drafts,
        ..
    } = version;
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
                <IngredientField partner=version.partner.get_value() pitch=version.pitch.get_value()
                    ingredient=ingredient stored=stored_text draft=drafts[ingredient.rank()] check=check
                    locked=Signal::derive(move || version.is_sent())/>
            }
        })
        .collect_view();
    view! {
        <section class="card pitch-fields" aria-labelledby="pitch-fields-heading">
            <h2 id="pitch-fields-heading">"Ingredients"</h2>
            <Show when=move || version.is_sent()>
                <p class="notice pitch-fields__locked">
                    "This version was sent, so its text stays as the partner read it. Start a new copy to revise it, or unmark it as sent."
                </p>
            </Show>
            {fields}
        </section>
    }
}

fn ctx<'a>(name: &'a str, goals: &'a [Goal]) -> Context<'a> {
    Context {
        partner_name: name,
        goals,
    }
}

/// The header's state: the version, the sent day being chosen, and what went wrong
/// with each of its fields.
#[derive(Clone, Copy)]
struct HeaderState {
    version: Version,
    /// Today when the header opened: the sent day's default and latest choice.
    today: NaiveDate,
    /// The sent day as chosen, ISO.
    sent_day: RwSignal<String>,
    label_error: RwSignal<Option<String>>,
    goal_error: RwSignal<Option<String>>,
    sent_error: RwSignal<Option<String>>,
}

/// Shows why `result` was refused in `error`, or clears `error` once it applied; says
/// whether it applied.
fn show_outcome<T>(
    result: Option<Result<T, ActionError>>,
    error: RwSignal<Option<String>>,
) -> bool {
    match result {
        Some(Ok(_)) => {
            error.set(None);
            true
        }
        Some(Err(e)) => {
            error.set(Some(e.to_string()));
            false
        }
        None => false,
    }
}

impl HeaderState {
    fn new(version: Version) -> Self {
        let today = storage::now().date_naive();
        HeaderState {
            version,
            today,
            sent_day: RwSignal::new(format::iso_day(today)),
            label_error: RwSignal::new(None),
            goal_error: RwSignal::new(None),
            sent_error: RwSignal::new(None),
        }
    }

    fn stored_label(self) -> String {
        self.version
            .stored
            .with(|x| x.as_ref().map(|x| x.label.clone()).unwrap_or_default())
    }

    /// The shared goal the version links.
    fn linked(self) -> Option<Id> {
        self.version
            .stored
            .with(|x| x.as_ref().and_then(|x| x.goal.clone()))
    }

    fn save_label(self, label: String) {
        let Version {
            store,
            partner,
            pitch,
            label_draft,
            ..
        } = self.version;
        let renamed = store.dispatch(PitchAction::Rename {
            partner: partner.get_value(),
            pitch: pitch.get_value(),
            label,
        });
        if show_outcome(renamed, self.label_error) {
            label_draft.set(None);
        }
    }

    /// Links the goal whose id is `value`; an empty value unlinks.
    fn link(self, value: &str) {
        let goal = if value.is_empty() {
            None
        } else {
            Id::parse(value).ok()
        };
        let Version {
            store,
            partner,
            pitch,
            ..
        } = self.version;
        let linked = store.dispatch(PitchAction::LinkGoal {
            partner: partner.get_value(),
            pitch: pitch.get_value(),
            goal,
        });
        show_outcome(linked, self.goal_error);
    }

    /// Marks the version sent on `day`, or not sent.
    fn mark(self, day: Option<NaiveDate>) {
        let Version {
            store,
            partner,
            pitch,
            ..
        } = self.version;
        let marked = store.dispatch(PitchAction::MarkSent {
            partner: partner.get_value(),
            pitch: pitch.get_value(),
            day,
        });
        show_outcome(marked, self.sent_error);
    }

    fn mark_sent(self) {
        match format::parse_iso_day(&self.sent_day.get_untracked()) {
            Ok(Some(day)) => self.mark(Some(day)),
            _ => self
                .sent_error
                .set(Some("Choose the day the version was sent.".into())),
        }
    }
}

/// The version's label, the shared goal it links, and its sent day.
#[component]
fn Header(version: Version) -> impl IntoView {
    let header = HeaderState::new(version);
    view! {
        <section class="card pitch-header" aria-label="This version">
            <div class="pitch-header__grid">
                <LabelField header/>
                <GoalField header/>
                <SentField header/>
            </div>
        </section>
    }
}

#[component]
fn LabelField(header: HeaderState) -> impl IntoView {
    let HeaderState { label_error, .. } = header;
    let label_draft = header.version.label_draft;
    view! {
        <div class="field">
            <label for="pitch-label">"Version label"</label>
            <input id="pitch-label" type="text" aria-describedby="pitch-label-error"
                aria-invalid=move || label_error.with(Option::is_some).then_some("true")
                prop:value=move || label_draft.get().unwrap_or_else(|| header.stored_label())
                on:input=move |ev| label_draft.set(Some(event_target_value(&ev)))
                on:change=move |ev| header.save_label(event_target_value(&ev))/>
            <p class="field__error" id="pitch-label-error" role="alert">{move || label_error.get()}</p>
        </div>
    }
}

#[component]
fn GoalField(header: HeaderState) -> impl IntoView {
    let Version {
        partner, context, ..
    } = header.version;
    let goals_href = Route::Section(partner.get_value(), Section::Goals).href();
    let goal_options = move || {
        context.with(|(_, goals)| {
            goals
                .iter()
                .map(|g| {
                    let value = g.id.to_string();
                    let gid = g.id.clone();
                    let statement = text::one_line(&g.statement);
                    view! {
                        <option value=value selected=move || header.linked().as_ref() == Some(&gid)>{statement}</option>
                    }
                })
                .collect_view()
        })
    };
    let has_goals = move || context.with(|(_, goals)| !goals.is_empty());
    view! {
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
                <select id="pitch-goal" on:change=move |ev| header.link(&event_target_value(&ev))
                    disabled=move || header.version.is_sent()>
                    <option value="" selected=move || header.linked().is_none()>"No shared goal linked"</option>
                    {goal_options}
                </select>
            </Show>
            <p class="field__error" role="alert">{move || header.goal_error.get()}</p>
        </div>
    }
}

#[component]
fn SentField(header: HeaderState) -> impl IntoView {
    let HeaderState {
        version,
        today,
        sent_day,
        sent_error,
        ..
    } = header;
    view! {
        <div class="field pitch-header__sent">
            <Show when=move || version.is_sent() fallback=move || view! {
                <label for="pitch-sent-day">"Sent on"</label>
                <div class="inline-form">
                    <input id="pitch-sent-day" type="date" max=format::iso_day(today)
                        prop:value=move || sent_day.get()
                        on:input=move |ev| sent_day.set(event_target_value(&ev))/>
                    <button class="button" on:click=move |_| header.mark_sent()>"Mark as sent"</button>
                </div>
            }>
                <span class="pitch-header__label">"Status"</span>
                <p class="pitch-header__status">
                    <span class="pill pitch-sent">{move || version.sent.get().map(|d| format!("Sent {}", format::day(d)))}</span>
                    <button class="button button--quiet button--small" on:click=move |_| header.mark(None)>"Unmark as sent"</button>
                </p>
            </Show>
            <p class="field__error" role="alert">{move || sent_error.get()}</p>
        </div>
    }
}
