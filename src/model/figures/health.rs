//! Partner health, 0–100: one explainable figure made of components, each a value from
//! 0 to 1, weighed by where the partnership is in its lifecycle.
//!
//! Before signature the deal's fit and the relationship (key-player support, how
//! meetings are received) weigh most; after it, landing and results (delivery, growth,
//! breadth of buy-in) take over. A component without data is left out and the other
//! weights are scaled up to sum to one, and the result says which were left out, so a
//! colleague can recompute the score by hand from the screen (docs/model/health.md).
//!
//! [`score`] is the pure arithmetic over already-measured components; [`health`]
//! measures them from a partner and then calls it.

use crate::model::core::format::count;
use crate::model::core::format::percent;
use crate::model::core::month::Month;
use crate::model::core::vocabulary::{Economics, GoalStatus, Stage, Stance, UxVerdict};
use crate::model::goals::{self, DeliveryRecord};
use crate::model::workspace::records::{Partner, Workspace};
use chrono::NaiveDate;

/// The components of health, in the order the screen lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Factor {
    /// The deal-fit assessment: user experience, strategic fit, economics, leverage.
    Fit,
    /// Whether the two sides share goals, and how those goals stand.
    Goals,
    /// Key players' stances, weighted by their influence.
    Support,
    /// The trend of key players' reception in meetings.
    Reception,
    /// The partner's record of delivering its commitments on time.
    Delivery,
    /// Progress of the landing plan.
    Landing,
    /// Growth measured against the shared goals' targets.
    Growth,
    /// How widely growth is spread over the partner's markets.
    BuyIn,
}

impl Factor {
    pub const ALL: [Factor; 8] = [
        Factor::Fit,
        Factor::Goals,
        Factor::Support,
        Factor::Reception,
        Factor::Delivery,
        Factor::Landing,
        Factor::Growth,
        Factor::BuyIn,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Factor::Fit => "Deal fit",
            Factor::Goals => "Shared goals",
            Factor::Support => "Key-player support",
            Factor::Reception => "Reception trend",
            Factor::Delivery => "Delivery record",
            // Not "Landing progress": the Landing tab's progress is the share done
            // (50 %), this is the share on plan (75 %), and one name for two figures
            // reads as a contradiction.
            Factor::Landing => "Landing on plan",
            Factor::Growth => "Growth against target",
            Factor::BuyIn => "Breadth of buy-in",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Factor::Fit => "fit",
            Factor::Goals => "goals",
            Factor::Support => "support",
            Factor::Reception => "reception",
            Factor::Delivery => "delivery",
            Factor::Landing => "landing",
            Factor::Growth => "growth",
            Factor::BuyIn => "buy_in",
        }
    }

    /// What to record so that the component has data, in a few words.
    pub fn how_to_record(self) -> &'static str {
        match self {
            Factor::Fit => "assess the deal's fit (Fit tab)",
            Factor::Goals => "agree a shared goal (Goals tab)",
            Factor::Support => {
                "record who decides at the partner and where each key player stands (Key players)"
            }
            Factor::Reception => "log two meetings with the same key player",
            Factor::Delivery => "record the partner's commitments and their due dates",
            Factor::Landing => "plan the landing: markets, steps and dates",
            Factor::Growth => "give a shared goal a metric and target, and enter its figures",
            Factor::BuyIn => "enter monthly figures per market",
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The weight of each factor, in percent, at each stage; a row sums to 100. Columns
/// follow [`Factor::ALL`]: fit, goals, support, reception, delivery, landing, growth,
/// buy-in. A zero means the factor does not count at that stage (landing before
/// signature, say) and is not shown. Paused and walked-away partners keep the weights of
/// a live one: their health is read as "how things stood".
#[rustfmt::skip]
pub const WEIGHTS: [(Stage, [u8; 8]); 8] = [
    //                   fit goals supp recep deliv land grow buyin
    (Stage::Research,    [40,   0,   40,  20,    0,   0,   0,   0]),
    (Stage::Pitching,    [30,  10,   30,  25,    5,   0,   0,   0]),
    (Stage::Negotiating, [25,  15,   25,  20,   15,   0,   0,   0]),
    (Stage::Signed,      [10,  15,   15,  10,   20,  30,   0,   0]),
    (Stage::Landing,     [ 5,  10,   10,   5,   20,  35,  10,   5]),
    (Stage::Live,        [ 0,  10,   10,   5,   15,  15,  25,  20]),
    (Stage::Paused,      [ 0,  10,   10,   5,   15,  15,  25,  20]),
    (Stage::WalkedAway,  [ 0,  10,   10,   5,   15,  15,  25,  20]),
];

/// The table weight (0–1) of a factor at a stage.
pub fn stage_weight(stage: Stage, factor: Factor) -> f64 {
    WEIGHTS
        .iter()
        .find(|(s, _)| *s == stage)
        .map_or(0.0, |(_, row)| f64::from(row[factor.index()]) / 100.0)
}

/// One measured component: its value from 0 (worst) to 1 (best), or `None` without data,
/// and a plain sentence saying what the value is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct Component {
    pub factor: Factor,
    pub value: Option<f64>,
    pub detail: String,
}

