//! A horizontal bar chart, also drawn as a funnel (bars centred): one row per bar with
//! its label on the left and its number on the right, so every value is readable
//! without hovering. Each bar is focusable and carries a `<title>`; the same numbers
//! are offered as a table.
//!
//! ```ignore
//! use crate::ui::charts::bars::{Bar, BarChart};
//! let bars = Signal::derive(move || vec![Bar::new("Live", 4.0, "4").class("live")]);
//! view! { <BarChart label="Partners by stage" bars=bars funnel=true/> }
//! ```

use crate::ui::charts::parts::AsTable;
use leptos::prelude::*;

/// One bar: its label, its value (for the length), the number as shown, and a colour
/// class suffix (`bars__rect--<class>`).
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: f64,
    pub text: String,
    pub class: String,
}

impl Bar {
    pub fn new(label: impl Into<String>, value: f64, text: impl Into<String>) -> Self {
        Bar {
            label: label.into(),
            value,
            text: text.into(),
            class: String::new(),
        }
    }

    pub fn class(mut self, class: impl Into<String>) -> Self {
        self.class = class.into();
        self
    }
}

const W: i64 = 420;
const ROW: i64 = 30;
const BAR: i64 = 20;
const LABEL_END: i64 = 136;
/// The number column takes the last 84 units: "12 partners" fits beside any bar.
const BAR_START: i64 = 144;
const BAR_END: i64 = W - 84;
/// Zero still shows as a sliver, so an empty stage reads as "none", not "missing".
const MIN_BAR: i64 = 2;

#[derive(Clone, PartialEq)]
struct Row {
    y: i64,
    x: i64,
    width: i64,
    label: String,
    text: String,
    title: String,
    class: String,
}

fn rows(bars: &[Bar], funnel: bool) -> Vec<Row> {
    let max = bars
        .iter()
        .map(|b| b.value)
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let span = (BAR_END - BAR_START) as f64;
    bars.iter()
        .enumerate()
        .map(|(i, b)| {
            let share = if max > 0.0 && b.value.is_finite() {
                (b.value / max).clamp(0.0, 1.0)
            } else {
                0.0
            };
            let width = ((share * span).round() as i64).max(MIN_BAR);
            let x = if funnel {
                BAR_START + (BAR_END - BAR_START - width) / 2
            } else {
                BAR_START
            };
            Row {
                y: i as i64 * ROW,
                x,
                width,
                label: b.label.clone(),
                text: b.text.clone(),
                title: format!("{}: {}", b.label, b.text),
                class: if b.class.is_empty() {
                    "bars__rect".into()
                } else {
                    format!("bars__rect bars__rect--{}", b.class)
                },
            }
        })
        .collect()
}

/// The chart. `label` names it for screen readers and captions the table; `unit`
/// heads the table's number column.
#[component]
pub fn BarChart(
    #[prop(into)] label: String,
    #[prop(into)] bars: Signal<Vec<Bar>>,
    #[prop(optional)] funnel: bool,
    #[prop(optional, into)] unit: String,
) -> impl IntoView {
    let geometry = Memo::new(move |_| bars.with(|b| rows(b, funnel)));
    let height = move || geometry.with(|g| (g.len() as i64 * ROW).max(ROW));
    let drawn = move || {
        geometry
            .get()
            .into_iter()
            .map(|r| {
                let mid = r.y + ROW / 2;
                view! {
                    <g class="bars__bar" tabindex="0" role="img" aria-label=r.title.clone()>
                        <title>{r.title.clone()}</title>
                        <text class="bars__label" x=LABEL_END y=mid + 5 text-anchor="end">{r.label.clone()}</text>
                        <rect class=r.class.clone() x=r.x y=mid - BAR / 2 width=r.width height=BAR rx="3"/>
                        <text class="bars__value" x=W - 4 y=mid + 5 text-anchor="end">{r.text.clone()}</text>
                    </g>
                }
            })
            .collect_view()
    };
    let unit_head = if unit.is_empty() {
        "Value".to_owned()
    } else {
        unit
    };
    let table = move || {
        bars.get()
            .into_iter()
            .map(|b| {
                view! { <tr><th scope="row">{b.label}</th><td class="num">{b.text}</td></tr> }
            })
            .collect_view()
    };
    view! {
        <figure class="bars" class:bars--funnel=funnel>
            <svg class="bars__svg" viewBox=move || format!("0 0 {W} {}", height())
                role="group" aria-label=label.clone()>
                {drawn}
            </svg>
            <AsTable class="bars__table" summary="Show as a table" table_class="bars__data"
                caption=label.clone()>
                <thead><tr><th scope="col">"Item"</th><th scope="col">{unit_head}</th></tr></thead>
                <tbody>{table}</tbody>
            </AsTable>
        </figure>
    }
}
