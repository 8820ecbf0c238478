//! A multi-series line chart over months: values on the y axis with round ticks, a
//! legend, a `<title>` and keyboard focus on every point (the focused point's value is
//! also written under the chart), dashed series for plans, and the same numbers as a
//! table for anyone who prefers one.
//!
//! ```ignore
//! use crate::ui::charts::line::{LineChart, LineSeries};
//! let series = Signal::derive(move || vec![
//!     LineSeries::new("Actual", actual.get()),            // Vec<(Month, f64)>
//!     LineSeries::new("Plan", plan.get()).dashed(),       // same colour slot 0, dashed
//!     LineSeries::new("US", us.get()).color(1),
//! ]);
//! view! { <LineChart label="Users by month" unit="users" series=series/> }
//! // In a grid of small charts, `small=true` keeps the labels readable.
//! ```
//!
//! The y axis always includes zero, so a line's height reads as its size. Months missing
//! inside a series break its line rather than drawing a slope across the gap.

use crate::model::core::format::month_short;
use crate::model::metrics::{compact, nice_ticks, plain};
use crate::model::Month;
use leptos::prelude::*;

/// One line: a label for the legend and tooltips, and values by month.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    pub label: String,
    /// Values by month, in any order; each month at most once.
    pub points: Vec<(Month, f64)>,
    /// Drawn dashed: a plan or target rather than actual values.
    pub dashed: bool,
    /// Colour slot 0–7 (taken modulo 8); an actual line and its plan can share one.
    pub color: usize,
}

impl LineSeries {
    pub fn new(label: impl Into<String>, points: Vec<(Month, f64)>) -> Self {
        LineSeries {
            label: label.into(),
            points,
            dashed: false,
            color: 0,
        }
    }

    /// Marks the series as a plan: dashed line, hollow points.
    pub fn dashed(mut self) -> Self {
        self.dashed = true;
        self
    }

    pub fn color(mut self, slot: usize) -> Self {
        self.color = slot;
        self
    }
}

/// What several charts drawn side by side share, so that the same height means the same
/// value in each (small multiples): the values and the months every chart's axes span.
/// Each chart's axes still include its own data and zero.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct SharedScale {
    pub lo: f64,
    pub hi: f64,
    pub first: Month,
    pub last: Month,
}

impl SharedScale {
    /// The scale spanning every series given; `None` when none has a point.
    pub fn spanning<'a>(series: impl IntoIterator<Item = &'a [(Month, f64)]>) -> Option<Self> {
        let mut scale: Option<SharedScale> = None;
        for &(m, v) in series.into_iter().flatten() {
            let s = scale.get_or_insert(SharedScale {
                lo: v,
                hi: v,
                first: m,
                last: m,
            });
            s.lo = s.lo.min(v);
            s.hi = s.hi.max(v);
            s.first = s.first.min(m);
            s.last = s.last.max(m);
        }
        scale
    }
}

/// The drawing's size in SVG units. The SVG scales to its box, so text keeps its size
/// relative to the drawing: a chart shown small (small multiples) uses the small frame,
/// whose units are close to screen pixels at ~360 px wide.
#[derive(Clone, Copy, PartialEq)]
struct Frame {
    w: f64,
    h: f64,
}

const WIDE: Frame = Frame { w: 640.0, h: 240.0 };
const SMALL: Frame = Frame { w: 360.0, h: 200.0 };
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 26.0;
/// Whole SVG units: the view box is wide enough that rounding is invisible, and the
/// build then needs no float formatting.
fn n(v: f64) -> i64 {
    v.round() as i64
}

#[derive(Clone, PartialEq)]
struct Point {
    x: i64,
    y: i64,
    text: String,
    class: String,
}

#[derive(Clone, PartialEq)]
struct Line {
    d: String,
    class: String,
}

#[derive(Clone, PartialEq, Default)]
struct Plot {
    lines: Vec<Line>,
    points: Vec<Point>,
    /// (y position, label) for each tick.
    y_ticks: Vec<(i64, String)>,
    /// (x position, label).
    x_labels: Vec<(i64, String)>,
    months: Vec<Month>,
}