impl Component {
    pub fn new(factor: Factor, value: Option<f64>, detail: impl Into<String>) -> Self {
        Component {
            factor,
            value,
            detail: detail.into(),
        }
    }
}

/// A component as it entered the score.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub factor: Factor,
    /// The value used (0–1), or `None` when the component had no data.
    pub value: Option<f64>,
    /// The weight from the stage table (0–1).
    pub stage_weight: f64,
    /// The weight after leaving out components without data (0 for those); the weights
    /// of the parts used sum to 1.
    pub weight: f64,
    pub left_out: bool,
    pub detail: String,
}

impl Part {
    /// What this part adds to the score, in points of 100.
    pub fn points(&self) -> f64 {
        self.value.map_or(0.0, |v| v * self.weight * 100.0)
    }
}

/// A partner's health: the score and what it is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct Health {
    pub stage: Stage,
    /// 0–100, rounded to a whole number; `None` when the components with data carry
    /// less than [`EVIDENCE_SHARE`] of the stage's weight ("not enough data").
    pub score: Option<u8>,
    /// The factors that count at this stage, in [`Factor::ALL`] order.
    pub parts: Vec<Part>,
    /// Why the band is held at Watch although the score reaches Healthy: a severe risk
    /// on the partner's side ([`Health::cap`], applied by `portfolio::reading`). The
    /// score itself is unchanged, so it can still be recomputed by hand.
    pub capped: Option<String>,
}

impl Health {
    /// The factors left out for lack of data.
    pub fn left_out(&self) -> Vec<Factor> {
        self.parts
            .iter()
            .filter(|p| p.left_out)
            .map(|p| p.factor)
            .collect()
    }

    /// The band shown: the score's band ([`Health::score_band`]), held at Watch while
    /// [`Health::capped`] says why.
    pub fn band(&self) -> Band {
        match Band::of(self.score) {
            Band::Healthy if self.capped.is_some() => Band::Watch,
            b => b,
        }
    }

    /// The band shown, in words that agree with the score beside it: a band held at
    /// Watch says so, since "71" beside "Watch (40–69)" reads as an error. Why it is
    /// held is [`Health::capped`].
    pub fn band_label(&self) -> String {
        match self.capped {
            Some(_) if self.band() == Band::Watch => {
                format!(
                    "{} (held from {})",
                    Band::Watch.name(),
                    Band::Healthy.name()
                )
            }
            _ => self.band().label().to_owned(),
        }
    }

    /// The band of the score alone, before any cap.
    pub fn score_band(&self) -> Band {
        Band::of(self.score)
    }

