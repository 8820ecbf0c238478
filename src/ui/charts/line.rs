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
use crate::ui::charts::parts::{share, step_share, svg_units, Area, AsTable, Margins, RowGrid};
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

impl Frame {
    fn area(self) -> Area {
        Area::within(self.w, self.h, MARGINS)
    }
}

const WIDE: Frame = Frame { w: 640.0, h: 240.0 };
const SMALL: Frame = Frame { w: 360.0, h: 200.0 };
const MARGINS: Margins = Margins {
    left: 44.0,
    right: 12.0,
    top: 12.0,
    bottom: 26.0,
};

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

/// The months and values the axes span: every point's, zero, and the shared scale's.
/// `None` when no series has a point.
fn spans(series: &[LineSeries], shared: Option<SharedScale>) -> Option<SharedScale> {
    let all = SharedScale::spanning(series.iter().map(|s| s.points.as_slice()))?;
    let mut span = SharedScale {
        lo: all.lo.min(0.0),
        hi: all.hi.max(0.0),
        ..all
    };
    if let Some(s) = shared {
        (span.lo, span.hi) = (span.lo.min(s.lo), span.hi.max(s.hi));
        (span.first, span.last) = (span.first.min(s.first), span.last.max(s.last));
    }
    Some(span)
}

/// Where a month and a value go in the frame.
struct Axes {
    area: Area,
    first: Month,
    /// Months from the first to the last.
    months: f64,
    /// The value range the ticks span.
    lo: f64,
    hi: f64,
}

impl Axes {
    fn x(&self, m: Month) -> i64 {
        svg_units(
            self.area
                .x(step_share(m.since(self.first) as f64, self.months)),
        )
    }

    fn y(&self, v: f64) -> i64 {
        svg_units(self.area.y(share(v, self.lo, self.hi)))
    }
}

fn plot(series: &[LineSeries], unit: &str, frame: Frame, shared: Option<SharedScale>) -> Plot {
    let Some(span) = spans(series, shared) else {
        return Plot::default();
    };
    let ticks = nice_ticks(span.lo, span.hi, 5);
    let axes = Axes {
        area: frame.area(),
        first: span.first,
        months: span.last.since(span.first).max(0) as f64,
        lo: ticks.first().copied().unwrap_or(0.0),
        hi: ticks.last().copied().unwrap_or(1.0),
    };
    let months: Vec<Month> = (0..=axes.months as i32)
        .filter_map(|k| span.first.plus(k))
        .collect();
    let most_labels = if frame.w < 500.0 { 4 } else { 6 };
    let step = months.len().div_ceil(most_labels).max(1);
    let x_labels = months
        .iter()
        .enumerate()
        .filter(|(i, _)| (months.len() - 1 - i) % step == 0)
        .map(|(_, m)| (axes.x(*m), month_short(*m)))
        .collect();
    let y_ticks = ticks.iter().map(|t| (axes.y(*t), compact(*t))).collect();
    let suffix = if unit.is_empty() {
        String::new()
    } else {
        format!(" {unit}")
    };
    let mut plot = Plot {
        y_ticks,
        x_labels,
        months,
        ..Plot::default()
    };
    for s in series {
        trace(s, &axes, &suffix, &mut plot);
    }
    plot
}

