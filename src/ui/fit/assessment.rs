//! The assessment form: the user-experience verdict and its reason, strategic fit, the
//! leverage on each side, the economics and whether we understand the partner's market.
//! It checks as you type (the model's `form_errors`) and saves through the store, so
//! undo, saving and tab sync follow.

use crate::model::actions::FitAction;
use crate::model::fit::{form_errors, parse_score, Fit};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::{Choice, Economics, Id, Partner, UxVerdict, ValidationError};
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::fields::{error_for, FormActions, OptionSelect, TextField};
use crate::ui::state::use_store;
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
                move || {
                    Some(
                        understood
                            .get()
                            .map_or("", |b| if b { "yes" } else { "no" })
                            .to_owned(),
                    )
                },
                move |v| {
                    understood.set(match v {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    })
                },
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

#[component]
pub fn AssessmentForm(id: Id, partner: Memo<Option<Partner>>) -> impl IntoView {
    let store = use_store();
    let stored = Memo::new(move |_| partner.with(|p| p.as_ref().map(|p| p.fit.clone())));
    let initial = stored.get_untracked().unwrap_or_default();
    let fields = Fields::new(&initial);
    let kept = use_draft(DraftKey::of_partner(Form::Fit, &id), fields.for_draft());
    let draft = Memo::new(move |_| fields.draft());
    // The assessment the form was filled from. When the stored one changes under the
    // form (an undo, an import, another tab), the form follows unless it holds unsaved
    // edits; then it says so rather than overwrite the other change on the next save.
    let base = RwSignal::new(initial);
    let outdated = RwSignal::new(false);
    let dirty = Memo::new(move |_| draft.with(|(d, e)| !e.is_empty() || base.with(|b| d != b)));
    Effect::new(move |_| {
        let Some(new) = stored.get() else { return };
        if base.with_untracked(|b| *b == new) {
            return;
        }
        let matches_form = draft.with_untracked(|(d, _)| *d == new);
        if matches_form || !dirty.get_untracked() {
            fields.reset(&new);
            base.set(new);
            outdated.set(false);
            kept.rebase();
        } else {
            outdated.set(true);
        }
    });
    let load_newer = move |_| {
        if let Some(f) = stored.get_untracked() {
            fields.reset(&f);
            base.set(f);
            outdated.set(false);
            kept.rebase();
        }
    };
    let errors = Memo::new(move |_| draft.with(|(_, e)| e.clone()));
    let err = move |path: &'static str| Signal::derive(move || errors.with(|e| error_for(e, path)));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (fit, problems) = draft.get();
        if !problems.is_empty() {
            return;
        }
        let name =
            partner.with_untracked(|p| p.as_ref().map(|p| p.name.clone()).unwrap_or_default());
        match store.dispatch(FitAction::Assess {
            partner: id.clone(),
            name,
            fit: fit.clone(),
        }) {
            Some(Ok(_)) => {
                base.set(fit);
                outdated.set(false);
                kept.clear();
                store.say("Assessment saved.");
            }
            Some(Err(e)) => store.say(format!("Not saved: {e}")),
            None => {}
        }
    };
    let revert = move |_| fields.reset(&base.get_untracked());
    let reason_hint = move || match fields.ux.get() {
        Some(UxVerdict::Wrong) => {
            "Required: a wrong experience stops the deal, so say what users would get."
        }
        Some(UxVerdict::Risky) => "Required: what makes it risky, and what would make it right.",
        _ => "What users would get from the partnership.",
    };

    view! {
        <DraftOffer draft=kept/>
        <form class="card form fit-form" on:submit=save novalidate aria-labelledby="fit-form-heading" inert=kept.pending()>
            <h2 id="fit-form-heading">"Assessment"</h2>
            <Show when=move || outdated.get()>
                <div class="notice" role="alert">
                    <p>"This assessment was changed elsewhere (an import, an undo or another tab) while you were editing. Saving keeps your version."</p>
                    <button type="button" class="button" on:click=load_newer>"Load the newer version (discard my edits)"</button>
                </div>
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
                <div class="field">
                    <label for="f-fit-understood">"Do we understand their market?"</label>
                    // `prop:value` keeps the select in step after an undo or a revert: the
                    // `selected` attributes only set the first rendering.
                    <select id="f-fit-understood"
                        prop:value=move || match fields.understood.get() {
                            Some(true) => "yes",
                            Some(false) => "no",
                            None => "",
                        }
                        on:change=move |ev| {
                        fields.understood.set(match event_target_value(&ev).as_str() {
                            "yes" => Some(true),
                            "no" => Some(false),
                            _ => None,
                        })
                    }>
                        <option value="" selected=move || fields.understood.get().is_none()>"Not assessed"</option>
                        <option value="yes" selected=move || fields.understood.get() == Some(true)>"Yes, we understand it"</option>
                        <option value="no" selected=move || fields.understood.get() == Some(false)>"No, not yet"</option>
                    </select>
                </div>
            </div>
            <div class="field">
                <label for="f-fit-reason">"Why this user-experience verdict"</label>
                <textarea id="f-fit-reason" name="fit-reason" rows="3"
                    aria-invalid=move || err("fit.ux_reason").get().is_some().then_some("true")
                    aria-describedby="h-fit-reason e-fit-reason"
                    prop:value=move || fields.ux_reason.get()
                    on:input=move |ev| fields.ux_reason.set(event_target_value(&ev))></textarea>
                <p class="field__hint" id="h-fit-reason">{reason_hint}</p>
                <p class="field__error" id="e-fit-reason" role="alert">{move || err("fit.ux_reason").get()}</p>
            </div>
            <TextField label="Notes" name="fit-notes".into() value=fields.notes error=err("fit.notes") multiline=true/>
            <FormActions save_label="Save assessment" dirty has_errors=Signal::derive(move || !errors.with(Vec::is_empty)) on_revert=revert/>
        </form>
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