    /// Holds the band at Watch for a severe risk, named in `why`: a partner cannot read
    /// "Healthy" beside a severe risk on the same screen. Nothing changes below Healthy.
    pub fn cap(&mut self, why: impl Into<String>) {
        if self.score_band() == Band::Healthy {
            self.capped = Some(why.into());
        }
    }

    /// The share (0–1) of the stage's weight carried by components with data.
    pub fn evidence(&self) -> f64 {
        self.parts
            .iter()
            .filter(|p| !p.left_out)
            .map(|p| p.stage_weight)
            .sum()
    }

    /// What to record next to reach a verdict: the components left out, heaviest at
    /// this stage first, as many as it takes to reach [`EVIDENCE_SHARE`] (all of them
    /// listed in that order when there is a score already).
    pub fn next_to_record(&self) -> Vec<Factor> {
        let mut missing: Vec<&Part> = self.parts.iter().filter(|p| p.left_out).collect();
        missing.sort_by(|a, b| b.stage_weight.total_cmp(&a.stage_weight));
        // Without the people there is no verdict at any weight: they come first.
        missing.sort_by_key(|p| p.factor != Factor::Support);
        let mut have = self.evidence();
        let mut out = Vec::new();
        for p in missing {
            let people_known = !self.people_unknown() || out.contains(&Factor::Support);
            if self.score.is_none() && have >= EVIDENCE_SHARE - 1e-9 && people_known {
                break;
            }
            have += p.stage_weight;
            out.push(p.factor);
        }
        out
    }

    /// Whether nobody at the partner is recorded (key-player support has no data): then
    /// [`health`] gives no verdict, whatever else is recorded ([`require_people`]).
    pub fn people_unknown(&self) -> bool {
        self.parts
            .iter()
            .any(|p| p.factor == Factor::Support && p.left_out)
    }

    /// "Not enough data" in words: how much of the stage's weight has data, and what
    /// to record next. `None` when there is a score.
    pub fn not_enough(&self) -> Option<String> {
        if self.score.is_some() {
            return None;
        }
        let next: Vec<&str> = self
            .next_to_record()
            .iter()
            .map(|f| f.how_to_record())
            .collect();
        if self.people_unknown() {
            return Some(format!(
                "Not enough data for a verdict: no key players are recorded, so nobody at the partner is known and their buy-in cannot be judged, whatever else is recorded. Next: {}.",
                next.join("; ")
            ));
        }
        Some(format!(
            "Not enough data for a verdict: what is recorded carries {} of the weight at {}, and a verdict needs {}. Next: {}.",
            percent(self.evidence()),
            self.stage.label().to_lowercase(),
            percent(EVIDENCE_SHARE),
            next.join("; ")
        ))
    }
}

/// Health gives a band only when the components with data carry at least this share of
/// the stage's weight: one component alone must not decide the verdict.
pub const EVIDENCE_SHARE: f64 = 0.5;

/// Health bands, for the dashboard's distribution and the badge's colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Band {
    /// Below [`BAND_WATCH`].
    AtRisk,
    /// From [`BAND_WATCH`] to below [`BAND_HEALTHY`].
    Watch,
    /// [`BAND_HEALTHY`] and above.
    Healthy,
    /// No score: nothing to measure yet.
    Unknown,
}

/// The lowest score in the "watch" band.
pub const BAND_WATCH: u8 = 40;
/// The lowest score in the "healthy" band.
pub const BAND_HEALTHY: u8 = 70;

impl Band {
    pub const ALL: [Band; 4] = [Band::Healthy, Band::Watch, Band::AtRisk, Band::Unknown];

    pub fn of(score: Option<u8>) -> Band {
        match score {
            None => Band::Unknown,
            Some(s) if s >= BAND_HEALTHY => Band::Healthy,
            Some(s) if s >= BAND_WATCH => Band::Watch,
            Some(_) => Band::AtRisk,
        }
    }

