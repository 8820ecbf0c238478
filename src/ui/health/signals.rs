//! Signals as a list, each with its severity and reason, and the walk-away suggestion.

use crate::model::figures::signals::{Owner, Severity, Signal, WalkAway};
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
    let (ours, theirs): (Vec<Signal>, Vec<Signal>) =
        signals.into_iter().partition(|s| s.owner() == Owner::Ours);
    view! {
        <div data-testid="signals">
            <SignalGroup title="Partner risks" owner=Owner::Theirs signals=theirs/>
            <SignalGroup title="Our action items" owner=Owner::Ours signals=ours/>
        </div>
    }
    .into_any()
}

/// One side's signals under a heading; nothing when there are none.
#[component]
fn SignalGroup(title: &'static str, owner: Owner, signals: Vec<Signal>) -> impl IntoView {
    (!signals.is_empty()).then(|| {
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
        view! {
            <h3 class="signals__group">{title}</h3>
            <ul class="signals" data-owner=owner.key()>{items}</ul>
        }
    })
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