/// Adds a series' line and its points to `plot`. A month missing inside the series
/// breaks the line.
fn trace(s: &LineSeries, axes: &Axes, suffix: &str, plot: &mut Plot) {
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
        let (x, y) = (axes.x(*m), axes.y(*v));
        d.push_str(&format!("{cmd}{x} {y} "));
        prev = Some(*m);
        plot.points.push(Point {
            x,
            y,
            text: format!("{} — {}: {}{suffix}", s.label, month_short(*m), plain(*v)),
            class: class.clone(),
        });
    }
    plot.lines.push(Line {
        d: d.trim_end().to_owned(),
        class,
    });
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
    let unit_for_plot = unit.clone();
    let geometry = Memo::new(move |_| series.with(|s| plot(s, &unit_for_plot, frame, shared)));
    let readout = RwSignal::new(String::new());
    let empty = move || geometry.with(|g| g.points.is_empty());
    let caption = if unit.is_empty() {
        label.clone()
    } else {
        format!("{label} ({unit})")
    };
    view! {
        <figure class=if small { "line-chart line-chart--small" } else { "line-chart" }>
            <Show when=move || !empty() fallback=|| view! { <p class="empty">"No values to chart yet."</p> }>
                <svg class="line-chart__svg" viewBox=format!("0 0 {} {}", svg_units(frame.w), svg_units(frame.h))
                    role="group" aria-label=label.clone()>
                    <g>{move || geometry.with(|g| view! {
                        <RowGrid area=frame.area() ticks=g.y_ticks.clone() gap=6.0
                            grid_class="line-chart__grid" tick_class="line-chart__tick line-chart__tick--y"/>
                    })}</g>
                    <g><MonthLabels geometry frame/></g>
                    <g>{move || geometry.with(|g| g.lines.iter().map(|l| view! {
                        <path class=format!("line-chart__line {}", l.class) d=l.d.clone()/>
                    }).collect_view())}</g>
                    <g><Points geometry readout/></g>
                </svg>
                <p class="line-chart__readout" aria-live="polite">{move || readout.get()}</p>
                // One line names itself in the chart's heading; a legend is for several.
                <Show when=move || series.with(|s| s.len() > 1)>
                    <Legend series/>
                </Show>
                <AsTable class="line-chart__table" summary="Show the numbers as a table"
                    table_class="line-chart__data" caption=caption.clone()>
                    <ByMonth geometry series/>
                </AsTable>
            </Show>
        </figure>
    }
}

/// The months labelled under the plot.
#[component]
fn MonthLabels(geometry: Memo<Plot>, frame: Frame) -> impl IntoView {
    let right = frame.area().right;
    move || {
        geometry.with(|g| {
            g.x_labels
                .iter()
                .map(|(x, text)| {
                    let (x, text) = (*x, text.clone());
                    // A label at the right edge ends there rather than running past it.
                    let anchor = if x > svg_units(right - 30.0) { "end" } else { "middle" };
                    view! {
                        <text class="line-chart__tick" x=x y=svg_units(frame.h - 10.0) text-anchor=anchor>{text}</text>
                    }
                })
                .collect_view()
        })
    }
}

/// Every point, focusable and titled; the one focused or hovered is written in
/// `readout`.
#[component]
fn Points(geometry: Memo<Plot>, readout: RwSignal<String>) -> impl IntoView {
    move || {
        geometry.with(|g| {
            g.points
                .iter()
                .map(|p| {
                    let text = p.text.clone();
                    let on_focus = text.clone();
                    let on_hover = text.clone();
                    view! {
                        <circle class=format!("line-chart__point {}", p.class) cx=p.x cy=p.y r="4"
                            tabindex="0" role="img" aria-label=text.clone()
                            on:focus=move |_| readout.set(on_focus.clone())
                            on:mouseenter=move |_| readout.set(on_hover.clone())>
                            <title>{text.clone()}</title>
                        </circle>
                    }
                })
                .collect_view()
        })
    }
}

/// Each series' swatch and label, plans marked dashed.
#[component]
fn Legend(series: Signal<Vec<LineSeries>>) -> impl IntoView {
    view! {
        <ul class="line-chart__legend">
            {move || series.with(|all| {
                all.iter()
                    .map(|s| view! {
                        <li>
                            <span class=format!("line-chart__swatch {}", series_class(s)) aria-hidden="true"></span>
                            {s.label.clone()}
                            {s.dashed.then_some(" (dashed)")}
                        </li>
                    })
                    .collect_view()
            })}
        </ul>
    }
}

/// The table's head and rows: a row per month, a column per series.
#[component]
fn ByMonth(geometry: Memo<Plot>, series: Signal<Vec<LineSeries>>) -> impl IntoView {
    move || {
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
                <thead><tr><th scope="col">"Month"</th>{head}</tr></thead>
                <tbody>{rows}</tbody>
            }
        })
    }
}
