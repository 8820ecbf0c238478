//! A partner's page: the profile form with inline validation, and its key players.

use super::key_players::KeyPlayers;
use super::tabs::PartnerTabs;
use super::website::WebsiteLink;
use crate::model::actions::PartnerAction;
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::workspace::validate;
use crate::model::Workspace;
use crate::model::{Category, Id, MarketPosition, Partner, Stage};
use crate::ui::draft::{use_draft, Draft, DraftOffer, FormFields};
use crate::ui::fields::{
    error_for, ChoiceField, FieldError, FormActions, OptionalChoiceField, OutdatedNotice, TextField,
};
use crate::ui::route::{Route, Section};
use crate::ui::state::{use_store, Store};
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
    let base = Base::follow(partner, stored, draft, fields, kept);
    let dirty = base.dirty;
    let outdated = base.outdated;
    let load_newer = Callback::new(move |()| {
        if let Some(p) = stored.get_untracked() {
            base.load(p, fields, kept);
        }
    });
    let errors = Memo::new(move |_| {
        draft.with(|d| match d {
            Some(d) => store.ws.with(|ws| ws.check_partner(d)),
            None => Vec::new(),
        })
    });
    let err = move |path: &'static str| message_for(errors, path);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save_changes(store, stored, base, fields, kept);
    };
    let revert = move |_| fields.reset(&base.partner.get_untracked());
    view! {
        <section class="screen">
            <p class="crumbs"><a href="#/partners">"Partners"</a>" / "</p>
            <ProfileHead name=fields.name stored/>
            <PartnerTabs id=id.clone() current=None/>
            <DraftOffer draft=kept/>
            <form class="card form" on:submit=save novalidate inert=kept.pending()>
                <h2>"Profile"</h2>
                <Show when=move || outdated.get()>
                    <OutdatedNotice on_load=load_newer
                        message="This partner was changed elsewhere (an import or an undo) while you were editing. Saving keeps your version of these fields."/>
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
                    <LadderLevelField id=id.clone() stored/>
                    <TextField label="Owner" name="owner".into() value=fields.owner error=err("owner")
                        hint="Who on our side owns the relationship."/>
                    <TextField label="Tags" name="tags".into() value=fields.tags error=err("tags")
                        hint="Separated by commas."/>
                </div>
                <fieldset class="field markets">
                    <legend>"Markets"</legend>
                    <MarketChecks chosen=fields.markets/>
                    <FieldError id="e-markets".into() message=err("markets")/>
                    // Saved at once with the catalogue: the form takes it as already
                    // saved, so its other unsaved fields stay as they are.
                    <crate::ui::markets::AddMarket partner=id.clone() name="profile"
                        on_added=Callback::new(move |market: Id| {
                            base.partner.update(|b| b.markets.push(market.clone()));
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

/// The message for a field, or for any item of a list field (`tags[2]`).
fn message_for(
    errors: Memo<Vec<crate::model::ValidationError>>,
    path: &'static str,
) -> Signal<Option<String>> {
    Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|e| e.path == path || e.path.starts_with(&format!("{path}[")))
                .map(|e| e.message.clone())
        })
    })
}

/// Saves the profile as typed; a refusal is said, since the form already marks the
/// fields it knows.
/// Saves the fields the person changed (another tab's edit of the rest stays), then shows
/// what was saved, other tabs' fields included.
fn save_changes(
    store: Store,
    stored: Memo<Option<Partner>>,
    base: Base,
    fields: Fields,
    kept: Draft,
) {
    let Some(current) = stored.get_untracked() else {
        return;
    };
    let d = base
        .partner
        .with_untracked(|b| fields.changes_over(&current, b));
    if save_profile(store, d, kept) {
        if let Some(p) = stored.get_untracked() {
            base.load(p, fields, kept);
        }
    }
}