fn series_class(s: &LineSeries) -> String {
    format!(
        "line-chart__s{}{}",
        s.color % 8,
        if s.dashed { " line-chart--dashed" } else { "" }
    )
}

fn plot(series: &[LineSeries], unit: &str, frame: Frame, shared: Option<SharedScale>) -> Plot {
    let Frame { w, h } = frame;
    let all = series.iter().flat_map(|s| s.points.iter());
    let Some(mut first) = all.clone().map(|(m, _)| *m).min() else {
        return Plot::default();
    };
    let mut last = all.clone().map(|(m, _)| *m).max().unwrap_or(first);
    let mut lo = all.clone().map(|(_, v)| *v).fold(0.0_f64, f64::min);
    let mut hi = all.map(|(_, v)| *v).fold(0.0_f64, f64::max);
    if let Some(s) = shared {
        (lo, hi) = (lo.min(s.lo), hi.max(s.hi));
        (first, last) = (first.min(s.first), last.max(s.last));
    }
    let ticks = nice_ticks(lo, hi, 5);
    let (t0, t1) = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(1.0),
    );
    let span = last.since(first).max(0) as f64;
    let x = |m: Month| {
        if span == 0.0 {
            LEFT + (w - LEFT - RIGHT) / 2.0
        } else {
            LEFT + (w - LEFT - RIGHT) * m.since(first) as f64 / span
        }
    };
    let y = |v: f64| {
        let range = if t1 > t0 { t1 - t0 } else { 1.0 };
        TOP + (h - TOP - BOTTOM) * (1.0 - (v - t0) / range)
    };
    let months: Vec<Month> = (0..=span as i32).filter_map(|k| first.plus(k)).collect();
    let most_labels = if w < 500.0 { 4 } else { 6 };
    let step = months.len().div_ceil(most_labels).max(1);
    let x_labels = months
        .iter()
        .enumerate()
        .filter(|(i, _)| (months.len() - 1 - i) % step == 0)
        .map(|(_, m)| (n(x(*m)), month_short(*m)))
        .collect();
    let y_ticks = ticks.iter().map(|t| (n(y(*t)), compact(*t))).collect();
    let suffix = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let mut lines = Vec::new();
    let mut points = Vec::new();
    for s in series {
        let class = series_class(s);
        let mut pts = s.points.clone();
        pts.sort_by_key(|(m, _)| *m);
        let mut d = String::new();
        let mut prev: Option<Month> = None;
        for (m, v) in &pts {
            let cmd = if prev.is_some_and(|p| m.since(p) == 1) {
                'L'
            } else {
                'M'
            };
            d.push_str(&format!("{cmd}{} {} ", n(x(*m)), n(y(*v))));
            prev = Some(*m);
            points.push(Point {
                x: n(x(*m)),
                y: n(y(*v)),
                text: format!("{} — {}: {}{suffix}", s.label, month_short(*m), plain(*v)),
                class: class.clone(),
            });
        }
        lines.push(Line {
            d: d.trim_end().to_owned(),
            class: class.clone(),
        });
    }
    Plot {
        lines,
        points,
        y_ticks,
        x_labels,
        months,
    }
}

