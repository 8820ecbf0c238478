//! The assessment form: the user-experience verdict and its reason, strategic fit, the
//! leverage on each side, the economics and whether we understand the partner's market.
//! It checks as you type (the model's `form_errors`) and saves through the store, so
//! undo, saving and tab sync follow.

use crate::model::actions::FitAction;
use crate::model::fit::{form_errors, parse_score, Fit};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Choice, Economics, Id, Partner, UxVerdict, ValidationError};
use crate::ui::draft::{use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::{
    error_for, on_submit, FieldError, FormActions, OptionSelect, OutdatedNotice, TextField,
};
use crate::ui::state::{use_store, Store};
use leptos::prelude::*;

/// The form's fields, each a signal bound to an input.
#[derive(Clone, Copy)]
struct Fields {
    ux: RwSignal<Option<UxVerdict>>,
    ux_reason: RwSignal<String>,
    strategic: RwSignal<String>,
    ours: RwSignal<String>,
    theirs: RwSignal<String>,
    economics: RwSignal<Option<Economics>>,
    understood: RwSignal<Option<bool>>,
    notes: RwSignal<String>,
}

fn score_text(v: Option<u8>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// An optional vocabulary value as draft text: its key, or empty for none.
fn optional<T: Choice>(
    value: RwSignal<Option<T>>,
) -> (
    impl Fn() -> Option<String> + Send + Sync,
    impl Fn(&str) + Send + Sync,
) {
    (
        move || Some(value.get().map_or("", |v| v.key()).to_owned()),
        move |v: &str| value.set(T::from_key(v)),
    )
}

impl Fields {
    /// The fields by the names their draft keeps them under.
    fn for_draft(&self) -> FormFields {
        let (ux_get, ux_set) = optional(self.ux);
        let (eco_get, eco_set) = optional(self.economics);
        let understood = self.understood;
        FormFields::new()
            .field("ux", ux_get, ux_set)
            .text("ux_reason", self.ux_reason)
            .text("strategic", self.strategic)
            .text("ours", self.ours)
            .text("theirs", self.theirs)
            .field("economics", eco_get, eco_set)
            .field(
                "understood",
                move || Some(understood_key(understood.get()).to_owned()),
                move |v| understood.set(understood_from(v)),
            )
            .text("notes", self.notes)
    }

    fn new(f: &Fit) -> Self {
        Fields {
            ux: RwSignal::new(f.ux),
            ux_reason: RwSignal::new(f.ux_reason.clone()),
            strategic: RwSignal::new(score_text(f.strategic)),
            ours: RwSignal::new(score_text(f.our_leverage)),
            theirs: RwSignal::new(score_text(f.their_leverage)),
            economics: RwSignal::new(f.economics),
            understood: RwSignal::new(f.market_understood),
            notes: RwSignal::new(f.notes.clone()),
        }
    }

    fn reset(&self, f: &Fit) {
        self.ux.set(f.ux);
        self.ux_reason.set(f.ux_reason.clone());
        self.strategic.set(score_text(f.strategic));
        self.ours.set(score_text(f.our_leverage));
        self.theirs.set(score_text(f.their_leverage));
        self.economics.set(f.economics);
        self.understood.set(f.market_understood);
        self.notes.set(f.notes.clone());
    }

    /// The fit these fields describe, and what is wrong with it.
    fn draft(&self) -> (Fit, Vec<ValidationError>) {
        let mut errors = Vec::new();
        let mut score = |path: &str, text: String| {
            parse_score(&text).unwrap_or_else(|message| {
                errors.push(ValidationError {
                    path: path.into(),
                    record: "the deal-fit assessment".into(),
                    message: message.to_string(),
                });
                None
            })
        };
        let fit = Fit {
            ux: self.ux.get(),
            ux_reason: self.ux_reason.get(),
            strategic: score("fit.strategic", self.strategic.get()),
            our_leverage: score("fit.our_leverage", self.ours.get()),
            their_leverage: score("fit.their_leverage", self.theirs.get()),
            economics: self.economics.get(),
            market_understood: self.understood.get(),
            notes: self.notes.get(),
        };
        errors.extend(form_errors(&fit));
        (fit, errors)
    }
}

/// Whether we understand the partner's market, as the select and the draft spell it.
fn understood_key(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "",
    }
}

fn understood_from(key: &str) -> Option<bool> {
    match key {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    }
}

/// The form's state, shared by its handlers and its parts.
#[derive(Clone, Copy)]
struct Assessment {
    store: Store,
    id: StoredValue<Id>,
    partner: Memo<Option<Partner>>,
    fields: Fields,
    kept: Draft,
    /// The assessment as stored.
    stored: Memo<Option<Fit>>,
    /// The fit the fields describe, and what is wrong with it.
    draft: Memo<(Fit, Vec<ValidationError>)>,
    errors: Memo<Vec<ValidationError>>,
    /// The assessment the form was filled from.
    base: RwSignal<Fit>,
    /// The stored assessment changed under unsaved edits.
    outdated: RwSignal<bool>,
    /// Whether the form differs from the assessment it was filled from.
    dirty: Memo<bool>,
}

impl Assessment {
    fn new(id: Id, partner: Memo<Option<Partner>>) -> Self {
        let stored = Memo::new(move |_| partner.with(|p| p.as_ref().map(|p| p.fit.clone())));
        let initial = stored.get_untracked().unwrap_or_default();
        let fields = Fields::new(&initial);
        let kept = use_draft(DraftKey::of_partner(Form::Fit, &id), fields.for_draft());
        let draft = Memo::new(move |_| fields.draft());
        let base = RwSignal::new(initial);
        let form = Assessment {
            store: use_store(),
            id: StoredValue::new(id),
            partner,
            fields,
            kept,
            stored,
            draft,
            errors: Memo::new(move |_| draft.with(|(_, e)| e.clone())),
            base,
            outdated: RwSignal::new(false),
            dirty: Memo::new(move |_| draft.with(|(d, e)| !e.is_empty() || base.with(|b| d != b))),
        };
        form.follow();
        form
    }

    /// When the stored assessment changes under the form (an undo, an import, another
    /// tab), the form follows unless it holds unsaved edits; then it says so rather
    /// than overwrite the other change on the next save.
    fn follow(self) {
        Effect::new(move |_| {
            let Some(new) = self.stored.get() else { return };
            if self.base.with_untracked(|b| *b == new) {
                return;
            }
            let matches_form = self.draft.with_untracked(|(d, _)| *d == new);
            if matches_form || !self.dirty.get_untracked() {
                self.load(new);
            } else {
                self.outdated.set(true);
            }
        });
    }

    /// Fills the form from `fit`, which becomes the assessment it was filled from.
    fn load(self, fit: Fit) {
        self.fields.reset(&fit);
        self.base.set(fit);
        self.outdated.set(false);
        self.kept.rebase();
    }

    fn load_newer(self) {
        if let Some(f) = self.stored.get_untracked() {
            self.load(f);
        }
    }

    fn revert(self) {
        self.fields.reset(&self.base.get_untracked());
    }

    fn save(self) {
        let (fit, problems) = self.draft.get();
        if !problems.is_empty() {
            return;
        }
        let name = self
            .partner
            .with_untracked(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
        match self.store.dispatch(FitAction::Assess {
            partner: self.id.get_value(),
            name,
            fit: fit.clone(),
        }) {
            Some(Ok(_)) => {
                self.base.set(fit);
                self.outdated.set(false);
                self.kept.clear();
                self.store.say("Assessment saved.");
            }
            Some(Err(e)) => self.store.say(format!("Not saved: {e}")),
            None => {}
        }
    }

    /// The message for one field, as a signal for its field.
    fn err(self, path: &'static str) -> Signal<Option<String>> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|e| error_for(e, path)))
    }

    /// What the reason must say, by the verdict chosen.
    fn reason_hint(self) -> &'static str {
        match self.fields.ux.get() {
            Some(UxVerdict::Wrong) => {
                "Required: a wrong experience stops the deal, so say what users would get."
            }
            Some(UxVerdict::Risky) => {
                "Required: what makes it risky, and what would make it right."
            }
            _ => "What users would get from the partnership.",
        }
    }
}

#[component]
pub fn AssessmentForm(id: Id, partner: Memo<Option<Partner>>) -> impl IntoView {
    let form = Assessment::new(id, partner);
    let Assessment { fields, kept, .. } = form;
    let err = move |path: &'static str| form.err(path);
    let save = on_submit(move || form.save());
    view! {
        <DraftOffer draft=kept/>
        <form class="card form fit-form" on:submit=save novalidate aria-labelledby="fit-form-heading" inert=kept.pending()>
            <h2 id="fit-form-heading">"Assessment"</h2>
            <Show when=move || form.outdated.get()>
                <OutdatedNotice on_load=Callback::new(move |()| form.load_newer())
                    message="This assessment was changed elsewhere (an import, an undo or another tab) while you were editing. Saving keeps your version."/>
            </Show>
            <div class="form__grid">
                <OptionalChoice label="User experience" name="fit-ux" value=fields.ux
                    none="Not assessed"/>
                <TextField label="Strategic fit (1–5)" name="fit-strategic".into() value=fields.strategic
                    error=err("fit.strategic") input_type="number" hint="5: at the heart of our strategy. Empty: not assessed."/>
                <TextField label="Our leverage (1–5)" name="fit-ours".into() value=fields.ours
                    error=err("fit.our_leverage") input_type="number" hint="What we bring that they cannot easily get elsewhere."/>
                <TextField label="Their leverage (1–5)" name="fit-theirs".into() value=fields.theirs
                    error=err("fit.their_leverage") input_type="number" hint="What they bring that we cannot easily get elsewhere."/>
                <OptionalChoice label="Economics for us" name="fit-economics" value=fields.economics
                    none="Not assessed"/>
                <UnderstoodField value=fields.understood/>
            </div>
            <ReasonField form/>
            <TextField label="Notes" name="fit-notes".into() value=fields.notes error=err("fit.notes") multiline=true/>
            <FormActions save_label="Save assessment" dirty=form.dirty
                has_errors=Signal::derive(move || !form.errors.with(Vec::is_empty)) on_revert=move |_| form.revert()/>
        </form>
    }
}

/// "Do we understand their market?": yes, no or not assessed.
#[component]
fn UnderstoodField(value: RwSignal<Option<bool>>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="f-fit-understood">"Do we understand their market?"</label>
            // `prop:value` keeps the select in step after an undo or a revert: the
            // `selected` attributes only set the first rendering.
            <select id="f-fit-understood"
                prop:value=move || understood_key(value.get())
                on:change=move |ev| value.set(understood_from(&event_target_value(&ev)))>
                <option value="" selected=move || value.get().is_none()>"Not assessed"</option>
                <option value="yes" selected=move || value.get() == Some(true)>"Yes, we understand it"</option>
                <option value="no" selected=move || value.get() == Some(false)>"No, not yet"</option>
            </select>
        </div>
    }
}

/// Why the user-experience verdict, with a hint that follows the verdict.
#[component]
fn ReasonField(form: Assessment) -> impl IntoView {
    let reason = form.fields.ux_reason;
    let error = form.err("fit.ux_reason");
    view! {
        <div class="field">
            <label for="f-fit-reason">"Why this user-experience verdict"</label>
            <textarea id="f-fit-reason" name="fit-reason" rows="3"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby="h-fit-reason e-fit-reason"
                prop:value=move || reason.get()
                on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            <p class="field__hint" id="h-fit-reason">{move || form.reason_hint()}</p>
            <FieldError id="e-fit-reason".into() message=error/>
        </div>
    }
}

/// A labelled select over a vocabulary with a first option for "not answered yet".
#[component]
fn OptionalChoice<T: Choice>(
    label: &'static str,
    name: &'static str,
    value: RwSignal<Option<T>>,
    none: &'static str,
) -> impl IntoView {
    let input_id = format!("f-{name}");
    view! {
        <div class="field">
            <label for=input_id.clone()>{label}</label>
            <OptionSelect value none=none.to_owned() id=input_id name=name.to_owned()/>
        </div>
    }
}
