//! Reading the room: what the meeting log says about each key player.
//!
//! Every figure here is documented with a worked example in `docs/model/meetings.md`.
//! - A reception's **score** is the mean of its three readings (body language, tone,
//!   reaction), each mapped to −2 (strongly negative) … +2 (strongly positive), so a
//!   score runs from −2 to +2 in steps of ⅓; a negative reaction caps it at ⅔ of the
//!   reaction (politeness does not turn a "no" into "neutral"). Comparisons use the integer sum of the
//!   three readings ([`points`], −6 … +6), so no rounding can hide or invent a fall.
//! - A key player's **series** is their receptions in meeting order, oldest first.
//! - Their reception **falls** when, over their last three receptions a → b → c, it
//!   drops at each step (a > b > c), or drops by at least [`FALL_DROP`] from a to c
//!   without recovering at the end (c ≤ b).
//! - A **champion** (role or recorded stance Champion) **turns skeptical** when their
//!   latest reception is negative, or their stance — recorded, or as read from the
//!   latest meetings — is Skeptical or Blocker.
//! - The **reception trend** of a partner is the influence-weighted mean, over its key
//!   players with two receptions or more, of (last − first) / 4 over each one's last
//!   three receptions: −1 (everyone went from +2 to −2) … +1.
//! - The **stance as read** from the latest meetings blends the recorded stance (−2 …
//!   +2) with the recent receptions: (stance + 2 × recent) / 3, where recent weighs the
//!   last three scores 3 : 2 : 1, newest first.
//! - A key player who attended no logged meeting is **unverified**: their stance is the
//!   recorded one, taken on trust. Their **support** (0–1, champion 1 … blocker 0)
//!   counts only [`UNVERIFIED_SHARE`] of its pull above neutral, and the fit counts the
//!   same share of their reach; a stance below neutral counts in full (bad news needs no
//!   meeting to be heeded). Health, the ability to deliver, the ladder, the champion
//!   count and the memo all read people through [`map`].

use super::{Meeting, Reception};
use crate::model::core::id::Id;
use crate::model::core::vocabulary::{DecisionRole, Scale, Stage, Stance};
use crate::model::workspace::records::{KeyPlayer, Partner};
use chrono::NaiveDate;

/// The drop in points (sum of the three readings) from the first to the third of the
/// last three receptions that counts as a fall even when one step is flat: 3 points is
/// one whole step of the five-point scale on average.
pub const FALL_DROP: i32 = 3;

/// The weights of the last three receptions in the recent reading, newest first.
pub const RECENT_WEIGHTS: [f64; 3] = [3.0, 2.0, 1.0];

/// A reading of the five-point scale as a number: −2 (strongly negative) … +2.
pub fn scale_value(s: Scale) -> i32 {
    match s {
        Scale::StronglyNegative => -2,
        Scale::Negative => -1,
        Scale::Neutral => 0,
        Scale::Positive => 1,
        Scale::StronglyPositive => 2,
    }
}

/// The share of an unverified key player's backing that counts: of their support, the
/// part above neutral; of their reach, the whole. Half: a stance recorded from hearsay
/// is worth something, but a lead does not bank on someone nobody has met.
pub const UNVERIFIED_SHARE: f64 = 0.5;

/// A stance as support, 0–1: champion 1, supportive 0.75, neutral 0.5, skeptical 0.25,
/// blocker 0. The one scale health and the ability to deliver both use.
pub fn support_value(s: Stance) -> f64 {
    f64::from(stance_value(s) + 2) / 4.0
}

/// The support a key player gives, 0–1, as [`support_value`] of their stance, with an
/// unverified player's pull above neutral counting [`UNVERIFIED_SHARE`]: an unverified
/// champion gives 0.75, an unverified supporter 0.625, an unverified skeptic 0.25.
pub fn support(stance: Stance, met: bool) -> f64 {
    let v = support_value(stance);
    if met || v <= 0.5 {
        v
    } else {
        0.5 + UNVERIFIED_SHARE * (v - 0.5)
    }
}

/// How far a key player can carry the deal, 0–1: their influence (clamped to 1–5) ÷ 5
/// for a champion or supporter, halved ([`UNVERIFIED_SHARE`]) while nobody has met them
/// in a logged meeting, and 0 for anyone neutral or against. The one scale the ability
/// to deliver and health's key-player support both read.
pub fn reach(stance: Stance, influence: u8, met: bool) -> f64 {
    if !matches!(stance, Stance::Champion | Stance::Supportive) {
        return 0.0;
    }
    f64::from(influence.clamp(1, 5)) / 5.0 * if met { 1.0 } else { UNVERIFIED_SHARE }
}

