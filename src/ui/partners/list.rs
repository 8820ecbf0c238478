//! The partner table: search, filters, sorting, create and delete (with undo).

use crate::model::actions::{Applied, PartnerAction};
use crate::model::core::vocabulary::{label_or_not_set, Choice, NOT_SET};
use crate::model::workspace::draft::{DraftKey, Form};
use crate::model::workspace::query::{showing, Pick, Query, SortKey};
use crate::model::Workspace;
use crate::model::{Category, Id, MarketPosition, Partner, Stage};
use crate::storage;
use crate::ui::confirm::Verb;
use crate::ui::draft::{use_draft, DraftOffer, FormFields};
use crate::ui::fields::ChoiceFilter;
use crate::ui::health::Badge;
use crate::ui::route::{self, Route};
use crate::ui::state::{use_store, Toast};
use leptos::prelude::*;

/// Rows rendered before "Show more": a screenful or two. Each row on the page costs
/// its share of a keystroke's or a sort's style and layout (bench/RESULTS.md: 100
/// rows took most of a search keystroke at 2,000 partners).
const PAGE: usize = 50;

/// What one table row shows. The table keeps a row of cells per position on the page and
/// fills it with the `Row` of the partner there, so a search, a sort or "Show more"
/// updates the cells that differ instead of building every row anew (building rows was
/// most of a keystroke's or a sort's time at 2,000 partners: bench/RESULTS.md).
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
    /// The health badge, part of the row so that it changes with the partner shown.
    badge: Option<Badge>,
}

