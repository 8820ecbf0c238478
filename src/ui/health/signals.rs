//! Signals as a list, each with its severity and reason, and the walk-away suggestion.

use crate::model::figures::signals::{Severity, Signal, WalkAway};
use crate::model::Stage;
use leptos::prelude::*;

#[component]
pub fn SeverityPill(severity: Severity) -> impl IntoView {
    view! {
        <span class=format!("pill severity severity--{}", severity.key())>{severity.label()}</span>
    }
}

/// A partner's signals, most severe first.
#[component]
pub fn SignalList(signals: Vec<Signal>, stage: Stage) -> impl IntoView {
    if signals.is_empty() {
        let text = if stage == Stage::WalkedAway {
            "No signals: the partnership was walked away from."
        } else {
            "No signals: nothing needs attention right now."
        };
        return view! { <p class="empty" data-testid="no-signals">{text}</p> }.into_any();
    }
    let items = signals
        .into_iter()
        .map(|s| {
            view! {
                <li class=format!("signal signal--{}", s.severity.key()) data-kind=s.kind.key()>
                    <SeverityPill severity=s.severity/>
                    <div class="signal__text">
                        <strong>{s.kind.label()}</strong>
                        <span>{s.reason}</span>
                    </div>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="signals" data-testid="signals">{items}</ul> }.into_any()
}

/// The suggestion to walk away, listing the severe signals behind it, with a link to
/// where the decision is recorded.
#[component]
pub fn WalkAwayBox(walk_away: WalkAway, decisions: String) -> impl IntoView {
    let items = walk_away
        .signals
        .into_iter()
        .map(|s| view! { <li><strong>{s.kind.label()}</strong>": "{s.reason}</li> })
        .collect_view();
    view! {
        <div class="walk-away" data-testid="walk-away">
            <h3>"Walk away?"</h3>
            <p>{walk_away.reason}</p>
            <ul>{items}</ul>
            <p><a href=decisions>"Record a decision (go, pause, pivot or walk away)"</a></p>
        </div>
    }
}