/// A stance as a number on the same −2 … +2 line as a reception score.
pub fn stance_value(s: Stance) -> i32 {
    match s {
        Stance::Champion => 2,
        Stance::Supportive => 1,
        Stance::Neutral => 0,
        Stance::Skeptical => -1,
        Stance::Blocker => -2,
    }
}

/// The stance nearest a value on the −2 … +2 line: halves go away from neutral
/// (+0.5 is Supportive, −1.5 is Blocker).
pub fn read_stance(value: f64) -> Stance {
    if value >= 1.5 {
        Stance::Champion
    } else if value >= 0.5 {
        Stance::Supportive
    } else if value > -0.5 {
        Stance::Neutral
    } else if value > -1.5 {
        Stance::Skeptical
    } else {
        Stance::Blocker
    }
}

/// The sum of a reception's three readings, −6 … +6. A negative reaction is not
/// averaged away by a polite tone or friendly body language: when the reaction is
/// negative the sum is at most twice the reaction (−2 for negative, −4 for strongly
/// negative), so the reception reads negative.
pub fn points(r: &Reception) -> i32 {
    let sum = scale_value(r.body_language) + scale_value(r.tone) + scale_value(r.reaction);
    let reaction = scale_value(r.reaction);
    if reaction < 0 {
        sum.min(2 * reaction)
    } else {
        sum
    }
}

impl Reception {
    /// The mean of the three readings, −2 … +2.
    pub fn score(&self) -> f64 {
        f64::from(points(self)) / 3.0
    }
}

/// A score as people read it: one decimal, always signed, with a true minus sign.
pub fn format_score(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded == 0.0 {
        "0.0".into()
    } else if rounded > 0.0 {
        format!("+{rounded:.1}")
    } else {
        format!("−{:.1}", -rounded)
    }
}

/// One key player's reception at one meeting.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    pub meeting: Id,
    pub date: NaiveDate,
    /// Sum of the three readings, −6 … +6.
    pub points: i32,
    /// Mean of the three readings, −2 … +2.
    pub score: f64,
    pub body_language: Scale,
    pub tone: Scale,
    pub reaction: Scale,
    pub note: String,
}

impl Reading {
    /// Whether this reception was a no: its [`points`] below zero, so a negative reaction
    /// in a polite meeting counts. The signals and the Fit tab ask this one question.
    pub fn is_a_no(&self) -> bool {
        self.points < 0
    }
}

/// The meetings in the order they happened: by date, and in recorded order on a day.
fn in_order(p: &Partner) -> Vec<&Meeting> {
    let mut all: Vec<&Meeting> = p.meetings.iter().collect();
    all.sort_by_key(|m| m.date);
    all
}

/// A key player's receptions, oldest first (also a removed key player's, by id).
pub fn series(p: &Partner, player: &Id) -> Vec<Reading> {
    in_order(p)
        .into_iter()
        .filter_map(|m| {
            let r = m.reception(player)?;
            Some(Reading {
                meeting: m.id.clone(),
                date: m.date,
                points: points(r),
                score: r.score(),
                body_language: r.body_language,
                tone: r.tone,
                reaction: r.reaction,
                note: r.note.clone(),
            })
        })
        .collect()
}

/// The last (up to) three of a series.
fn last_three(s: &[Reading]) -> &[Reading] {
    &s[s.len().saturating_sub(3)..]
}

/// Whether the last three receptions a → b → c fall (see the module introduction).
fn falls(s: &[Reading]) -> bool {
    match last_three(s) {
        [a, b, c] => {
            let (a, b, c) = (a.points, b.points, c.points);
            (a > b && b > c) || (a - c >= FALL_DROP && c <= b)
        }
        _ => false,
    }
}

/// The recent reception: the last three scores weighted 3 : 2 : 1, newest first.
fn recent(s: &[Reading]) -> Option<f64> {
    let (mut sum, mut weights) = (0.0, 0.0);
    for (r, w) in last_three(s).iter().rev().zip(RECENT_WEIGHTS) {
        sum += w * r.score;
        weights += w;
    }
    (weights > 0.0).then(|| sum / weights)
}

fn is_champion(k: &KeyPlayer) -> bool {
    k.role == DecisionRole::Champion || k.stance == Stance::Champion
}

fn short_date(d: NaiveDate) -> String {
    crate::model::core::format::day_short(d)
}

/// The influence weight of a key player; an out-of-range influence from a file is
/// clamped so it can neither vanish nor dominate.
fn weight(k: &KeyPlayer) -> f64 {
    f64::from(k.influence.clamp(1, 5))
}