impl Row {
    fn of(ws: &Workspace, p: &Partner, badge: Option<Badge>) -> Self {
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
            badge,
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
    // Only when it changes: setting it anyway made `shown` build the page's rows again
    // after every keystroke.
    Effect::new(move |_| {
        query.track();
        if limit.get_untracked() != PAGE {
            limit.set(PAGE);
        }
    });
    let today = storage::now().date_naive();
    let shown = Memo::new(move |_| {
        store.ws.with(|ws| {
            rows.with(|r| {
                r.iter()
                    .take(limit.get())
                    .map(|&i| {
                        let p = &ws.partners[i];
                        // From the store's cache: the reading of a partner already
                        // shown is not computed again.
                        let badge = store.reading(ws, &p.id, today).map(|r| Badge::of(&r));
                        Row::of(ws, p, badge)
                    })
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
                <PartnerTable shown sort descending/>
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

/// The table of the page's partners, with its sortable headers.
#[component]
fn PartnerTable(
    shown: Memo<Vec<Row>>,
    sort: RwSignal<SortKey>,
    descending: RwSignal<bool>,
) -> impl IntoView {
    // The partner whose "Delete" asks for confirmation: kept by partner, not by
    // position, so the question follows the partner when the rows are reordered and
    // never shows on the partner that takes its place.
    let confirming = RwSignal::new(None::<Id>);
    let body = NodeRef::<leptos::html::Tbody>::new();
    follow_partners(shown, confirming, body);
    warm_table(shown, body);
    view! {
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
            <tbody node_ref=body>
                // Keyed by position: a row's cells stay and show whichever
                // partner is at its position now.
                <For each=move || 0..shown.with(Vec::len) key=|at| *at let:at>
                    <PartnerRow at shown confirming/>
                </For>
            </tbody>
        </table>
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

/// Keeps what belongs to a partner with the partner when the rows show other partners
/// (a search, a sort, a delete, another tab's edit): the open "Confirm delete" closes
/// once its partner has left the page, and focus inside a row moves to the same control
/// in the row that now shows the focused partner, or leaves the table if that partner
/// is no longer on the page, instead of staying on a partner nobody chose.
fn follow_partners(
    shown: Memo<Vec<Row>>,
    confirming: RwSignal<Option<Id>>,
    body: NodeRef<leptos::html::Tbody>,
) {
    Effect::new(move |before: Option<Vec<Id>>| {
        let now: Vec<Id> = shown.with(|rows| rows.iter().map(|r| r.id.clone()).collect());
        if confirming.with_untracked(|c| c.as_ref().is_some_and(|c| !now.contains(c))) {
            confirming.set(None);
        }
        if let Some(before) = before.filter(|b| *b != now) {
            let after = now.clone();
            // After the rows' cells are updated, before the frame is painted.
            request_animation_frame(move || move_focus(body, &before, &after));
        }
        now
    });
}

/// Runs once, while the browser is idle after the table is shown, the code a search and
/// a sort run that loading the table does not: the search's text match and a sort by
/// another column over every partner, and a row's cells rewritten for another partner
/// (on a copy of the first row, never in the page). The browser compiles a wasm
/// function on its first call, which made the first search after load the slowest
/// (bench/RESULTS.md).
fn warm_table(shown: Memo<Vec<Row>>, body: NodeRef<leptos::html::Tbody>) {
    use leptos::wasm_bindgen::JsCast;
    let store = use_store();
    crate::ui::idle::in_idle_time(move || {
        let query = Query {
            text: "e".to_owned(),
            sort: SortKey::Stage,
            descending: true,
            ..Query::default()
        };
        store.ws.with_untracked(|ws| store.partner_rows(ws, &query));
        // The table may be gone by the time the browser is idle: then only the search ran.
        let copy = body
            .try_get_untracked()
            .flatten()
            .and_then(|body| body.first_element_child())
            .and_then(|tr| tr.clone_node_with_deep(true).ok())
            .and_then(|tr| tr.dyn_into::<web_sys::Element>().ok());
        shown.try_with_untracked(|rows| {
            if let (Some(copy), [first, second, ..]) = (copy, rows.as_slice()) {
                if let Some(cells) = Cells::of(&copy) {
                    cells.write(first, second);
                }
            }
        });
        false
    });
}

/// Moves focus from a control in the row at a position whose partner changed to the
/// same control in that partner's new row (see [`follow_partners`]).
fn move_focus(body: NodeRef<leptos::html::Tbody>, before: &[Id], after: &[Id]) {
    use leptos::wasm_bindgen::JsCast;
    let Some(body) = body.try_get_untracked().flatten() else {
        return;
    };
    let Some(focused) = document().active_element() else {
        return;
    };
    let Some(at) = focused
        .closest("tr[data-at]")
        .ok()
        .flatten()
        .filter(|tr| body.contains(Some(tr)))
        .and_then(|tr| tr.get_attribute("data-at"))
        .and_then(|at| at.parse::<usize>().ok())
    else {
        return;
    };
    let Some(partner) = before.get(at) else {
        return;
    };
    if after.get(at) == Some(partner) {
        return;
    }
    let control = focused.get_attribute("data-control").unwrap_or_default();
    let target = after
        .iter()
        .position(|id| id == partner)
        .and_then(|to| {
            body.query_selector(&format!(
                "tr[data-at=\"{to}\"] [data-control=\"{control}\"]"
            ))
            .ok()
            .flatten()
        })
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    match target {
        Some(el) => {
            let _ = el.focus();
        }
        None => {
            if let Ok(el) = focused.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.blur();
            }
        }
    }
}

/// The row at position `at` of the page. Its cells show the partner at that position in
/// `shown`; when another partner takes the position, one effect compares the row it
/// wrote with the new one and writes only the text and attributes that differ
/// ([`Cells::write`]). A keystroke or a sort at 2,000 partners changes most of the page's
/// 50 rows: a render effect per cell (~20 a row) cost more than the cells' writes.
#[component]
fn PartnerRow(at: usize, shown: Memo<Vec<Row>>, confirming: RwSignal<Option<Id>>) -> impl IntoView {
    let store = use_store();
    let now = move || shown.with_untracked(|rows| rows.get(at).cloned());
    let asking = Memo::new(move |_| {
        confirming.with(|c| {
            shown.with(|rows| matches!((c, rows.get(at)), (Some(c), Some(r)) if *c == r.id))
        })
    });
    let delete = move |_| {
        confirming.set(None);
        let Some(Row { id, name, .. }) = now() else {
            return;
        };
        let action = PartnerAction::Delete { partner: id, name };
        if let Some(Ok(Applied::Deleted(removed))) = store.dispatch(action) {
            let message = format!("Deleted {}.", removed.partner.name);
            store.toast.set(Some(Toast::new(message, Some(removed))));
        }
    };
    let ask = move |_| confirming.set(now().map(|r| r.id));
    let actions = move || {
        if asking.get() {
            view! {
                <button type="button" class="button button--danger button--small"
                    data-control="confirm" on:click=delete>{Verb::Delete.confirm()}</button>
                <button type="button" class="button button--quiet button--small"
                    data-control="cancel" on:click=move |_| confirming.set(None)>"Cancel"</button>
            }
            .into_any()
        } else {
            // Named when built; renamed by `Cells::write` while it stays.
            let label = now().map(|r| delete_label(&r));
            view! {
                <button type="button" class="button button--quiet button--small" data-control="delete"
                    aria-label=label on:click=ask>
                    {Verb::Delete.word()}
                </button>
            }
            .into_any()
        }
    };
    // Positions are made for the rows `shown` holds, so the row is there.
    let first = now()?;
    let tr = NodeRef::<leptos::html::Tr>::new();
    follow_row(at, shown, tr, first.clone());
    Some(row_view(at, &first, tr, actions))
}

/// The row's elements, filled with `r`; [`follow_row`] keeps them up to date.
fn row_view(
    at: usize,
    r: &Row,
    tr: NodeRef<leptos::html::Tr>,
    actions: impl IntoView + 'static,
) -> impl IntoView {
    let badge = r.badge.as_ref();
    view! {
        <tr data-at=at data-id=r.id.to_string() node_ref=tr>
            <th scope="row">
                <a href=Route::Partner(r.id.clone()).href() data-control="link">{r.name.clone()}</a>
            </th>
            // A value nobody chose is named by its column on a phone too, where the
            // cells stand side by side without their headers ("Category: Not set").
            <td class=unset_class(r.category.is_none()) data-label=unset_label(r.category.is_none(), "Category")>
                {label_or_not_set(r.category).to_owned()}
            </td>
            <td class=unset_class(r.position.is_none()) data-label=unset_label(r.position.is_none(), "Market position")>
                {label_or_not_set(r.position).to_owned()}
            </td>
            <td><span class=stage_class(r.stage)>{r.stage.label().to_owned()}</span></td>
            <td class="muted">{r.markets.clone()}</td>
            // data-label: the column's name, shown beside the value when the table is a
            // list of cards on a phone (style/partners.css).
            <td class="nowrap" data-label="Owner">{r.owner.clone()}</td>
            <td class="num" data-label="Key players">{r.players.to_string()}</td>
            <td class="num" data-label="Health">
                <span class=badge.map(|b| b.class.clone()) title=badge.map(|b| b.label.clone())
                    aria-label=badge.map(|b| b.label.clone())
                    role=badge.map(|_| "img")>{badge.map_or(String::new(), |b| b.text.clone())}</span>
            </td>
            <td class="muted nowrap" data-label="Updated">{r.updated.clone()}</td>
            <td class="actions">{actions}</td>
        </tr>
    }
}

fn delete_label(r: &Row) -> String {
    format!("Delete {}", r.name)
}

fn stage_class(stage: Stage) -> String {
    format!("stage stage--{}", stage.key())
}

fn unset_class(unset: bool) -> Option<&'static str> {
    unset.then_some("unset")
}

fn unset_label(unset: bool, column: &'static str) -> Option<&'static str> {
    unset.then_some(column)
}

/// Writes the partner now at position `at` into the row's cells when it differs from the
/// row last written (`first` at the start).
fn follow_row(at: usize, shown: Memo<Vec<Row>>, tr: NodeRef<leptos::html::Tr>, first: Row) {
    let mut written = first;
    let mut cells: Option<Cells> = None;
    Effect::new(move || {
        shown.try_with(|rows| {
            let Some(now) = rows.get(at).filter(|now| **now != written) else {
                return;
            };
            if cells.is_none() {
                cells = tr
                    .try_get_untracked()
                    .flatten()
                    .and_then(|tr| Cells::of(&tr));
            }
            if let Some(cells) = &cells {
                cells.write(&written, now);
                written = now.clone();
            }
        });
    });
}

/// The nodes of a row that change with its partner, found once per row.
struct Cells {
    tr: web_sys::Element,
    link: web_sys::Element,
    name: web_sys::Node,
    category: (web_sys::Element, web_sys::Node),
    position: (web_sys::Element, web_sys::Node),
    stage: (web_sys::Element, web_sys::Node),
    markets: web_sys::Node,
    owner: web_sys::Node,
    players: web_sys::Node,
    badge: (web_sys::Element, web_sys::Node),
    updated: web_sys::Node,
    actions: web_sys::Element,
}

impl Cells {
    /// Finds the nodes in a row that [`row_view`] built.
    fn of(tr: &web_sys::Element) -> Option<Self> {
        use web_sys::Element;
        let next = |el: &Element| el.next_element_sibling();
        let child = |el: &Element| el.first_element_child();
        let text = |el: &Element| el.first_child();
        let th = child(tr)?;
        let link = child(&th)?;
        let category = next(&th)?;
        let position = next(&category)?;
        let stage_td = next(&position)?;
        let stage = child(&stage_td)?;
        let markets = next(&stage_td)?;
        let owner = next(&markets)?;
        let players = next(&owner)?;
        let health = next(&players)?;
        let badge = child(&health)?;
        let updated = next(&health)?;
        let actions = next(&updated)?;
        Some(Cells {
            tr: tr.clone(),
            name: text(&link)?,
            link,
            category: (category.clone(), text(&category)?),
            position: (position.clone(), text(&position)?),
            stage: (stage.clone(), text(&stage)?),
            markets: text(&markets)?,
            owner: text(&owner)?,
            players: text(&players)?,
            badge: (badge.clone(), text(&badge)?),
            updated: text(&updated)?,
            actions,
        })
    }

    /// Writes what differs between the row written last (`was`) and `now`.
    fn write(&self, was: &Row, now: &Row) {
        if was.id != now.id {
            attr(&self.tr, "data-id", Some(&now.id.to_string()));
            attr(
                &self.link,
                "href",
                Some(&Route::Partner(now.id.clone()).href()),
            );
        }
        if was.name != now.name {
            self.name.set_node_value(Some(&now.name));
            if let Ok(Some(button)) = self.actions.query_selector("[data-control=\"delete\"]") {
                attr(&button, "aria-label", Some(&delete_label(now)));
            }
        }
        if was.category != now.category {
            let (td, text) = &self.category;
            unset(
                td,
                text,
                now.category.is_none(),
                "Category",
                label_or_not_set(now.category),
            );
        }
        if was.position != now.position {
            let (td, text) = &self.position;
            let label = label_or_not_set(now.position);
            unset(td, text, now.position.is_none(), "Market position", label);
        }
        if was.stage != now.stage {
            attr(&self.stage.0, "class", Some(&stage_class(now.stage)));
            self.stage.1.set_node_value(Some(now.stage.label()));
        }
        if was.markets != now.markets {
            self.markets.set_node_value(Some(&now.markets));
        }
        if was.owner != now.owner {
            self.owner.set_node_value(Some(&now.owner));
        }
        if was.players != now.players {
            self.players.set_node_value(Some(&now.players.to_string()));
        }
        if was.badge != now.badge {
            self.write_badge(was.badge.as_ref(), now.badge.as_ref());
        }
        if was.updated != now.updated {
            self.updated.set_node_value(Some(&now.updated));
        }
    }

    fn write_badge(&self, was: Option<&Badge>, now: Option<&Badge>) {
        let (span, text) = &self.badge;
        let field = |f: fn(&Badge) -> &String| (was.map(f), now.map(f));
        let (was_class, now_class) = field(|b| &b.class);
        if was_class != now_class {
            attr(span, "class", now_class.map(String::as_str));
        }
        let (was_label, now_label) = field(|b| &b.label);
        if was_label != now_label {
            let label = now_label.map(String::as_str);
            attr(span, "title", label);
            attr(span, "aria-label", label);
        }
        if was.is_some() != now.is_some() {
            attr(span, "role", now.map(|_| "img"));
        }
        let (was_text, now_text) = field(|b| &b.text);
        if was_text != now_text {
            text.set_node_value(Some(now_text.map_or("", String::as_str)));
        }
    }
}

/// Sets an attribute, or removes it for `None`.
fn attr(el: &web_sys::Element, name: &str, value: Option<&str>) {
    let _ = match value {
        Some(value) => el.set_attribute(name, value),
        None => el.remove_attribute(name),
    };
}

/// A cell whose value may be unset: its text, and the class and phone label of "Not set".
fn unset(td: &web_sys::Element, text: &web_sys::Node, unset: bool, column: &str, label: &str) {
    attr(td, "class", unset.then_some("unset"));
    attr(td, "data-label", unset.then_some(column));
    text.set_node_value(Some(label));
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
