//! A partner's page: the profile form with inline validation, and its key players.

use super::key_players::KeyPlayers;
use super::tabs::PartnerTabs;
use super::website::WebsiteLink;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::workspace::validate;
use crate::model::Workspace;
use crate::model::{Category, Id, MarketPosition, Partner, Stage};
use crate::storage;
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::fields::{
    error_for, ChoiceField, FieldError, FormActions, OptionalChoiceField, TextField,
};
use crate::ui::route::{Route, Section};
use crate::ui::state::use_store;
use leptos::prelude::*;

#[component]
pub fn PartnerPage(id: Id) -> impl IntoView {
    let store = use_store();
    let lookup = id.clone();
    let exists = Memo::new(move |_| store.ws.with(|ws| ws.partner(&lookup).is_some()));
    move || {
        let id = id.clone();
        if exists.get() {
            let partner = store.ws.with_untracked(|ws| ws.partner(&id).cloned());
            partner.map(|p| {
                view! {
                    <ProfileForm partner=p/>
                    <KeyPlayers partner_id=id/>
                }
                .into_any()
            })
        } else {
            Some(
                view! {
                    <section class="screen">
                        <h1 tabindex="-1">"Partner not found"</h1>
                        <p>"No partner has this id. It may have been deleted or never imported."</p>
                        <p><a href="#/partners">"Back to the partner list"</a></p>
                    </section>
                }
                .into_any(),
            )
        }
    }
}

/// The form's fields, each a signal bound to an input.
#[derive(Clone, Copy)]
struct Fields {
    name: RwSignal<String>,
    website: RwSignal<String>,
    owner: RwSignal<String>,
    tags: RwSignal<String>,
    notes: RwSignal<String>,
    category: RwSignal<Option<Category>>,
    position: RwSignal<Option<MarketPosition>>,
    stage: RwSignal<Stage>,
    markets: RwSignal<Vec<Id>>,
}

impl Fields {
    /// The fields by the names their draft keeps them under.
    fn for_draft(&self) -> FormFields {
        let markets = self.markets;
        FormFields::new()
            .text("name", self.name)
            .text("website", self.website)
            .text("owner", self.owner)
            .text("tags", self.tags)
            .text("notes", self.notes)
            .maybe_choice("category", self.category)
            .maybe_choice("position", self.position)
            .choice("stage", self.stage)
            .field(
                "markets",
                move || {
                    Some(markets.with(|m| m.iter().map(Id::as_str).collect::<Vec<_>>().join(",")))
                },
                move |v| {
                    markets.set(v.split(',').filter_map(|s| Id::parse(s).ok()).collect());
                },
            )
    }

    fn new(p: &Partner) -> Self {
        Fields {
            name: RwSignal::new(p.name.clone()),
            website: RwSignal::new(p.website.clone()),
            owner: RwSignal::new(p.owner.clone()),
            tags: RwSignal::new(p.tags.join(", ")),
            notes: RwSignal::new(p.notes.clone()),
            category: RwSignal::new(p.category),
            position: RwSignal::new(p.position),
            stage: RwSignal::new(p.stage),
            markets: RwSignal::new(p.markets.clone()),
        }
    }

    fn reset(&self, p: &Partner) {
        self.name.set(p.name.clone());
        self.website.set(p.website.clone());
        self.owner.set(p.owner.clone());
        self.tags.set(p.tags.join(", "));
        self.notes.set(p.notes.clone());
        self.category.set(p.category);
        self.position.set(p.position);
        self.stage.set(p.stage);
        self.markets.set(p.markets.clone());
    }

    /// The stored partner with this form's values laid over it (the ladder level is
    /// not among them: it keeps the stored one).
    fn draft(&self, stored: &Partner) -> Partner {
        Partner {
            name: self.name.get().trim().to_owned(),
            website: self.website.get().trim().to_owned(),
            owner: self.owner.get().trim().to_owned(),
            tags: self
                .tags
                .get()
                .split(',')
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
                .collect(),
            notes: self.notes.get(),
            category: self.category.get(),
            position: self.position.get(),
            stage: self.stage.get(),
            markets: self.markets.get(),
            ..stored.clone()
        }
    }
}