    /// The band's name alone, where its range would repeat the score beside it.
    pub fn name(self) -> &'static str {
        match self {
            Band::Healthy => "Healthy",
            Band::Watch => "Watch",
            Band::AtRisk => "At risk",
            Band::Unknown => "Not enough data",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Band::Healthy => "Healthy (70–100)",
            Band::Watch => "Watch (40–69)",
            Band::AtRisk => "At risk (0–39)",
            Band::Unknown => "Not enough data",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Band::Healthy => "healthy",
            Band::Watch => "watch",
            Band::AtRisk => "at-risk",
            Band::Unknown => "unknown",
        }
    }
}

/// The score from measured components at a stage. Values are clamped to 0–1; a missing
/// or non-finite value leaves its component out and the remaining weights are scaled to
/// sum to 1. When a factor is given twice, the first counts.
pub fn score(components: &[Component], stage: Stage) -> Health {
    let mut parts: Vec<Part> = Factor::ALL
        .iter()
        .map(|&factor| (factor, stage_weight(stage, factor)))
        .filter(|(_, w)| *w > 0.0)
        .map(|(factor, w)| {
            let given = components.iter().find(|c| c.factor == factor);
            let value = given
                .and_then(|c| c.value)
                .filter(|v| v.is_finite())
                .map(|v| v.clamp(0.0, 1.0));
            Part {
                factor,
                value,
                stage_weight: w,
                weight: 0.0,
                left_out: value.is_none(),
                detail: given.map(|c| c.detail.clone()).unwrap_or_default(),
            }
        })
        .collect();
    let total: f64 = parts
        .iter()
        .filter(|p| !p.left_out)
        .map(|p| p.stage_weight)
        .sum();
    if total <= 0.0 || total < EVIDENCE_SHARE - 1e-9 {
        return Health {
            stage,
            score: None,
            parts,
            capped: None,
        };
    }
    for p in parts.iter_mut().filter(|p| !p.left_out) {
        p.weight = p.stage_weight / total;
    }
    let points: f64 = parts.iter().map(Part::points).sum();
    Health {
        stage,
        score: Some(points.round().clamp(0.0, 100.0) as u8),
        parts,
        capped: None,
    }
}

// ---------------------------------------------------------------------------------------
// Measuring the components
// ---------------------------------------------------------------------------------------

/// A stance as support, 0–1 (the one scale, from
/// [`crate::model::meetings::support_value`]).
pub fn stance_value(s: Stance) -> f64 {
    crate::model::meetings::support_value(s)
}

/// A shared goal's status as health, 0–1: a goal being worked on is most of the value;
/// one at risk or missed pulls it down.
pub fn goal_status_value(s: GoalStatus) -> f64 {
    match s {
        GoalStatus::Met | GoalStatus::OnTrack => 1.0,
        GoalStatus::Open => 0.7,
        GoalStatus::AtRisk => 0.4,
        GoalStatus::Missed => 0.0,
    }
}

