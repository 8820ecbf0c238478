//! Reading the room: the cooling signals, each key player's reception over time, and
//! the influence × stance map as read from the latest meetings.

use crate::model::meetings::{self, Reading};
use crate::model::{Id, Partner, Stance};
use crate::ui::charts::scatter::{Axis, Scatter, ScatterPoint};
use crate::ui::charts::sparkline::{Range, SparkPoint, Sparkline};
use crate::ui::state::use_store;
use leptos::prelude::*;

/// A value computed from the partner, re-computed on every workspace change but passed
/// on only when it differs.
fn from_partner<T: Clone + PartialEq + Send + Sync + 'static>(
    partner_id: Id,
    f: impl Fn(&Partner) -> T + Send + Sync + 'static,
    none: T,
) -> Memo<T> {
    let store = use_store();
    Memo::new(move |_| {
        store.ws.with(|ws| {
            ws.partner(&partner_id)
                .map(&f)
                .unwrap_or_else(|| none.clone())
        })
    })
}

#[component]
pub fn CoolingPanel(partner_id: Id) -> impl IntoView {
    let signals = from_partner(partner_id, meetings::cooling, Vec::new());
    view! {
        <Show when=move || !signals.with(Vec::is_empty) fallback=|| view! {
            <p class="meetings-cooling meetings-cooling--none">
                "No cooling signals: no key player's reception fell over their last three meetings, and no champion turned skeptical."
            </p>
        }>
            <section class="card meetings-cooling" aria-labelledby="cooling-heading">
                <h2 id="cooling-heading">"The room is cooling"</h2>
                <ul class="meetings-cooling__list">
                    <For each=move || signals.get() key=|c| (c.player.clone(), c.reason.clone()) let:c>
                        <li class="meetings-cooling__item">
                            <strong>{c.name.clone()}</strong>": "{c.reason.clone()}
                        </li>
                    </For>
                </ul>
            </section>
        </Show>
    }
}

fn short_date(r: &Reading) -> String {
    crate::model::core::format::day_short(r.date)
}

/// A key player's receptions as the points of a sparkline.
fn spark_points(name: &str, series: &[Reading]) -> Vec<SparkPoint> {
    series
        .iter()
        .map(|r| {
            let score = meetings::format_score(r.score);
            let mut title = format!(
                "{name}, {}: {score} (body language {}, tone {}, reaction {})",
                short_date(r),
                r.body_language.label().to_lowercase(),
                r.tone.label().to_lowercase(),
                r.reaction.label().to_lowercase()
            );
            if !r.note.is_empty() {
                title.push_str(" — ");
                title.push_str(&r.note);
            }
            SparkPoint {
                x_label: short_date(r),
                value: r.score,
                value_text: score,
                title,
            }
        })
        .collect()
}

#[component]
pub fn ReceptionPanel(partner_id: Id) -> impl IntoView {
    let trend = from_partner(
        partner_id.clone(),
        |p| meetings::describe_trend(meetings::reception_trend(p)),
        String::new(),
    );
    let players = from_partner(
        partner_id.clone(),
        |p| {
            p.key_players
                .iter()
                .map(|k| (k.id.clone(), k.name.clone(), k.role.label()))
                .collect::<Vec<_>>()
        },
        Vec::new(),
    );
    view! {
        <section class="card meetings-reception" aria-labelledby="reception-heading">
            <h2 id="reception-heading">"Reception by key player"</h2>
            <p class="meetings-reception__trend">
                "Reception trend, weighted by influence: "<strong>{move || trend.get()}</strong>
            </p>
            <p class="muted meetings__hint">"Each point is one meeting: the mean of body language, tone and reaction, from −2 (strongly negative) to +2 (strongly positive)."</p>
            <Show when=move || players.with(Vec::is_empty)>
                <p class="empty">"No key players yet: add them on the partner's page."</p>
            </Show>
            <ul class="meetings-reception__list">
                <For each=move || players.get() key=|(id, name, role)| (id.clone(), name.clone(), *role)
                    let:player>
                    <PlayerLine partner_id=partner_id.clone() player=player.0 name=player.1 role=player.2/>
                </For>
            </ul>
        </section>
    }
}