/// Whether the room is warming or cooling, −1 … +1 (negative: cooling); `None` with
/// fewer than two meetings or when no key player attended two of them.
///
/// For each current key player with two receptions or more, the change over their last
/// (up to) three receptions is (last − first) / 4, which lies in −1 … +1 because scores
/// lie in −2 … +2. The trend is the mean of those changes weighted by influence (1–5).
/// Removed key players no longer count.
pub fn reception_trend(p: &Partner) -> Option<f64> {
    if p.meetings.len() < 2 {
        return None;
    }
    let (mut sum, mut weights) = (0.0, 0.0);
    for k in &p.key_players {
        let s = series(p, &k.id);
        let tail = last_three(&s);
        if let (Some(first), Some(last), true) = (tail.first(), tail.last(), tail.len() >= 2) {
            let change = (last.score - first.score) / 4.0;
            sum += weight(k) * change;
            weights += weight(k);
        }
    }
    (weights > 0.0).then(|| (sum / weights).clamp(-1.0, 1.0))
}

/// Below this size (either way) a trend reads as steady.
pub const STEADY: f64 = 0.05;

/// The trend in words: "warming (+0.12)", "cooling (−0.22)", "steady (0.0)", or why
/// there is none.
pub fn describe_trend(trend: Option<f64>) -> String {
    // Judged on the value as shown, so "+0.05" never reads as steady.
    match trend.map(|t| (t * 100.0).round() / 100.0) {
        None => "not enough meetings yet: a key player must attend two".into(),
        Some(t) if t <= -STEADY => format!("cooling ({})", format_trend(t)),
        Some(t) if t >= STEADY => format!("warming ({})", format_trend(t)),
        Some(t) => format!("steady ({})", format_trend(t)),
    }
}

/// A trend with two decimals and a sign.
fn format_trend(t: f64) -> String {
    let r = (t * 100.0).round() / 100.0;
    if r == 0.0 {
        "0.00".into()
    } else if r > 0.0 {
        format!("+{r:.2}")
    } else {
        format!("−{:.2}", -r)
    }
}

/// A key player the room is cooling on, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cooling {
    pub player: Id,
    pub name: String,
    /// Every reason, joined by "; ": the fall with its scores and dates, and/or the
    /// champion turning skeptical.
    pub reason: String,
}