/// The chart. `label` names it for screen readers and heads the table; `unit` follows
/// values in tooltips ("12,300 users"); an empty `series` shows a short note instead.
#[component]
pub fn LineChart(
    #[prop(into)] label: String,
    #[prop(into)] series: Signal<Vec<LineSeries>>,
    #[prop(optional, into)] unit: String,
    /// Drawn for a small box (a grid of small charts): fewer, relatively larger labels.
    #[prop(optional)]
    small: bool,
    /// Axes shared with the charts beside it (see [`SharedScale`]).
    #[prop(default = None)]
    shared: Option<SharedScale>,
) -> impl IntoView {
    let frame = if small { SMALL } else { WIDE };
    let Frame { w, h } = frame;
    let unit_for_plot = unit.clone();
    let geometry = Memo::new(move |_| series.with(|s| plot(s, &unit_for_plot, frame, shared)));
    let readout = RwSignal::new(String::new());
    let empty = move || geometry.with(|g| g.points.is_empty());
    let grid = move || {
        geometry.with(|g| {
            g.y_ticks
                .iter()
                .map(|(y, text)| {
                    let (y, text) = (*y, text.clone());
                    view! {
                        <line class="line-chart__grid" x1=n(LEFT) x2=n(w - RIGHT) y1=y y2=y/>
                        <text class="line-chart__tick line-chart__tick--y" x=n(LEFT - 6.0) y=y + 4 text-anchor="end">{text}</text>
                    }
                })
                .collect_view()
        })
    };
    let x_axis = move || {
        geometry.with(|g| {
            g.x_labels
                .iter()
                .map(|(x, text)| {
                    let (x, text) = (*x, text.clone());
                    // A label at the right edge ends there rather than running past it.
                    let anchor = if x > n(w - RIGHT - 30.0) { "end" } else { "middle" };
                    view! {
                        <text class="line-chart__tick" x=x y=n(h - 10.0) text-anchor=anchor>{text}</text>
                    }
                })
                .collect_view()
        })
    };
    let lines = move || {
        geometry.with(|g| {
            g.lines
                .iter()
                .map(|l| {
                    view! { <path class=format!("line-chart__line {}", l.class) d=l.d.clone()/> }
                })
                .collect_view()
        })
    };
    let points = move || {
        geometry.with(|g| {
            g.points
                .iter()
                .map(|p| {
                    let text = p.text.clone();
                    let on_focus = text.clone();
                    view! {
                        <circle class=format!("line-chart__point {}", p.class) cx=p.x cy=p.y r="4"
                            tabindex="0" role="img" aria-label=text.clone()
                            on:focus=move |_| readout.set(on_focus.clone())
                            on:mouseenter={
                                let t = text.clone();
                                move |_| readout.set(t.clone())
                            }>
                            <title>{text.clone()}</title>
                        </circle>
                    }
                })
                .collect_view()
        })
    };
    let legend = move || {
        series.with(|all| {
            all.iter()
                .map(|s| {
                    view! {
                        <li>
                            <span class=format!("line-chart__swatch {}", series_class(s)) aria-hidden="true"></span>
                            {s.label.clone()}
                            {s.dashed.then_some(" (dashed)")}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let table_unit = unit.clone();
    let table = move || {
        let months = geometry.with(|g| g.months.clone());
        series.with(|all| {
            let head = all
                .iter()
                .map(|s| view! { <th scope="col">{s.label.clone()}</th> })
                .collect_view();
            let rows = months
                .iter()
                .map(|m| {
                    let cells = all
                        .iter()
                        .map(|s| {
                            let v = s.points.iter().find(|(pm, _)| pm == m).map(|(_, v)| *v);
                            view! { <td class="num">{v.map(plain).unwrap_or_default()}</td> }
                        })
                        .collect_view();
                    view! { <tr><th scope="row">{month_short(*m)}</th>{cells}</tr> }
                })
                .collect_view();
            view! {
                <table class="line-chart__data">
                    <thead><tr><th scope="col">"Month"</th>{head}</tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }
        })
    };
    let caption = if table_unit.is_empty() {
        label.clone()
    } else {
        format!("{label} ({table_unit})")
    };
    view! {
        <figure class=if small { "line-chart line-chart--small" } else { "line-chart" }>
            <Show when=move || !empty() fallback=|| view! { <p class="empty">"No values to chart yet."</p> }>
                <svg class="line-chart__svg" viewBox=format!("0 0 {} {}", n(w), n(h))
                    role="group" aria-label=label.clone()>
                    <g>{grid}</g>
                    <g>{x_axis}</g>
                    <g>{lines}</g>
                    <g>{points}</g>
                </svg>
                <p class="line-chart__readout" aria-live="polite">{move || readout.get()}</p>
                // One line names itself in the chart's heading; a legend is for several.
                <Show when=move || series.with(|s| s.len() > 1)>
                    <ul class="line-chart__legend">{legend}</ul>
                </Show>
                <details class="line-chart__table">
                    <summary>"Show the numbers as a table"</summary>
                    <p class="visually-hidden">{caption.clone()}</p>
                    {table}
                </details>
            </Show>
        </figure>
    }
}
