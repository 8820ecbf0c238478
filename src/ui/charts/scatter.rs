//! A labelled scatter of a handful of named points on two axes with named ticks (for
//! example influence 1–5 × stance Blocker…Champion). A point can show where it moved
//! from (a hollow ring joined to the dot); every point has a `<title>`, keyboard focus
//! and a name beside it; the same facts are offered as a table.
//!
//! ```ignore
//! use crate::ui::charts::scatter::{Axis, Scatter, ScatterPoint};
//! let x = Axis::new("Influence", 1.0, 5.0, (1..=5).map(|i| (i as f64, i.to_string())).collect());
//! let y = Axis::new("Stance", -2.0, 2.0, vec![(-2.0, "Blocker".into()), (2.0, "Champion".into())]);
//! view! { <Scatter label="Influence × stance" x=x y=y points=points
//!     columns=vec!["Key player", "Influence", "Stance"]/> }
//! ```
//!
//! Points at the same spot are spread sideways so each stays visible and focusable.

use crate::ui::charts::parts::{share, svg_units, Area, AsTable, Margins, RowGrid};
use leptos::prelude::*;

/// One axis: its name, its value range and the ticks to label.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub label: String,
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<(f64, String)>,
}

impl Axis {
    pub fn new(label: impl Into<String>, min: f64, max: f64, ticks: Vec<(f64, String)>) -> Self {
        Axis {
            label: label.into(),
            min,
            max,
            ticks,
        }
    }

    /// Where `v` falls on the axis, 0–1: a value beyond its ends is drawn at the end.
    fn share(&self, v: f64) -> f64 {
        share(v, self.min, self.max).clamp(0.0, 1.0)
    }
}

/// One point of the scatter.
#[derive(Clone, Debug, PartialEq)]
pub struct ScatterPoint {
    /// A stable key (the record id).
    pub key: String,
    /// The short name written beside the point, and the table's first column.
    pub label: String,
    pub x: f64,
    pub y: f64,
    /// Where the point moved from, drawn as a hollow ring joined to it.
    pub from: Option<(f64, f64)>,
    /// The full description, for the `<title>` and screen readers.
    pub title: String,
    /// A tone for the colour: "up", "down" or "level".
    pub tone: &'static str,
    /// The table's other cells, under `columns[1..]`.
    pub cells: Vec<String>,
}

const W: f64 = 520.0;
const H: f64 = 300.0;
const MARGINS: Margins = Margins {
    left: 84.0,
    right: 96.0,
    top: 14.0,
    bottom: 44.0,
};
/// Sideways step between points that share a spot.
const SPREAD: f64 = 14.0;

fn area() -> Area {
    Area::within(W, H, MARGINS)
}

#[derive(Clone, Debug, PartialEq)]
struct Placed {
    x: i64,
    y: i64,
    from: Option<(i64, i64)>,
    label: String,
    /// Where the name goes: beside the dot where it collides with nothing else.
    label_at: (i64, i64, &'static str),
    title: String,
    tone: &'static str,
}

/// A rough width of one character of a label, in view-box units (11–15 px type).
const CHAR_W: f64 = 7.0;
const LABEL_H: f64 = 14.0;

/// A label's box (left, top, right, bottom) for an anchor point and alignment.
fn label_box(x: f64, y: f64, anchor: &str, chars: usize) -> (f64, f64, f64, f64) {
    let w = chars as f64 * CHAR_W;
    let left = match anchor {
        "end" => x - w,
        "middle" => x - w / 2.0,
        _ => x,
    };
    (left, y - LABEL_H + 3.0, left + w, y + 3.0)
}

fn overlaps(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// Puts each name right of its dot, or else left, above or below, the first place
/// that covers no other dot and no name already placed.
fn place_labels(placed: &mut [Placed]) {
    let dots: Vec<(f64, f64, f64, f64)> = placed
        .iter()
        .map(|p| {
            let (x, y) = (p.x as f64, p.y as f64);
            (x - 7.0, y - 7.0, x + 7.0, y + 7.0)
        })
        .collect();
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (i, p) in placed.iter_mut().enumerate() {
        let (x, y) = (p.x as f64, p.y as f64);
        let chars = p.label.chars().count();
        let candidates = [
            (x + 9.0, y + 4.0, "start"),
            (x - 9.0, y + 4.0, "end"),
            (x, y - 11.0, "middle"),
            (x, y + 20.0, "middle"),
        ];
        let free = |&(cx, cy, anchor): &(f64, f64, &'static str)| {
            let b = label_box(cx, cy, anchor, chars);
            let hits_dot = dots
                .iter()
                .enumerate()
                .any(|(j, d)| j != i && overlaps(b, *d));
            !hits_dot && !taken.iter().any(|t| overlaps(b, *t))
        };
        let (cx, cy, anchor) = candidates
            .iter()
            .copied()
            .find(free)
            .unwrap_or(candidates[0]);
        taken.push(label_box(cx, cy, anchor, chars));
        p.label_at = (svg_units(cx), svg_units(cy), anchor);
    }
}

fn place(points: &[ScatterPoint], x: &Axis, y: &Axis) -> Vec<Placed> {
    let area = area();
    let px = |v: f64| area.x(x.share(v));
    let py = |v: f64| area.y(y.share(v));
    let spots: Vec<(i64, i64)> = points
        .iter()
        .map(|p| (svg_units(px(p.x)), svg_units(py(p.y))))
        .collect();
    let mut placed: Vec<Placed> = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let (sx, sy) = spots[i];
            // Spread each group of points at one spot symmetrically around it.
            let group: Vec<usize> = (0..points.len())
                .filter(|j| spots[*j] == (sx, sy))
                .collect();
            let rank = group.iter().position(|j| *j == i).unwrap_or(0) as f64;
            let offset = (rank - (group.len() as f64 - 1.0) / 2.0) * SPREAD;
            Placed {
                x: svg_units(sx as f64 + offset),
                y: sy,
                from: p
                    .from
                    .map(|(fx, fy)| (svg_units(px(fx) + offset), svg_units(py(fy)))),
                label: p.label.clone(),
                label_at: (0, 0, "start"),
                title: p.title.clone(),
                tone: p.tone,
            }
        })
        .collect();
    place_labels(&mut placed);
    placed
}