/// Deal fit, 0–1: the mean of what is assessed among the user-experience verdict (right
/// 1, risky ½, wrong 0), strategic fit ((s − 1) / 4), economics (favourable 1, neutral
/// ½, unfavourable 0) and the leverage balance (½ + (ours − theirs) / 8). A wrong user
/// experience makes it 0 whatever else says: such a deal should stop.
pub fn fit_component(p: &Partner) -> Component {
    let f = &p.fit;
    if f.ux == Some(UxVerdict::Wrong) {
        return Component::new(Factor::Fit, Some(0.0), "the user experience is wrong");
    }
    let mut items: Vec<(f64, String)> = Vec::new();
    if let Some(ux) = f.ux {
        let v = if ux == UxVerdict::Right { 1.0 } else { 0.5 };
        items.push((v, format!("user experience {}", ux.label().to_lowercase())));
    }
    if let Some(s) = f.strategic {
        let v = (f64::from(s.clamp(1, 5)) - 1.0) / 4.0;
        items.push((v, format!("strategic fit {s}/5")));
    }
    if let Some(e) = f.economics {
        let v = match e {
            Economics::Favourable => 1.0,
            Economics::Neutral => 0.5,
            Economics::Unfavourable => 0.0,
        };
        items.push((v, format!("economics {}", e.label().to_lowercase())));
    }
    if let (Some(ours), Some(theirs)) = (f.our_leverage, f.their_leverage) {
        let v = 0.5 + (f64::from(ours.clamp(1, 5)) - f64::from(theirs.clamp(1, 5))) / 8.0;
        items.push((v, format!("leverage ours {ours} vs theirs {theirs}")));
    }
    if items.is_empty() {
        return Component::new(Factor::Fit, None, "no fit assessment yet");
    }
    let value = items.iter().map(|(v, _)| v).sum::<f64>() / items.len() as f64;
    let detail = items
        .into_iter()
        .map(|(_, d)| d)
        .collect::<Vec<_>>()
        .join(", ");
    Component::new(Factor::Fit, Some(value), detail)
}

/// Shared goals, 0–1: 0 without any shared goal (a red flag, not missing data),
/// otherwise the mean of [`goal_status_value`] over the goals.
pub fn goals_component(p: &Partner) -> Component {
    if p.goals.is_empty() && matches!(p.stage, Stage::Research | Stage::Pitching) {
        return Component::new(
            Factor::Goals,
            None,
            "no shared goal yet: agree one before negotiating",
        );
    }
    if p.goals.is_empty() {
        return Component::new(Factor::Goals, Some(0.0), "no shared goal");
    }
    let value = p
        .goals
        .iter()
        .map(|g| goal_status_value(g.status))
        .sum::<f64>()
        / p.goals.len() as f64;
    let mut counts: Vec<String> = Vec::new();
    for s in GoalStatus::ALL {
        let n = p.goals.iter().filter(|g| g.status == *s).count();
        if n > 0 {
            // Each status with the value it counts for, so the percentage can be checked
            // by hand: "1 at risk" alone does not explain 40 %.
            counts.push(format!(
                "{n} {} ({})",
                s.label().to_lowercase(),
                percent(goal_status_value(*s))
            ));
        }
    }
    let detail = format!(
        "{}: {}",
        count(p.goals.len(), "shared goal"),
        counts.join(", ")
    );
    Component::new(Factor::Goals, Some(value), detail)
}

/// One key player as health reads them: the stance as read from the latest meetings,
/// their influence, and whether anyone has met them in a logged meeting.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlayerStance {
    pub stance: Stance,
    pub influence: u8,
    pub met: bool,
}

/// The share of the key players' support that counts with no backer able to carry the
/// deal (reach 0); the rest counts in proportion to the strongest backer's reach.
pub const REACH_FLOOR: f64 = 0.5;