/// The cooling signals of a partner's current key players, in key-player order: at most
/// one per key player, holding every reason that applies.
pub fn cooling(p: &Partner) -> Vec<Cooling> {
    p.key_players
        .iter()
        .filter_map(|k| {
            let s = series(p, &k.id);
            let mut reasons = Vec::new();
            if falls(&s) {
                let tail = last_three(&s);
                let scores: Vec<String> = tail.iter().map(|r| format_score(r.score)).collect();
                let dates: Vec<String> = tail.iter().map(|r| short_date(r.date)).collect();
                reasons.push(format!(
                    "reception fell over the last three meetings: {} ({})",
                    scores.join(" → "),
                    dates.join(", ")
                ));
            }
            if is_champion(k) {
                let read = stance_read(k, &s);
                if let Some(last) = s.last().filter(|r| r.is_a_no()) {
                    reasons.push(format!(
                        "a champion turning skeptical: latest reception {} on {}",
                        format_score(last.score),
                        short_date(last.date)
                    ));
                } else if matches!(k.stance, Stance::Skeptical | Stance::Blocker) {
                    reasons.push(format!(
                        "a champion turning skeptical: stance recorded as {}",
                        k.stance.label()
                    ));
                } else if matches!(read, Stance::Skeptical | Stance::Blocker) {
                    reasons.push(format!(
                        "a champion turning skeptical: reads as {} from the latest meetings",
                        read.label()
                    ));
                }
            }
            (!reasons.is_empty()).then(|| Cooling {
                player: k.id.clone(),
                name: k.name.clone(),
                reason: capitalise(&reasons.join("; ")),
            })
        })
        .collect()
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A key player on the influence × stance map.
#[derive(Clone, Debug, PartialEq)]
pub struct MapPoint {
    pub player: Id,
    pub name: String,
    pub role: DecisionRole,
    /// 1 … 5.
    pub influence: u8,
    /// The stance recorded on the key player.
    pub recorded: Stance,
    /// The stance as read from the latest meetings: the recorded one when the key
    /// player attended none.
    pub read: Stance,
    /// Where the read stance lies on the −2 … +2 line, for plotting.
    pub read_value: f64,
    /// The recent reception (last three, weighted 3 : 2 : 1), when there is one.
    pub recent: Option<f64>,
    /// How many meetings the key player attended.
    pub meetings: usize,
}

impl MapPoint {
    /// Never met in a logged meeting: the stance is the recorded one, taken on trust.
    pub fn unverified(&self) -> bool {
        self.meetings == 0
    }

    /// The support this key player gives, 0–1: see [`support`].
    pub fn support(&self) -> f64 {
        support(self.read, !self.unverified())
    }

    /// Whether this key player champions the partnership today, by the stance read from
    /// the latest meetings: read as a champion, or recorded as one (stance or role) and
    /// still read as supportive. A champion who now reads neutral or worse no longer
    /// counts — in the signals, the brief, anywhere champions are counted.
    pub fn is_champion(&self) -> bool {
        self.read == Stance::Champion
            || ((self.recorded == Stance::Champion || self.role == DecisionRole::Champion)
                && self.read == Stance::Supportive)
    }

    /// The stance as people read it on screen: "Supportive", or "Supportive (unverified:
    /// never met)" for someone nobody has met in a logged meeting.
    pub fn read_label(&self) -> String {
        if self.unverified() {
            format!("{} (unverified: never met)", self.read.label())
        } else {
            self.read.label().to_owned()
        }
    }
}

/// Whether a decision maker nobody has met matters at this stage: from Negotiating on
/// (and while the deal lives), not during research or the pitch, when not having met
/// them yet is ordinary.
pub fn must_have_met_decision_makers(stage: Stage) -> bool {
    matches!(
        stage,
        Stage::Negotiating | Stage::Signed | Stage::Landing | Stage::Live
    )
}

/// The partner's decision makers nobody has met in a logged meeting, by name, in
/// key-player order.
pub fn unmet_decision_makers(p: &Partner) -> Vec<String> {
    map(p)
        .into_iter()
        .filter(|m| m.role == DecisionRole::DecisionMaker && m.unverified())
        .map(|m| m.name)
        .collect()
}

fn stance_value_read(k: &KeyPlayer, s: &[Reading]) -> f64 {
    let recorded = f64::from(stance_value(k.stance));
    match recent(s) {
        Some(r) => (recorded + 2.0 * r) / 3.0,
        None => recorded,
    }
}

fn stance_read(k: &KeyPlayer, s: &[Reading]) -> Stance {
    read_stance(stance_value_read(k, s))
}

/// The influence × stance map of the partner's key players, in key-player order.
pub fn map(p: &Partner) -> Vec<MapPoint> {
    p.key_players
        .iter()
        .map(|k| {
            let s = series(p, &k.id);
            let read_value = stance_value_read(k, &s);
            MapPoint {
                player: k.id.clone(),
                name: k.name.clone(),
                role: k.role,
                influence: k.influence,
                recorded: k.stance,
                read: read_stance(read_value),
                read_value,
                recent: recent(&s),
                meetings: s.len(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn halves_read_away_from_neutral() {
        assert_eq!(read_stance(0.5), Stance::Supportive);
        assert_eq!(read_stance(0.49), Stance::Neutral);
        assert_eq!(read_stance(-0.5), Stance::Skeptical);
        assert_eq!(read_stance(-1.5), Stance::Blocker);
        assert_eq!(read_stance(1.5), Stance::Champion);
        for s in Stance::ALL {
            assert_eq!(read_stance(f64::from(stance_value(*s))), *s);
        }
    }

    #[test]
    fn unverified_backing_counts_half_above_neutral() {
        assert_eq!(support(Stance::Champion, true), 1.0);
        assert_eq!(support(Stance::Champion, false), 0.75);
        assert_eq!(support(Stance::Supportive, false), 0.625);
        assert_eq!(support(Stance::Neutral, false), 0.5);
        assert_eq!(support(Stance::Skeptical, false), 0.25);
        assert_eq!(support(Stance::Blocker, false), 0.0);
        for s in Stance::ALL {
            assert!(support(*s, false) <= support(*s, true));
        }
    }

    #[test]
    fn trends_read_in_words() {
        assert_eq!(describe_trend(Some(-0.21875)), "cooling (−0.22)");
        assert_eq!(describe_trend(Some(0.05)), "warming (+0.05)");
        assert_eq!(describe_trend(Some(0.049)), "warming (+0.05)");
        assert_eq!(describe_trend(Some(0.04)), "steady (+0.04)");
        assert_eq!(describe_trend(Some(-0.001)), "steady (0.00)");
        assert!(describe_trend(None).starts_with("not enough"));
    }

    #[test]
    fn scores_print_signed_with_one_decimal() {
        assert_eq!(format_score(4.0 / 3.0), "+1.3");
        assert_eq!(format_score(-2.0 / 3.0), "−0.7");
        assert_eq!(format_score(0.01), "0.0");
        assert_eq!(format_score(-0.04), "0.0");
    }
}