impl Fields {
    /// What saving writes: the stored partner with only the fields the person changed
    /// from `base` (the version the form was filled from) taken from the form. A field
    /// another tab changed meanwhile and the person left alone keeps the other tab's
    /// value, so the save stamps only what the person edited (`workspace::stamps`).
    fn changes_over(&self, stored: &Partner, base: &Partner) -> Partner {
        let form = self.draft(stored);
        let mut out = stored.clone();
        macro_rules! take {
            ($($f:ident),+) => {$(
                if form.$f != base.$f {
                    out.$f = form.$f.clone();
                }
            )+};
        }
        take!(name, website, owner, tags, notes, category, position, stage, markets);
        out
    }
}

/// Whether two versions of a partner agree on every field the profile form edits.
fn same_profile(a: &Partner, b: &Partner) -> bool {
    a.name == b.name
        && a.website == b.website
        && a.owner == b.owner
        && a.tags == b.tags
        && a.notes == b.notes
        && a.category == b.category
        && a.position == b.position
        && a.stage == b.stage
        && a.markets == b.markets
}

#[component]
fn ProfileForm(partner: Partner) -> impl IntoView {
    let store = use_store();
    let id = partner.id.clone();
    let fields = Fields::new(&partner);
    let kept = use_draft(DraftKey::of_partner(Form::Profile, &id), fields.for_draft());
    let stored = {
        let id = id.clone();
        Memo::new(move |_| store.ws.with(|ws| ws.partner(&id).cloned()))
    };
    let draft = Memo::new(move |_| stored.get().map(|p| fields.draft(&p)));
    // The version the form was filled from. When the stored partner changes under the
    // form (an import, an undo), the form follows it unless it holds unsaved edits; then
    // it says so instead of silently undoing the other change on the next save.
    let base = RwSignal::new(partner);
    let outdated = RwSignal::new(false);
    let dirty = Memo::new(move |_| {
        draft.with(|d| {
            d.as_ref()
                .is_some_and(|d| base.with(|b| !same_profile(d, b)))
        })
    });
    Effect::new(move |_| {
        let Some(new) = stored.get() else { return };
        // Key players and timestamps change under the form too; only the profile's
        // own fields matter here.
        if base.with_untracked(|b| same_profile(b, &new)) {
            return;
        }
        let unsaved = dirty.get_untracked();
        let matches_form =
            draft.with_untracked(|d| d.as_ref().is_some_and(|d| same_profile(d, &new)));
        if matches_form || !unsaved {
            fields.reset(&new);
            base.set(new);
            outdated.set(false);
            kept.rebase();
        } else {
            outdated.set(true);
        }
    });
    let load_newer = move |_| {
        if let Some(p) = stored.get_untracked() {
            fields.reset(&p);
            base.set(p);
            outdated.set(false);
            kept.rebase();
        }
    };
    let errors = Memo::new(move |_| {
        draft.with(|d| match d {
            Some(d) => store.ws.with(|ws| ws.check_partner(d)),
            None => Vec::new(),
        })
    });
    let err = move |path: &'static str| {
        Signal::derive(move || {
            errors.with(|e| {
                e.iter()
                    .find(|e| e.path == path || e.path.starts_with(&format!("{path}[")))
                    .map(|e| e.message.clone())
            })
        })
    };
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(current) = stored.get_untracked() else {
            return;
        };
        let d = base.with_untracked(|b| fields.changes_over(&current, b));
        match store.edit(format!("edit {}", d.name), |ws| {
            ws.save_partner(d, storage::now())
        }) {
            Some(Ok(_)) => {
                // The form now shows what was saved, other tabs' fields included.
                if let Some(p) = stored.get_untracked() {
                    fields.reset(&p);
                    base.set(p);
                    outdated.set(false);
                }
                kept.clear();
                store.say("Partner saved.");
            }
            Some(Err(e)) => store.say(format!(
                "Not saved: {}",
                e.first().map(|e| e.to_string()).unwrap_or_default()
            )),
            None => {}
        }
    };
    let revert = move |_| fields.reset(&base.get_untracked());
    let heading = move || {
        let name = fields.name.get();
        if name.trim().is_empty() {
            "Unnamed partner".to_owned()
        } else {
            name
        }
    };
    let website_link = move || {
        stored.with(|s| {
            s.as_ref()
                .filter(|p| !p.website.is_empty() && validate::website(&p.website).is_ok())
                .map(|p| {
                    view! { <WebsiteLink url=p.website.clone() class="external" suffix=" ↗"/> }
                })
        })
    };
    let markets = move || store.ws.with(Workspace::market_choices);

    view! {
        <section class="screen">
            <p class="crumbs"><a href="#/partners">"Partners"</a>" / "</p>
            <div class="screen__head">
                <h1 tabindex="-1">{heading}</h1>
                <span>
                    {website_link}" "
                </span>
            </div>
            <PartnerTabs id=id.clone() current=None/>
            <DraftOffer draft=kept/>
            <form class="card form" on:submit=save novalidate inert=kept.pending()>
                <h2>"Profile"</h2>
                <Show when=move || outdated.get()>
                    <div class="notice" role="alert">
                        <p>"This partner was changed elsewhere (an import or an undo) while you were editing. Saving keeps your version of these fields."</p>
                        <button type="button" class="button" on:click=load_newer>"Load the newer version (discard my edits)"</button>
                    </div>
                </Show>
                <div class="form__grid">
                    <TextField label="Name" name="name".into() value=fields.name error=err("name")/>
                    <TextField label="Website" name="website".into() value=fields.website
                        error=err("website") input_type="url" hint="An http:// or https:// address."/>
                    <OptionalChoiceField label="Category" name="category".into() value=fields.category
                        prompt="Nobody has chosen one yet: choose it so the portfolio counts this partner by what it is."/>
                    <OptionalChoiceField label="Market position" name="position".into() value=fields.position
                        prompt="Nobody has chosen one yet: until then the effort on incumbents leaves this partner out."/>
                    <ChoiceField label="Stage" name="stage".into() value=fields.stage/>
                    // The ladder moves only on the Fit & ladder tab, where a move shows
                    // its warnings and is recorded; the profile shows where it stands.
                    <div class="field">
                        <span class="field__label">"Ladder level"</span>
                        <p class="field__static">
                            <span data-testid="ladder-level">{move || stored.with(|s| s.as_ref().map(|p| p.ladder.label()))}</span>" "
                            <a href=Route::Section(id.clone(), Section::Fit).href()>"Change on Fit & ladder"</a>
                        </p>
                    </div>
                    <TextField label="Owner" name="owner".into() value=fields.owner error=err("owner")
                        hint="Who on our side owns the relationship."/>
                    <TextField label="Tags" name="tags".into() value=fields.tags error=err("tags")
                        hint="Separated by commas."/>
                </div>
                <fieldset class="field markets">
                    <legend>"Markets"</legend>
                    {move || {
                        let list = markets();
                        if list.is_empty() {
                            view! { <p class="muted">"No markets in the catalogue yet: add this partner's first one below."</p> }.into_any()
                        } else {
                            view! { <div class="markets__list">{list.into_iter().map(|(mid, mname)| {
                                let checked = mid.clone();
                                let toggled = mid.clone();
                                view! {
                                    <label class="check">
                                        <input type="checkbox"
                                            prop:checked=move || fields.markets.with(|m| m.contains(&checked))
                                            on:change=move |ev| {
                                                let on = event_target_checked(&ev);
                                                fields.markets.update(|m| {
                                                    m.retain(|x| x != &toggled);
                                                    if on { m.push(toggled.clone()); }
                                                });
                                            }/>
                                        {mname}
                                    </label>
                                }
                            }).collect_view()}</div> }.into_any()
                        }
                    }}
                    <FieldError id="e-markets".into() message=err("markets")/>
                    // Saved at once with the catalogue: the form takes it as already
                    // saved, so its other unsaved fields stay as they are.
                    <crate::ui::markets::AddMarket partner=id.clone() name="profile"
                        on_added=Callback::new(move |market: Id| {
                            base.update(|b| b.markets.push(market.clone()));
                            fields.markets.update(|m| if !m.contains(&market) { m.push(market) });
                        })/>
                </fieldset>
                <TextField label="Notes" name="notes".into() value=fields.notes error=err("notes") multiline=true/>
                <FormActions save_label="Save profile" dirty has_errors=Signal::derive(move || !errors.with(Vec::is_empty)) on_revert=revert/>
                {move || error_for(&errors.get(), "id").map(|m| view! { <p class="field__error">{m}</p> })}
            </form>
        </section>
    }
}