/// Key-player support, 0–1: the mean of each key player's support
/// ([`crate::model::meetings::support`]: [`stance_value`], with an unverified player's
/// pull above neutral counting half) weighted by influence (1–5), counted as far as the
/// strongest backer reaches: × (r + (1 − r) × reach), r = [`REACH_FLOOR`], reach as in the ability to
/// deliver ([`crate::model::meetings::reach`]). `stances` are the current stances
/// ([`current_stances`]: as read from the latest meetings).
pub fn support_component(stances: &[PlayerStance]) -> Component {
    let weight = |k: &PlayerStance| f64::from(k.influence.clamp(1, 5));
    let total: f64 = stances.iter().map(weight).sum();
    if stances.is_empty() || total <= 0.0 {
        return Component::new(Factor::Support, None, "no key players recorded");
    }
    let support = stances
        .iter()
        .map(|k| crate::model::meetings::support(k.stance, k.met) * weight(k))
        .sum::<f64>()
        / total;
    // Support from people who cannot move the partner, or whom nobody has met, does not
    // make a healthy relationship: it counts as far as the strongest backer reaches (the
    // ability to deliver's reach), from half with nobody able to carry it to all of it
    // with a champion of influence 5 who has been met.
    let reach_of = |k: &PlayerStance| crate::model::meetings::reach(k.stance, k.influence, k.met);
    let strongest = stances
        .iter()
        .filter(|k| reach_of(k) > 0.0)
        .max_by(|a, b| reach_of(a).total_cmp(&reach_of(b)));
    let reach = strongest.map_or(0.0, reach_of);
    let counted = REACH_FLOOR + (1.0 - REACH_FLOOR) * reach;
    let value = support * counted;
    let backing = |k: &&PlayerStance| matches!(k.stance, Stance::Champion | Stance::Supportive);
    let backers = stances.iter().filter(backing).count();
    let unverified = stances.iter().filter(backing).filter(|k| !k.met).count();
    let mut detail = format!(
        "{backers} of {} supportive or champions",
        count(stances.len(), "key player")
    );
    if unverified > 0 {
        detail.push_str(&format!(
            " ({unverified} unverified: never met, counted half)"
        ));
    }
    // The value is not backers / players: say what it is, or "1 of 3" beside 48 % reads
    // as a mistake.
    detail.push_str("; each one's stance as read from meetings, weighted by influence");
    if counted < 1.0 {
        // The Fit tab shows this support before reach: name it, so 32 % here beside
        // 54 % there reads as one figure counted in part, not two readings.
        detail.push_str(&format!(": {}", percent(support)));
    }
    match strongest {
        None => detail.push_str("; counted at half: no backer to carry the deal"),
        Some(k) if counted < 1.0 => detail.push_str(&format!(
            "; counted at {}: the strongest backer has influence {} of 5{}",
            percent(counted),
            k.influence.clamp(1, 5),
            if k.met { "" } else { " and is unverified" }
        )),
        Some(_) => {}
    }
    Component::new(Factor::Support, Some(value), detail)
}

/// Reception trend, 0–1, from a trend of −1 (falling fast) to 1 (rising fast):
/// (trend + 1) / 2.
pub fn reception_component(trend: Option<f64>) -> Component {
    match trend.filter(|t| t.is_finite()) {
        None => Component::new(
            Factor::Reception,
            None,
            "a trend needs two meetings with receptions from the same key player",
        ),
        Some(t) => {
            let t = t.clamp(-1.0, 1.0);
            let word = if t > 0.05 {
                "rising"
            } else if t < -0.05 {
                "falling"
            } else {
                "steady"
            };
            Component::new(
                Factor::Reception,
                Some((t + 1.0) / 2.0),
                format!("reception {word} (trend {})", signed_hundredths(t)),
            )
        }
    }
}

/// Delivery, 0–1: the mean of the all-time and the last-90-days delivery credits, of
/// those that exist.
pub fn delivery_component(r: &DeliveryRecord) -> Component {
    let shares: Vec<f64> = [r.all_time, r.recent].into_iter().flatten().collect();
    if shares.is_empty() {
        return Component::new(
            Factor::Delivery,
            None,
            "none of the partner's commitments is due yet",
        );
    }
    let value = shares.iter().sum::<f64>() / shares.len() as f64;
    // Name both shares the value averages, in the Goals tab's words ("delivery credit"):
    // "1 of 4 on time" beside 21 % explains nothing.
    let all_time = r.all_time.map_or("nothing due yet".to_owned(), |v| {
        format!("{} delivery credit ({})", percent(v), r.counts())
    });
    let detail = match r.recent {
        Some(v) => format!(
            "mean of all time {all_time} and last 90 days {}",
            percent(v)
        ),
        None => format!("all time {all_time}; none due in the last 90 days"),
    };
    Component::new(Factor::Delivery, Some(value), detail)
}

