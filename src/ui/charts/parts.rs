//! What every chart is drawn with: whole SVG units, the plot's box and where a value
//! falls in it, the gridlines across it, and the same numbers as a table for anyone who
//! prefers one.

use leptos::prelude::*;

/// Whole SVG units: the view boxes are wide enough that rounding is invisible, and the
/// markup then needs no float formatting.
pub fn svg_units(v: f64) -> i64 {
    v.round() as i64
}

/// Where `v` falls between `lo` (0) and `hi` (1); a range without width counts as one
/// unit wide. Not clamped: a value outside the range falls outside 0–1.
pub fn share(v: f64, lo: f64, hi: f64) -> f64 {
    let span = if hi > lo { hi - lo } else { 1.0 };
    (v - lo) / span
}

/// The share of step `step` in `0..=last`, steps evenly spaced; a lone step (`last` 0)
/// sits in the middle.
pub fn step_share(step: f64, last: f64) -> f64 {
    if last > 0.0 {
        step / last
    } else {
        0.5
    }
}

/// The plot's box inside a chart's view box (`w` × `h` less the margins its labels
/// take), in SVG units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Area {
    pub left: f64,
    pub top: f64,
    pub right: f64,
    pub bottom: f64,
}

impl Area {
    /// The box of a `w` × `h` view box less its margins.
    pub fn within(w: f64, h: f64, margins: Margins) -> Self {
        Area {
            left: margins.left,
            top: margins.top,
            right: w - margins.right,
            bottom: h - margins.bottom,
        }
    }

    pub fn width(&self) -> f64 {
        self.right - self.left
    }

    pub fn height(&self) -> f64 {
        self.bottom - self.top
    }

    /// The x position of a share of the width, from the left edge.
    pub fn x(&self, share: f64) -> f64 {
        self.left + self.width() * share
    }

    /// The y position of a share of the height, from the bottom edge: values grow up.
    pub fn y(&self, share: f64) -> f64 {
        self.top + self.height() * (1.0 - share)
    }
}

/// The room a chart keeps around its plot for labels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Margins {
    pub left: f64,
    pub right: f64,
    pub top: f64,
    pub bottom: f64,
}

/// Gridlines across the plot at each tick's height (in SVG units), each labelled `gap`
/// units to the left of the plot.
#[component]
pub fn RowGrid(
    area: Area,
    ticks: Vec<(i64, String)>,
    gap: f64,
    grid_class: &'static str,
    tick_class: &'static str,
) -> impl IntoView {
    ticks
        .into_iter()
        .map(|(y, text)| {
            view! {
                <line class=grid_class x1=svg_units(area.left) x2=svg_units(area.right) y1=y y2=y/>
                <text class=tick_class x=svg_units(area.left - gap) y=y + 4 text-anchor="end">{text}</text>
            }
        })
        .collect_view()
}

/// The chart's numbers as a table, folded under `summary`: its header row and body
/// are the children; `caption` names it for screen readers.
#[component]
pub fn AsTable(
    /// The `<details>` element's class.
    class: &'static str,
    summary: &'static str,
    table_class: &'static str,
    caption: String,
    children: Children,
) -> impl IntoView {
    view! {
        <details class=class>
            <summary>{summary}</summary>
            <table class=table_class>
                <caption class="visually-hidden">{caption}</caption>
                {children()}
            </table>
        </details>
    }
}
