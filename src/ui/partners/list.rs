//! The partner table: search, filters, sorting, create and delete (with undo).

use crate::model::actions::{Applied, PartnerAction};
use crate::model::core::vocabulary::{label_or_not_set, Choice, NOT_SET};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::workspace::query::{showing, Pick, Query, SortKey};
use crate::model::Workspace;
use crate::model::{Category, Id, MarketPosition, Partner, Stage};
use crate::storage;
use crate::ui::confirm::{ConfirmRemove, Verb};
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::fields::ChoiceFilter;
use crate::ui::health::HealthBadge;
use crate::ui::route::{self, Route};
use crate::ui::state::{use_store, Toast};
use leptos::prelude::*;

/// Rows rendered before "Show more": a screenful or two. Each row on the page costs
/// its share of a keystroke's or a sort's style and layout (bench/RESULTS.md: 100
/// rows took most of a search keystroke at 2,000 partners).
const PAGE: usize = 50;

/// What one table row shows; the whole row is its key, so any change re-renders it.
#[derive(Clone, PartialEq, Eq, Hash)]
struct Row {
    id: Id,
    name: String,
    category: Option<Category>,
    position: Option<MarketPosition>,
    stage: Stage,
    markets: String,
    owner: String,
    players: usize,
    updated: String,
}

impl Row {
    fn of(ws: &Workspace, p: &Partner) -> Self {
        Row {
            id: p.id.clone(),
            name: p.name.clone(),
            category: p.category,
            position: p.position,
            stage: p.stage,
            markets: p
                .markets
                .iter()
                .map(|m| ws.market_name(m))
                .collect::<Vec<_>>()
                .join(", "),
            owner: p.owner.clone(),
            players: p.key_players.len(),
            updated: crate::model::core::format::day_short(p.updated.date_naive()),
        }
    }
}

/// The search, the filters and the sort, each a signal the toolbar and the headers set.
#[derive(Clone, Copy)]
struct Filters {
    text: RwSignal<String>,
    stage: RwSignal<Option<Stage>>,
    category: RwSignal<Pick<Category>>,
    position: RwSignal<Pick<MarketPosition>>,
    market: RwSignal<Pick<Id>>,
    sort: RwSignal<SortKey>,
    descending: RwSignal<bool>,
}

impl Filters {
    fn new() -> Self {
        Filters {
            text: RwSignal::new(String::new()),
            stage: RwSignal::new(None),
            category: RwSignal::new(Pick::Any),
            position: RwSignal::new(Pick::Any),
            market: RwSignal::new(Pick::Any),
            sort: RwSignal::new(SortKey::Name),
            descending: RwSignal::new(false),
        }
    }

    /// The model's query, following every filter.
    fn query(self) -> Query {
        Query {
            text: self.text.get(),
            stage: self.stage.get(),
            category: self.category.get(),
            position: self.position.get(),
            market: self.market.get(),
            sort: self.sort.get(),
            descending: self.descending.get(),
        }
    }

    /// Clears the search and the filters; the sort stays.
    fn clear(self) {
        self.text.set(String::new());
        self.stage.set(None);
        self.category.set(Pick::Any);
        self.position.set(Pick::Any);
        self.market.set(Pick::Any);
    }
}