/// Landing progress, 0–1: the share of the landing plan's steps done.
pub fn landing_component(progress: Option<f64>) -> Component {
    match progress {
        None => Component::new(Factor::Landing, None, "no landing plan"),
        Some(v) => Component::new(
            Factor::Landing,
            Some(v),
            format!("{} of landing steps done", percent(v)),
        ),
    }
}

/// Landing progress judged against its plan, 0–1 ([`crate::model::landing::on_plan`]):
/// steps done or planned for later count as on plan; late or undated steps not done
/// count against it.
pub fn landing_on_plan(
    tracks: &[crate::model::landing::LandingTrack],
    today: NaiveDate,
) -> Component {
    let c = crate::model::landing::step_counts(tracks, today);
    let Some(v) = c.on_plan() else {
        return Component::new(Factor::Landing, None, "no landing plan");
    };
    let (done, all) = (c.done, c.all());
    let rest = match (c.ahead, c.behind) {
        (0, 0) => String::new(),
        (ahead, 0) => format!(", the other {ahead} planned for later"),
        (0, behind) => format!(", {behind} late or undated"),
        (ahead, behind) => format!(", {ahead} planned for later, {behind} late or undated"),
    };
    Component::new(
        Factor::Landing,
        Some(v),
        format!("{} on plan: {done} of {all} steps done{rest}", percent(v)),
    )
}

/// The landing component of a partner: judged against its plan
/// ([`landing_on_plan`]), or 0 when the plan itself is missing after signature
/// ([`crate::model::landing::plan_missing`]): signed a month and nothing planned is a
/// fact against the partnership, not a gap in the data.
pub fn landing_component_for(p: &Partner, today: NaiveDate) -> Component {
    let days = (today - p.in_stage_since()).num_days();
    if crate::model::landing::plan_missing(p.stage, days, !p.landing.is_empty()) {
        let when = if p.stage == Stage::Signed {
            format!("signed {days} days ago")
        } else {
            p.stage.label().to_lowercase()
        };
        return Component::new(
            Factor::Landing,
            Some(0.0),
            format!("no landing plan, {when}: agree the markets, steps and dates"),
        );
    }
    landing_on_plan(&p.landing, today)
}

/// Growth against the shared goals' targets, 0–1: the mean progress of the goals that
/// have a metric, a target and values to measure (each capped at 1).
pub fn growth_component(progress: &[f64]) -> Component {
    let usable: Vec<f64> = progress
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .map(|v| v.clamp(0.0, 1.0))
        .collect();
    if usable.is_empty() {
        return Component::new(
            Factor::Growth,
            None,
            "no shared goal with a target and metric values",
        );
    }
    let value = usable.iter().sum::<f64>() / usable.len() as f64;
    Component::new(
        Factor::Growth,
        Some(value),
        format!(
            "{} of the plan to date on average over {}",
            percent(value),
            count(usable.len(), "goal")
        ),
    )
}

/// Breadth of buy-in, 0–1: the share of the partner's judged markets that bought in,
/// with the reason (`growth::buy_in`: its `breadth` and `summary`).
pub fn buy_in_component(breadth: Option<f64>, summary: &str) -> Component {
    let why = if summary.is_empty() {
        "no market figures yet"
    } else {
        summary
    };
    Component::new(Factor::BuyIn, breadth.filter(|b| b.is_finite()), why)
}

/// A number with one decimal, "2.5" (integer arithmetic keeps float formatting code
/// out of the browser build).
pub fn tenths(v: f64) -> String {
    let t = (v * 10.0).round() as i64;
    let sign = if t < 0 { "-" } else { "" };
    format!("{sign}{}.{}", t.abs() / 10, t.abs() % 10)
}

/// A number with a sign and two decimals, "+0.25" or "−0.40".
fn signed_hundredths(v: f64) -> String {
    let t = (v * 100.0).round() as i64;
    let sign = if t < 0 { "−" } else { "+" };
    format!("{sign}{}.{:02}", t.abs() / 100, t.abs() % 100)
}

