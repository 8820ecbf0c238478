//! A small line of values over events (meetings, check-ins), evenly spaced in the order
//! given: a labelled value range on the left, the first and last event below, a dashed
//! baseline, a `<title>` and keyboard focus on every point, and the same values as a
//! table for anyone who prefers one.
//!
//! ```ignore
//! use crate::ui::charts::sparkline::{Sparkline, SparkPoint, Range};
//! let points = Signal::derive(move || readings.get().iter().map(|r| SparkPoint {
//!     x_label: r.date.to_string(), value: r.score,
//!     value_text: format_score(r.score), title: format!("{}: {}", r.date, r.score),
//! }).collect());
//! view! { <Sparkline label="Reception of Dana" points=points
//!     range=Range::new(-2.0, 2.0, "−2", "+2").baseline(0.0)
//!     x_header="Meeting" value_header="Reception"/> }
//! ```
//!
//! Events are spaced evenly rather than by date: a sparkline answers "better or worse
//! than last time?", and a long gap between two meetings should not flatten the line.

use crate::ui::charts::parts::{share, step_share, svg_units, Area, AsTable, Margins};
use leptos::prelude::*;

/// One value of the line.
#[derive(Clone, Debug, PartialEq)]
pub struct SparkPoint {
    /// What the event is called on the x axis and in the table ("12 Mar 2027").
    pub x_label: String,
    pub value: f64,
    /// The value as people read it ("+1.3").
    pub value_text: String,
    /// The full description, for the point's `<title>` and screen readers.
    pub title: String,
}

/// The fixed value range of the y axis, with the labels of its ends and an optional
/// baseline (zero, a target) drawn dashed.
#[derive(Clone, Debug, PartialEq)]
pub struct Range {
    pub min: f64,
    pub max: f64,
    pub min_label: String,
    pub max_label: String,
    pub baseline: Option<f64>,
}

impl Range {
    pub fn new(
        min: f64,
        max: f64,
        min_label: impl Into<String>,
        max_label: impl Into<String>,
    ) -> Self {
        Range {
            min,
            max,
            min_label: min_label.into(),
            max_label: max_label.into(),
            baseline: None,
        }
    }

    pub fn baseline(mut self, at: f64) -> Self {
        self.baseline = Some(at);
        self
    }
}

const W: f64 = 260.0;
const H: f64 = 70.0;
const MARGINS: Margins = Margins {
    left: 28.0,
    right: 8.0,
    top: 8.0,
    bottom: 18.0,
};

fn area() -> Area {
    Area::within(W, H, MARGINS)
}

#[derive(Clone, Debug, PartialEq)]
struct Dot {
    x: i64,
    y: i64,
    title: String,
    tone: &'static str,
}

#[derive(Clone, Debug, PartialEq, Default)]
struct Geometry {
    path: String,
    dots: Vec<Dot>,
    baseline: Option<i64>,
    first: Option<(i64, String)>,
    last: Option<(i64, String)>,
}

fn geometry(points: &[SparkPoint], range: &Range) -> Geometry {
    let area = area();
    let y = |v: f64| {
        let v = v.clamp(range.min.min(range.max), range.max.max(range.min));
        svg_units(area.y(share(v, range.min, range.max)))
    };
    let count = points.len();
    let x = |i: usize| svg_units(area.x(step_share(i as f64, count.saturating_sub(1) as f64)));
    let base = range.baseline.unwrap_or(range.min);
    let mut path = String::new();
    let dots = points
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let cmd = if i == 0 { 'M' } else { 'L' };
            path.push_str(&format!("{cmd}{} {} ", x(i), y(p.value)));
            Dot {
                x: x(i),
                y: y(p.value),
                title: p.title.clone(),
                tone: if p.value > base {
                    "up"
                } else if p.value < base {
                    "down"
                } else {
                    "level"
                },
            }
        })
        .collect();
    Geometry {
        path: path.trim_end().to_owned(),
        dots,
        baseline: range.baseline.map(y),
        first: points.first().map(|p| (x(0), p.x_label.clone())),
        last: (count > 1)
            .then(|| points.last().map(|p| (x(count - 1), p.x_label.clone())))
            .flatten(),
    }
}