#[component]
pub fn PartnersScreen() -> impl IntoView {
    let store = use_store();
    let filters = Filters::new();
    let (sort, descending) = (filters.sort, filters.descending);
    let query = Memo::new(move |_| filters.query());
    // The matching partners, in order; rows are built only for the page shown, so a
    // keystroke or a sort at 2,000 partners builds 50 rows, not 2,000.
    let rows = Memo::new(move |_| {
        store
            .ws
            .with(|ws| query.with(|q| store.partner_rows(ws, q)))
    });
    let total = move || store.ws.with(|ws| ws.partners.len());
    // Long lists render a page at a time: building hundreds of rows at once would take
    // several frames, and nobody reads past the first screenfuls without searching.
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        query.track();
        limit.set(PAGE);
    });
    let shown = Memo::new(move |_| {
        store.ws.with(|ws| {
            rows.with(|r| {
                r.iter()
                    .take(limit.get())
                    .map(|&i| Row::of(ws, &ws.partners[i]))
                    .collect::<Vec<_>>()
            })
        })
    });
    view! {
        <section class="screen">
            <div class="screen__head">
                <h1 tabindex="-1">"Partners"</h1>
                <NewPartner/>
            </div>
            <Toolbar filters/>
            <p class="count" aria-live="polite">
                {move || {
                    let matching = rows.with(Vec::len);
                    showing(matching, matching.min(limit.get()), total())
                }}
            </p>
            <div class="table-wrap">
                <table class="table partners-table">
                    <thead>
                        <tr>
                            <SortHeader key=SortKey::Name sort descending/>
                            <SortHeader key=SortKey::Category sort descending/>
                            <SortHeader key=SortKey::Position sort descending/>
                            <SortHeader key=SortKey::Stage sort descending/>
                            <th scope="col">"Markets"</th>
                            <SortHeader key=SortKey::Owner sort descending/>
                            <th scope="col" class="num">"Key players"</th>
                            <th scope="col" class="num">"Health"</th>
                            <SortHeader key=SortKey::Updated sort descending/>
                            <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        <For each=move || shown.get() key=|row| row.clone() let:row>
                            <PartnerRow row/>
                        </For>
                    </tbody>
                </table>
                <ShowMore rows limit/>
                <Show when=move || rows.with(Vec::is_empty)>
                    <p class="empty">
                        {move || if total() == 0 {
                            "No partners yet. Add the first one above, or import a file on the Data screen."
                        } else {
                            "No partner matches this search and these filters."
                        }}
                    </p>
                </Show>
            </div>
        </section>
    }
}

/// The search box and the filters above the table.
#[component]
fn Toolbar(filters: Filters) -> impl IntoView {
    let store = use_store();
    let Filters {
        text,
        stage,
        category,
        position,
        market,
        ..
    } = filters;
    let markets = move || store.ws.with(Workspace::market_choices);
    view! {
        <div class="toolbar" role="search">
            <label class="filter filter--search">
                <span>"Search"</span>
                <input type="search" placeholder="Name, owner, tag, key player…"
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
            <ChoiceFilter label="Stage" value=stage/>
            <PickFilter label="Category" value=category/>
            <PickFilter label="Position" value=position/>
            <label class="filter">
                <span>"Market"</span>
                <select on:change=move |ev| market.set(match event_target_value(&ev).as_str() {
                    NOT_SET_VALUE => Pick::NotSet,
                    value => Id::parse(value).map_or(Pick::Any, Pick::Is),
                })>
                    <option value="" selected=move || market.with(|m| *m == Pick::Any)>"Any"</option>
                    <option value=NOT_SET_VALUE selected=move || market.with(|m| *m == Pick::NotSet)>{NOT_SET}</option>
                    {move || markets().into_iter().map(|(id, name)| {
                        let selected = Pick::Is(id.clone());
                        view! {
                            <option value=id.to_string()
                                selected=move || market.with(|m| *m == selected)>{name}</option>
                        }
                    }).collect_view()}
                </select>
            </label>
            <button class="button button--quiet" on:click=move |_| filters.clear()>"Clear filters"</button>
        </div>
    }
}

/// The value of a filter's "Not set" option: neither a vocabulary key nor an id can be it.
const NOT_SET_VALUE: &str = "(not set)";