#[component]
fn PlayerLine(partner_id: Id, player: Id, name: String, role: &'static str) -> impl IntoView {
    let label = format!("Reception of {name} over time");
    let for_points = name.clone();
    let points = from_partner(
        partner_id,
        move |p| spark_points(&for_points, &meetings::series(p, &player)),
        Vec::new(),
    );
    view! {
        <li class="meetings-reception__player">
            <div class="meetings-reception__who">
                <strong>{name}</strong>
                <span class="muted">{role}</span>
            </div>
            <Sparkline label=label points=points
                range=Range::new(-2.0, 2.0, "−2", "+2").baseline(0.0)
                x_header="Meeting" value_header="Reception"
                empty="Has not attended a meeting yet."/>
        </li>
    }
}

/// Red or green only when the stance as read is a different stance from the recorded
/// one: a champion reading +1.7 is still a champion, not "cooler than recorded".
fn tone(p: &meetings::MapPoint) -> &'static str {
    let recorded = meetings::stance_value(p.recorded);
    let read = meetings::stance_value(p.read);
    if read < recorded {
        "down"
    } else if read > recorded {
        "up"
    } else {
        "level"
    }
}

fn scatter_points(p: &Partner) -> Vec<ScatterPoint> {
    meetings::map(p)
        .into_iter()
        .map(|m| {
            let recorded = f64::from(meetings::stance_value(m.recorded));
            let x = f64::from(m.influence);
            let recent = m.recent.map(meetings::format_score);
            let read = match (&recent, m.read == m.recorded) {
                (None, _) => "unverified: never met in a logged meeting".to_owned(),
                (Some(r), true) => format!("still reads {} (recent reception {r})", m.read.label()),
                (Some(r), false) => format!(
                    "reads {} from the latest meetings (recent reception {r})",
                    m.read.label()
                ),
            };
            ScatterPoint {
                key: m.player.to_string(),
                title: format!(
                    "{}: influence {} of 5, recorded {}, {read}",
                    m.name,
                    m.influence,
                    m.recorded.label()
                ),
                label: m.name.clone(),
                x,
                y: m.read_value,
                from: (m.recent.is_some()).then_some((x, recorded)),
                tone: tone(&m),
                cells: vec![
                    format!("{} of 5", m.influence),
                    m.recorded.label().to_owned(),
                    format!(
                        "{} ({})",
                        m.read_label(),
                        meetings::format_score(m.read_value)
                    ),
                    recent.unwrap_or_else(|| "—".into()),
                    m.meetings.to_string(),
                ],
            }
        })
        .collect()
}

#[component]
pub fn StanceMap(partner_id: Id) -> impl IntoView {
    let points = from_partner(partner_id, scatter_points, Vec::new());
    let x = Axis::new(
        "Influence",
        0.6,
        5.4,
        (1..=5).map(|i| (f64::from(i), i.to_string())).collect(),
    );
    let y = Axis::new(
        "Stance",
        -2.3,
        2.3,
        Stance::ALL
            .iter()
            .map(|s| (f64::from(meetings::stance_value(*s)), s.label().to_owned()))
            .collect(),
    );
    view! {
        <section class="card meetings-map" aria-labelledby="map-heading">
            <h2 id="map-heading">"Influence × stance"</h2>
            <p class="muted meetings__hint">"Stance as read from the latest meetings: one third the recorded stance, two thirds the recent reception."</p>
            <Scatter label="Key players by influence and stance" x=x y=y points=points
                columns=vec!["Key player", "Influence", "Recorded stance", "As read from meetings", "Recent reception", "Meetings"]
                legend="Dot: the stance as read from the latest meetings. Ring: the stance recorded on the key player. Red: reads as a cooler stance than recorded; green: a warmer one."/>
        </section>
    }
}