/// The chart. `label` names it for screen readers and heads the table; with no points
/// it shows `empty` instead.
#[component]
pub fn Sparkline(
    #[prop(into)] label: String,
    #[prop(into)] points: Signal<Vec<SparkPoint>>,
    range: Range,
    /// Headers of the table's two columns.
    x_header: &'static str,
    value_header: &'static str,
    #[prop(optional, into)] empty: String,
) -> impl IntoView {
    let axis = range.clone();
    let geo = Memo::new(move |_| points.with(|p| geometry(p, &range)));
    let empty_text = if empty.is_empty() {
        "Nothing to chart yet.".to_owned()
    } else {
        empty
    };
    let dots = move || {
        geo.with(|g| {
            g.dots
                .iter()
                .map(|d| {
                    view! {
                        <circle class=format!("sparkline__dot sparkline__dot--{}", d.tone)
                            cx=d.x cy=d.y r="3.5" tabindex="0" role="img" aria-label=d.title.clone()>
                            <title>{d.title.clone()}</title>
                        </circle>
                    }
                })
                .collect_view()
        })
    };
    let x_labels = move || {
        geo.with(|g| {
            let first = g.first.clone().map(|(x, t)| {
                let anchor = if g.last.is_some() { "start" } else { "middle" };
                view! { <text class="sparkline__tick" x=x - if g.last.is_some() { 3 } else { 0 } y=svg_units(H - 4.0) text-anchor=anchor>{t}</text> }
            });
            let last = g.last.clone().map(|(x, t)| {
                view! { <text class="sparkline__tick" x=x + 3 y=svg_units(H - 4.0) text-anchor="end">{t}</text> }
            });
            (first, last)
        })
    };
    let table_label = label.clone();
    let plot = area();
    view! {
        <figure class="sparkline">
            <Show when=move || !geo.with(|g| g.dots.is_empty())
                fallback=move || view! { <p class="sparkline__empty muted">{empty_text.clone()}</p> }>
                <svg class="sparkline__svg" viewBox=format!("0 0 {} {}", svg_units(W), svg_units(H))
                    role="group" aria-label=label.clone()>
                    <line class="sparkline__axis" x1=svg_units(plot.left - 4.0) x2=svg_units(plot.left - 4.0) y1=svg_units(plot.top) y2=svg_units(plot.bottom)/>
                    <text class="sparkline__tick" x=svg_units(plot.left - 7.0) y=svg_units(plot.top + 4.0) text-anchor="end">{axis.max_label.clone()}</text>
                    <text class="sparkline__tick" x=svg_units(plot.left - 7.0) y=svg_units(plot.bottom + 3.0) text-anchor="end">{axis.min_label.clone()}</text>
                    {move || geo.with(|g| g.baseline.map(|y| view! {
                        <line class="sparkline__baseline" x1=svg_units(plot.left - 4.0) x2=svg_units(plot.right) y1=y y2=y/>
                    }))}
                    <path class="sparkline__line" d=move || geo.with(|g| g.path.clone())/>
                    <g>{dots}</g>
                    <g>{x_labels}</g>
                </svg>
                <AsTable class="sparkline__table" summary="As a table" table_class="chart-table"
                    caption=table_label.clone()>
                    <thead><tr><th scope="col">{x_header}</th><th scope="col">{value_header}</th></tr></thead>
                    <tbody>
                        {move || points.with(|ps| ps.iter().map(|p| view! {
                            <tr><th scope="row">{p.x_label.clone()}</th><td class="num">{p.value_text.clone()}</td></tr>
                        }).collect_view())}
                    </tbody>
                </AsTable>
            </Show>
        </figure>
    }
}