/// Saves the profile; whether it was saved.
fn save_profile(store: Store, d: Partner, kept: Draft) -> bool {
    match store.dispatch(PartnerAction::Save(d)) {
        Some(Ok(_)) => {
            kept.clear();
            store.say("Partner saved.");
            true
        }
        Some(Err(e)) => {
            store.say(format!("Not saved: {e}"));
            false
        }
        None => false,
    }
}

/// The ladder level, shown only: it moves on the Fit & ladder tab, where a move shows
/// its warnings and is recorded.
#[component]
fn LadderLevelField(id: Id, stored: Memo<Option<Partner>>) -> impl IntoView {
    view! {
        <div class="field">
            <span class="field__label">"Ladder level"</span>
            <p class="field__static">
                <span data-testid="ladder-level">{move || stored.with(|s| s.as_ref().map(|p| p.ladder.label()))}</span>" "
                <a href=Route::Section(id, Section::Fit).href()>"Change on Fit & ladder"</a>
            </p>
        </div>
    }
}

/// The version of the partner the form was filled from. When the stored partner changes
/// under the form (an import, an undo), the form follows it unless it holds unsaved
/// edits; then `outdated` says so instead of silently undoing the other change on the
/// next save.
#[derive(Clone, Copy)]
struct Base {
    partner: RwSignal<Partner>,
    outdated: RwSignal<bool>,
    /// Whether the form differs from the version it was filled from.
    dirty: Memo<bool>,
}

impl Base {
    fn follow(
        partner: Partner,
        stored: Memo<Option<Partner>>,
        draft: Memo<Option<Partner>>,
        fields: Fields,
        kept: Draft,
    ) -> Self {
        let partner = RwSignal::new(partner);
        let dirty = Memo::new(move |_| {
            draft.with(|d| {
                d.as_ref()
                    .is_some_and(|d| partner.with(|b| !same_profile(d, b)))
            })
        });
        let base = Base {
            partner,
            outdated: RwSignal::new(false),
            dirty,
        };
        Effect::new(move |_| {
            let Some(new) = stored.get() else { return };
            // Key players and timestamps change under the form too; only the profile's
            // own fields matter here.
            if partner.with_untracked(|b| same_profile(b, &new)) {
                return;
            }
            let unsaved = dirty.get_untracked();
            let matches_form =
                draft.with_untracked(|d| d.as_ref().is_some_and(|d| same_profile(d, &new)));
            if matches_form || !unsaved {
                base.load(new, fields, kept);
            } else {
                base.outdated.set(true);
            }
        });
        base
    }

    /// Fills the form from `p`, which becomes the version it was filled from.
    fn load(self, p: Partner, fields: Fields, kept: Draft) {
        fields.reset(&p);
        self.partner.set(p);
        self.outdated.set(false);
        kept.rebase();
    }
}

/// The page's heading, the name as typed, and the partner's website as saved.
#[component]
fn ProfileHead(name: RwSignal<String>, stored: Memo<Option<Partner>>) -> impl IntoView {
    let heading = move || {
        let name = name.get();
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
    view! {
        <div class="screen__head">
            <h1 tabindex="-1">{heading}</h1>
            <span>
                {website_link}" "
            </span>
        </div>
    }
}

/// A checkbox per market of the catalogue, ticked for the markets in `chosen`.
#[component]
fn MarketChecks(chosen: RwSignal<Vec<Id>>) -> impl IntoView {
    let store = use_store();
    let markets = move || store.ws.with(Workspace::market_choices);
    move || {
        let list = markets();
        if list.is_empty() {
            return view! { <p class="muted">"No markets in the catalogue yet: add this partner's first one below."</p> }.into_any();
        }
        view! { <div class="markets__list">{list.into_iter().map(|(mid, mname)| {
            let checked = mid.clone();
            let toggled = mid.clone();
            view! {
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || chosen.with(|m| m.contains(&checked))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|m| {
                                m.retain(|x| x != &toggled);
                                if on { m.push(toggled.clone()); }
                            });
                        }/>
                    {mname}
                </label>
            }
        }).collect_view()}</div> }
        .into_any()
    }
}