/// A filter on a field a partner may leave empty: "Any", "Not set" (so the partners
/// nobody classified can be found), then every value of the vocabulary.
#[component]
fn PickFilter<T: Choice>(label: &'static str, value: RwSignal<Pick<T>>) -> impl IntoView {
    let key = move || match value.get() {
        Pick::Any => "",
        Pick::NotSet => NOT_SET_VALUE,
        Pick::Is(v) => v.key(),
    };
    view! {
        <label class="filter">
            <span>{label}</span>
            <select prop:value=key
                on:change=move |ev| value.set(match event_target_value(&ev).as_str() {
                    NOT_SET_VALUE => Pick::NotSet,
                    k => T::from_key(k).map_or(Pick::Any, Pick::Is),
                })>
                <option value="" selected=move || value.get() == Pick::Any>"Any"</option>
                <option value=NOT_SET_VALUE selected=move || value.get() == Pick::NotSet>{NOT_SET}</option>
                {T::all().iter().map(|&option| view! {
                    <option value=option.key() selected=move || value.get() == Pick::Is(option)>
                        {option.label()}
                    </option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// "Show 50 more" and "Show all" while the table holds more rows than it shows.
#[component]
fn ShowMore(rows: Memo<Vec<usize>>, limit: RwSignal<usize>) -> impl IntoView {
    view! {
        <Show when=move || { rows.with(Vec::len) > limit.get() }>
            <div class="more">
                // Saturating: "Show all" sets the limit to usize::MAX, and this text is
                // read once more before the Show hides it.
                <button class="button" on:click=move |_| limit.update(|l| *l = l.saturating_add(PAGE))>
                    {move || format!("Show {} more", rows.with(Vec::len).saturating_sub(limit.get()).min(PAGE))}
                </button>
                <button class="button button--quiet" on:click=move |_| limit.set(usize::MAX)>
                    {move || format!("Show all {}", rows.with(Vec::len))}
                </button>
            </div>
        </Show>
    }
}

#[component]
fn SortHeader(key: SortKey, sort: RwSignal<SortKey>, descending: RwSignal<bool>) -> impl IntoView {
    let aria_sort = move || {
        if sort.get() != key {
            "none"
        } else if descending.get() {
            "descending"
        } else {
            "ascending"
        }
    };
    let arrow = move || match aria_sort() {
        "ascending" => " ▲",
        "descending" => " ▼",
        _ => "",
    };
    view! {
        <th scope="col" aria-sort=aria_sort>
            <button class="sort" on:click=move |_| {
                if sort.get() == key {
                    descending.update(|d| *d = !*d);
                } else {
                    sort.set(key);
                    descending.set(false);
                }
            }>{key.label()}<span aria-hidden="true">{arrow}</span></button>
        </th>
    }
}

#[component]
fn PartnerRow(row: Row) -> impl IntoView {
    let store = use_store();
    let href = Route::Partner(row.id.clone()).href();
    let id = row.id.clone();
    let name = row.name.clone();
    let named = name.clone();
    let delete = Callback::new(move |_: ()| {
        let action = PartnerAction::Delete {
            partner: id.clone(),
            name: named.clone(),
        };
        if let Some(Ok(Applied::Deleted(removed))) = store.dispatch(action) {
            let message = format!("Deleted {}.", removed.partner.name);
            store.toast.set(Some(Toast::new(message, Some(removed))));
        }
    });
    view! {
        <tr>
            <th scope="row"><a href=href>{row.name.clone()}</a></th>
            // A value nobody chose is named by its column on a phone too, where the
            // cells stand side by side without their headers ("Category: Not set").
            <td class:unset=row.category.is_none()
                data-label=row.category.is_none().then_some("Category")>{label_or_not_set(row.category)}</td>
            <td class:unset=row.position.is_none()
                data-label=row.position.is_none().then_some("Market position")>{label_or_not_set(row.position)}</td>
            <td><span class=format!("stage stage--{}", row.stage.key())>{row.stage.label()}</span></td>
            <td class="muted">{row.markets}</td>
            // data-label: the column's name, shown beside the value when the table is a
            // list of cards on a phone (style/partners.css).
            <td class="nowrap" data-label="Owner">{row.owner}</td>
            <td class="num" data-label="Key players">{row.players}</td>
            <td class="num" data-label="Health"><HealthBadge id=row.id.clone()/></td>
            <td class="muted nowrap" data-label="Updated">{row.updated}</td>
            <td class="actions">
                <ConfirmRemove verb=Verb::Delete label=format!("Delete {name}") on_remove=delete/>
            </td>
        </tr>
    }
}

/// A one-field form: name the partner, then fill in the rest on its page.
#[component]
fn NewPartner() -> impl IntoView {
    let store = use_store();
    let name = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let kept = use_draft(
        DraftKey::adding(Form::NewPartner, None),
        FormFields::new().text("name", name),
    );
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let partner = Partner::new(storage::new_id(), name.get().trim(), storage::now());
        let id = partner.id.clone();
        match store.dispatch(PartnerAction::Add(partner)) {
            Some(Ok(_)) => {
                name.set(String::new());
                error.set(None);
                kept.clear();
                route::go(&Route::Partner(id));
            }
            Some(Err(e)) => error.set(e.problems().first().map(|e| format!("Name {}.", e.message))),
            None => {}
        }
    };
    view! {
        <DraftOffer draft=kept/>
        <form class="inline-form" on:submit=submit inert=kept.pending()>
            <label for="new-partner-name" class="visually-hidden">"New partner name"</label>
            <input id="new-partner-name" placeholder="New partner name"
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby="new-partner-error"
                prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <button class="button button--primary" type="submit">"Add partner"</button>
            <p id="new-partner-error" class="field__error" role="alert">{move || error.get()}</p>
        </form>
    }
}
