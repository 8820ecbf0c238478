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

    fn share(&self, v: f64) -> f64 {
        let span = if self.max > self.min {
            self.max - self.min
        } else {
            1.0
        };
        ((v - self.min) / span).clamp(0.0, 1.0)
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
const LEFT: f64 = 84.0;
const RIGHT: f64 = 96.0;
const TOP: f64 = 14.0;
const BOTTOM: f64 = 44.0;
/// Sideways step between points that share a spot.
const SPREAD: f64 = 14.0;

fn n(v: f64) -> i64 {
    v.round() as i64
}

#[derive(Clone, Debug, PartialEq)]
struct Placed {
    x: i64,
    y: i64,
    from: Option<(i64, i64)>,
    label: String,
    title: String,
    tone: &'static str,
}

fn place(points: &[ScatterPoint], x: &Axis, y: &Axis) -> Vec<Placed> {
    let px = |v: f64| LEFT + (W - LEFT - RIGHT) * x.share(v);
    let py = |v: f64| TOP + (H - TOP - BOTTOM) * (1.0 - y.share(v));
    let spots: Vec<(i64, i64)> = points.iter().map(|p| (n(px(p.x)), n(py(p.y)))).collect();
    points
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
                x: n(sx as f64 + offset),
                y: sy,
                from: p.from.map(|(fx, fy)| (n(px(fx) + offset), n(py(fy)))),
                label: p.label.clone(),
                title: p.title.clone(),
                tone: p.tone,
            }
        })
        .collect()
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
    let plot_w = W - LEFT - RIGHT;
    let plot_h = H - TOP - BOTTOM;
    let xt = x.clone();
    let x_ticks = move || {
        xt.ticks
        .iter()
        .map(|(v, t)| {
            let at = n(LEFT + plot_w * xt.share(*v));
            view! {
                <line class="scatter__grid" x1=at x2=at y1=n(TOP) y2=n(TOP + plot_h)/>
                <text class="scatter__tick" x=at y=n(TOP + plot_h + 16.0) text-anchor="middle">{t.clone()}</text>
            }
        })
        .collect_view()
    };
    let yt = y.clone();
    let y_ticks = move || {
        yt.ticks
        .iter()
        .map(|(v, t)| {
            let at = n(TOP + plot_h * (1.0 - yt.share(*v)));
            view! {
                <line class="scatter__grid" x1=n(LEFT) x2=n(LEFT + plot_w) y1=at y2=at/>
                <text class="scatter__tick" x=n(LEFT - 8.0) y=at + 4 text-anchor="end">{t.clone()}</text>
            }
        })
        .collect_view()
    };
    let marks = move || {
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
                            <text class="scatter__label" x=p.x + 9 y=p.y + 4>{p.label.clone()}</text>
                        </g>
                    }
                })
                .collect_view()
        })
    };
    let head = move || {
        columns
            .iter()
            .map(|c| view! { <th scope="col">{*c}</th> })
            .collect_view()
    };
    let rows = move || {
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
    };
    let table_label = label.clone();
    view! {
        <figure class="scatter">
            <Show when=move || !points.with(Vec::is_empty)
                fallback=|| view! { <p class="muted">"Nothing to chart yet."</p> }>
                <svg class="scatter__svg" viewBox=format!("0 0 {} {}", n(W), n(H))
                    role="group" aria-label=label.clone()>
                    <g>{x_ticks.clone()}</g>
                    <g>{y_ticks.clone()}</g>
                    <text class="scatter__axis-label" x=n(LEFT + plot_w / 2.0) y=n(H - 6.0) text-anchor="middle">{x.label.clone()}</text>
                    <text class="scatter__axis-label" transform=format!("translate(14 {}) rotate(-90)", n(TOP + plot_h / 2.0))
                        text-anchor="middle">{y.label.clone()}</text>
                    <g>{marks}</g>
                </svg>
                {(!legend.is_empty()).then(|| view! { <figcaption class="scatter__legend">{legend.clone()}</figcaption> })}
                <details class="scatter__table">
                    <summary>"As a table"</summary>
                    <table class="chart-table">
                        <caption class="visually-hidden">{table_label.clone()}</caption>
                        <thead><tr>{head.clone()}</tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </details>
            </Show>
        </figure>
    }
}