/// The chart. `label` names it for screen readers and heads the table; `columns` are
/// the table's headers (the first for the point's label); `legend` explains the marks.
#[component]
pub fn Scatter(
    #[prop(into)] label: String,
    x: Axis,
    y: Axis,
    #[prop(into)] points: Signal<Vec<ScatterPoint>>,
    columns: Vec<&'static str>,
    #[prop(optional, into)] legend: String,
) -> impl IntoView {
    let (xa, ya) = (x.clone(), y.clone());
    let placed = Memo::new(move |_| points.with(|p| place(p, &xa, &ya)));
    let area = area();
    let y_ticks: Vec<(i64, String)> = y
        .ticks
        .iter()
        .map(|(v, t)| (svg_units(area.y(y.share(*v))), t.clone()))
        .collect();
    // Kept where the table's children, made again each time the chart shows, can read it.
    let columns = StoredValue::new(columns);
    let head = move || {
        columns.with_value(|all| {
            all.iter()
                .map(|c| view! { <th scope="col">{*c}</th> })
                .collect_view()
        })
    };
    let table_label = label.clone();
    view! {
        <figure class="scatter">
            <Show when=move || !points.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">"Nothing to chart yet."</p> }>
                <svg class="scatter__svg" viewBox=format!("0 0 {} {}", svg_units(W), svg_units(H))
                    role="group" aria-label=label.clone()>
                    <g><ColumnGrid axis=x.clone()/></g>
                    <g><RowGrid area ticks=y_ticks.clone() gap=8.0 grid_class="scatter__grid" tick_class="scatter__tick"/></g>
                    <text class="scatter__axis-label" x=svg_units(area.x(0.5)) y=svg_units(H - 6.0) text-anchor="middle">{x.label.clone()}</text>
                    <text class="scatter__axis-label" transform=format!("translate(14 {}) rotate(-90)", svg_units(area.y(0.5)))
                        text-anchor="middle">{y.label.clone()}</text>
                    <g><Marks placed/></g>
                </svg>
                {(!legend.is_empty()).then(|| view! { <figcaption class="scatter__legend">{legend.clone()}</figcaption> })}
                <AsTable class="scatter__table" summary="As a table" table_class="chart-table"
                    caption=table_label.clone()>
                    <thead><tr>{head}</tr></thead>
                    <tbody><Rows points/></tbody>
                </AsTable>
            </Show>
        </figure>
    }
}

/// Gridlines up the plot at each tick of the x axis, labelled under it.
#[component]
fn ColumnGrid(axis: Axis) -> impl IntoView {
    let area = area();
    axis.ticks
        .iter()
        .map(|(v, t)| {
            let at = svg_units(area.x(axis.share(*v)));
            view! {
                <line class="scatter__grid" x1=at x2=at y1=svg_units(area.top) y2=svg_units(area.bottom)/>
                <text class="scatter__tick" x=at y=svg_units(area.bottom + 16.0) text-anchor="middle">{t.clone()}</text>
            }
        })
        .collect_view()
}

/// Each point: its dot (focusable, titled), where it moved from, and its name.
#[component]
fn Marks(placed: Memo<Vec<Placed>>) -> impl IntoView {
    move || {
        placed.with(|all| {
            all.iter()
                .map(|p| {
                    let trail = p.from.filter(|f| *f != (p.x, p.y)).map(|(fx, fy)| {
                        view! {
                            <line class="scatter__trail" x1=fx y1=fy x2=p.x y2=p.y/>
                            <circle class="scatter__from" cx=fx cy=fy r="5"/>
                        }
                    });
                    view! {
                        <g class=format!("scatter__point scatter__point--{}", p.tone)>
                            {trail}
                            <circle class="scatter__dot" cx=p.x cy=p.y r="6" tabindex="0" role="img"
                                aria-label=p.title.clone()>
                                <title>{p.title.clone()}</title>
                            </circle>
                            <text class="scatter__label" x=p.label_at.0 y=p.label_at.1
                                text-anchor=p.label_at.2>{p.label.clone()}</text>
                        </g>
                    }
                })
                .collect_view()
        })
    }
}

/// The table's rows: a point's label and its cells.
#[component]
fn Rows(points: Signal<Vec<ScatterPoint>>) -> impl IntoView {
    move || {
        points.with(|all| {
            all.iter()
                .map(|p| {
                    view! {
                        <tr>
                            <th scope="row">{p.label.clone()}</th>
                            {p.cells.iter().map(|c| view! { <td>{c.clone()}</td> }).collect_view()}
                        </tr>
                    }
                })
                .collect_view()
        })
    }
}