/// The current stance and influence of each key player: the stance as read from the
/// latest meetings (the recorded one, unverified, for a key player who attended none).
pub fn current_stances(p: &Partner) -> Vec<PlayerStance> {
    crate::model::meetings::map(p)
        .into_iter()
        .map(|m| PlayerStance {
            stance: m.read,
            influence: m.influence,
            met: !m.unverified(),
        })
        .collect()
}

/// The metric a partner's results are read in: the program's metric when the partner
/// has values of it, else the first shared goal's metric with values, else the
/// partner's metric with the most market series.
pub fn main_metric(ws: &Workspace, p: &Partner) -> Option<String> {
    let has = |m: &str| !m.is_empty() && p.metrics.iter().any(|s| s.metric == m);
    let program = ws.program.metric.trim();
    if has(program) {
        return Some(program.to_owned());
    }
    if let Some(g) = p.goals.iter().find(|g| has(g.metric.trim())) {
        return Some(g.metric.trim().to_owned());
    }
    let mut best: Option<(&str, usize)> = None;
    for s in &p.metrics {
        let n = p.metrics.iter().filter(|t| t.metric == s.metric).count();
        if best.is_none_or(|(_, b)| n > b) {
            best = Some((&s.metric, n));
        }
    }
    best.map(|(m, _)| m.to_owned())
}

/// The month this partner's `metric` is judged in: its latest complete month
/// ([`crate::model::metrics::judged_month`]).
fn latest_for(p: &Partner, metric: &str, today: NaiveDate) -> Option<Month> {
    crate::model::metrics::judged_month(p, metric, today)
}

/// Every component of a partner's health on `today`.
pub fn components(ws: &Workspace, p: &Partner, today: NaiveDate) -> Vec<Component> {
    let growth: Vec<f64> = p
        .goals
        .iter()
        .filter_map(|g| crate::model::metrics::goal_figures(p, g, today).map(|r| r.progress))
        .collect();
    let buy_in = main_metric(ws, p).and_then(|metric| {
        let latest = latest_for(p, &metric, today)?;
        crate::model::metrics::growth::buy_in(ws, p, &metric, latest)
    });
    vec![
        fit_component(p),
        goals_component(p),
        support_component(&current_stances(p)),
        reception_component(crate::model::meetings::reception_trend(p)),
        delivery_component(&goals::delivery_record(&p.commitments, today)),
        landing_component_for(p, today),
        growth_component(&growth),
        buy_in_component(
            buy_in.as_ref().and_then(|b| b.breadth),
            buy_in.as_ref().map_or("", |b| &b.summary),
        ),
    ]
}

/// The partner's health on `today`: the [`score`] of its components, with no verdict
/// while nobody at the partner is recorded ([`require_people`]).
pub fn health(ws: &Workspace, p: &Partner, today: NaiveDate) -> Health {
    require_people(score(&components(ws, p, today), p.stage))
}

/// No verdict without the people: a partner with no key player recorded has no score
/// whatever else carries weight. Its buy-in cannot be judged, and a score made of the
/// rest (a good delivery record, a goal on track) would read better than a partner
/// whose recorded people are lukewarm — the known-bad case would look worse than the
/// unknown one. The screen says "not enough data" and asks for who decides
/// ([`Health::not_enough`]).
pub fn require_people(mut h: Health) -> Health {
    if h.score.is_some() && h.people_unknown() {
        h.score = None;
        for part in &mut h.parts {
            part.weight = 0.0;
        }
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stage_row_sums_to_100() {
        for (stage, row) in WEIGHTS {
            let sum: u32 = row.iter().map(|w| u32::from(*w)).sum();
            assert_eq!(sum, 100, "{stage:?}");
        }
        for stage in Stage::ALL {
            assert!(WEIGHTS.iter().any(|(s, _)| s == stage), "{stage:?}");
        }
    }
}
