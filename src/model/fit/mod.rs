//! The deal-fit assessment of a partner, what it recommends, and the record of its moves
//! up and down the partnership ladder (the ladder's rules live in [`ladder`]).
//!
//! Every figure here explains itself: each function returns the reasons behind its
//! answer as sentences a person can check, and `docs/model/fit.md` gives the formulas
//! and thresholds with worked examples.

pub mod ladder;
pub mod record;

use crate::model::core::check::ValidationError;
use crate::model::core::format::percent;
use crate::model::core::id::Id;
use crate::model::core::input::InputError;
use crate::model::core::vocabulary::{
    DecisionRole, Economics, MarketPosition, Stage, Stance, UxVerdict,
};
use crate::model::goals::{delivery_record, RECENT_DAYS};
use crate::model::meetings::MapPoint;
use crate::model::workspace::records::{Partner, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
pub use record::*;

/// Reads a 1–5 score typed in a form: empty means not assessed.
pub fn parse_score(text: &str) -> Result<Option<u8>, InputError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    match text.parse::<u8>() {
        Ok(v) if SCORE.contains(&v) => Ok(Some(v)),
        _ => Err(InputError::NotScore {
            text: text.to_owned(),
            low: *SCORE.start(),
            high: *SCORE.end(),
        }),
    }
}

/// Saves a partner's assessment, stamping the partner's `updated`. Changes nothing and
/// returns the errors when [`form_errors`] finds any; returns `Ok(false)` when the
/// assessment is unchanged.
pub fn save_fit(
    ws: &mut Workspace,
    partner: &Id,
    fit: Fit,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    let errors = form_errors(&fit);
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(p) = ws.partner_mut(partner) else {
        return Err(vec![ValidationError::partner_gone()]);
    };
    if p.fit == fit {
        return Ok(false);
    }
    p.fit = fit;
    p.updated = now.max(p.created);
    Ok(true)
}

/// Whether a partner at this stage is being pursued: every stage but paused and walked
/// away.
pub fn in_pursuit(stage: Stage) -> bool {
    !matches!(stage, Stage::Paused | Stage::WalkedAway)
}

// ---------------------------------------------------------------------------------------
// Ability to deliver
// ---------------------------------------------------------------------------------------

/// The partner's ability to deliver, 0–1, and what it is made of.
#[derive(Clone, Debug, PartialEq)]
pub struct Ability {
    /// `None` without key players: a delivery record alone does not say whether anyone
    /// there can carry the work.
    pub score: Option<f64>,
    pub reasons: Vec<String>,
}

/// How much each stance counts towards support (the one scale, from
/// [`crate::model::meetings::support_value`]).
pub fn stance_value(stance: Stance) -> f64 {
    crate::model::meetings::support_value(stance)
}

/// The weight of the key players in the ability when a delivery record exists; the
/// record weighs the rest.
pub const PLAYERS_WEIGHT: f64 = 0.6;
/// Below this the ability to deliver is low (a reason for care).
pub const LOW_ABILITY: f64 = 0.4;
/// At or above this the ability counts in the deal's favour.
pub const STRONG_ABILITY: f64 = 0.6;

/// Whether an ability to deliver is called strong: from [`STRONG_ABILITY`], unless
/// someone able to stop the deal is against it ([`in_the_way`]), whose opposition is
/// what the average hides. The Fit tab and the report both ask here.
pub fn is_strong(ability: f64, opposed: bool) -> bool {
    ability >= STRONG_ABILITY && !opposed
}
/// The share of a backer's reach that counts while nobody has met them in a logged
/// meeting: their stance is unverified (the same share their support counts above
/// neutral, [`crate::model::meetings::UNVERIFIED_SHARE`]).
pub const UNVERIFIED_REACH: f64 = crate::model::meetings::UNVERIFIED_SHARE;
/// A skeptic or blocker with at least this influence is named as a risk, and stands
/// in the deal's way (see [`in_the_way`]).
pub const HIGH_INFLUENCE: u8 = 4;

/// The partner's ability to deliver on `today`:
///
/// - each key player's stance is the one read from the latest meetings, as everywhere;
/// - support = Σ influence × support ÷ Σ influence over the key players (champion 1,
///   supportive 0.75, neutral 0.5, skeptical 0.25, blocker 0; influence clamped to 1–5;
///   an unverified player — never met in a logged meeting — counts half their pull
///   above neutral);
/// - reach = the highest influence among champions and supporters ÷ 5, halved for an
///   unverified one (0 if none): support from people who cannot move the partner, or
///   that nobody has checked, does not deliver;
/// - players = (support + reach) ÷ 2;
/// - record = the share of the partner's commitments due in the last 90 days that came
///   on time, or over all time when none fell due recently;
/// - score = 0.6 × players + 0.4 × record, or players alone without a record; none
///   without key players (the record alone does not say who carries the work).
pub fn ability_to_deliver(p: &Partner, today: NaiveDate) -> Ability {
    let mut reasons = Vec::new();
    let players = players_part(p, &mut reasons);
    let record = delivery_part(p, today, &mut reasons);
    let score = match (players, record) {
        (Some(k), Some(r)) => {
            let s = PLAYERS_WEIGHT * k + (1.0 - PLAYERS_WEIGHT) * r;
            reasons.push(format!(
                "Ability {} = 0.6 × {} (key players) + 0.4 × {} (delivery record).",
                percent(s),
                percent(k),
                percent(r)
            ));
            Some(s)
        }
        (Some(k), None) => Some(k),
        // A record with nobody known behind it: whoever delivered so far, nothing says
        // anyone there can carry what comes next. No figure rather than a good one.
        (None, Some(r)) => {
            reasons.push(format!(
                "The delivery record ({}) alone does not make an ability to deliver: it needs the people who carry the work.",
                percent(r)
            ));
            None
        }
        (None, None) => None,
    };
    Ability {
        score: score.map(|s| s.clamp(0.0, 1.0)),
        reasons,
    }
}

/// The key players' part: (support + reach) ÷ 2, with the reasons behind it; `None`
/// without key players.
fn players_part(p: &Partner, reasons: &mut Vec<String>) -> Option<f64> {
    if p.key_players.is_empty() {
        reasons
            .push("No key players recorded: record who decides and who will do the work.".into());
        return None;
    }
    // The stance read from the latest meetings: the one used everywhere.
    let list = crate::model::meetings::map(p);
    let support = support_part(&list, reasons);
    let reach = reach_part(&list, reasons);
    name_unverified_backers(&list, reasons);
    name_influential_opponents(&list, reasons);
    let players = (support + reach) / 2.0;
    reasons.push(format!(
        "Key players {} = ({} support + {} reach) ÷ 2.",
        percent(players),
        percent(support),
        percent(reach)
    ));
    Some(players)
}

/// An influence clamped to 1–5, as a weight.
fn influence_weight(influence: u8) -> f64 {
    f64::from(influence.clamp(1, 5))
}

/// Support: Σ influence × support ÷ Σ influence over the key players (not empty).
fn support_part(list: &[MapPoint], reasons: &mut Vec<String>) -> f64 {
    let total: f64 = list.iter().map(|k| influence_weight(k.influence)).sum();
    let backed: f64 = list
        .iter()
        .map(|k| influence_weight(k.influence) * k.support())
        .sum();
    let support = backed / total;
    reasons.push(format!(
        "Support of the key players as read from the meetings, weighted by influence: {} ({} of {} influence points).",
        percent(support),
        tenths(backed),
        tenths(total)
    ));
    support
}

/// Reach: the strongest backer's (champion or supporter) influence ÷ 5, counting
/// [`UNVERIFIED_REACH`] of it for one nobody has met; 0 without a backer.
fn reach_part(list: &[MapPoint], reasons: &mut Vec<String>) -> f64 {
    let reach_of =
        |k: &MapPoint| crate::model::meetings::reach(k.read, k.influence, !k.unverified());
    let backer = list
        .iter()
        .filter(|k| matches!(k.read, Stance::Champion | Stance::Supportive))
        .max_by(|a, b| reach_of(a).total_cmp(&reach_of(b)));
    match backer {
        Some(k) => {
            reasons.push(format!(
                "Strongest backer: {} ({}, influence {} of 5{}).",
                k.name,
                k.read.label().to_lowercase(),
                k.influence.clamp(1, 5),
                if k.unverified() {
                    "; never met in a logged meeting, so unverified: reach counts half"
                } else {
                    ""
                }
            ));
            reach_of(k)
        }
        None => {
            reasons.push(
                "No champion or supportive key player: nobody inside pushes the deal.".into(),
            );
            0.0
        }
    }
}

/// Names the backers nobody has met in a logged meeting: their support counts half.
fn name_unverified_backers(list: &[MapPoint], reasons: &mut Vec<String>) {
    let unverified: Vec<&str> = list
        .iter()
        .filter(|k| k.unverified() && matches!(k.read, Stance::Champion | Stance::Supportive))
        .map(|k| k.name.as_str())
        .collect();
    if !unverified.is_empty() {
        reasons.push(format!(
            "Unverified, never met in a logged meeting: {}. Their recorded support counts half of its pull above neutral until someone meets them.",
            unverified.join(", ")
        ));
    }
}

/// Names each skeptic or blocker with at least [`HIGH_INFLUENCE`]: a risk the support
/// figure alone averages away.
fn name_influential_opponents(list: &[MapPoint], reasons: &mut Vec<String>) {
    for k in list {
        let influence = k.influence.clamp(1, 5);
        if matches!(k.read, Stance::Skeptical | Stance::Blocker) && influence >= HIGH_INFLUENCE {
            reasons.push(format!(
                "{} is {} with influence {} of 5.",
                k.name,
                if k.read == Stance::Blocker {
                    "a blocker"
                } else {
                    "skeptical"
                },
                influence
            ));
        }
    }
}

fn delivery_part(p: &Partner, today: NaiveDate, reasons: &mut Vec<String>) -> Option<f64> {
    let record = delivery_record(&p.commitments, today);
    match (record.recent, record.all_time) {
        (Some(recent), _) => {
            reasons.push(format!(
                "Delivery record: {} delivery credit over the partner's commitments due in the last {RECENT_DAYS} days ({}; over all time {}).",
                percent(recent),
                record.recent_counts(),
                record.counts()
            ));
            Some(recent)
        }
        (None, Some(all)) => {
            reasons.push(format!(
                "Delivery record: {} delivery credit ({}); none fell due in the last {RECENT_DAYS} days.",
                percent(all),
                record.counts()
            ));
            Some(all)
        }
        (None, None) => {
            reasons.push(
                "No commitment of the partner is due yet: the delivery record does not count."
                    .into(),
            );
            None
        }
    }
}

/// A non-negative number with one decimal, "9.8".
fn tenths(x: f64) -> String {
    let t = (x.max(0.0) * 10.0).round() as u64;
    format!("{}.{}", t / 10, t % 10)
}

// ---------------------------------------------------------------------------------------
// Who stands in the way
// ---------------------------------------------------------------------------------------

/// A key player able to stop the deal who is against it, as [`in_the_way`] finds them.
#[derive(Clone, Debug, PartialEq)]
pub struct Opponent {
    pub player: Id,
    pub name: String,
    pub role: DecisionRole,
    /// 1 … 5.
    pub influence: u8,
    /// The stance as read from the latest meetings.
    pub read: Stance,
    /// Their latest reception's score (−2 … +2) and day, when they attended a meeting.
    pub latest: Option<(f64, NaiveDate)>,
}

/// The key players who stand in the deal's way, stance read from the latest meetings
/// as everywhere:
///
/// - a **decision maker against it**, whatever their influence: read as skeptical or a
///   blocker, or whose latest reception was negative — exactly the decision makers the
///   `decision_maker_against` signal names, so the recommendation never says "pursue"
///   beside it. A decision maker's no is a no: influence says how loudly, the role
///   that they sign;
/// - **anyone else read as skeptical or a blocker with influence [`HIGH_INFLUENCE`] or
///   more**: a head of risk who blocks at influence 5 stops a deal as surely as the
///   person who signs.
///
/// A skeptic or blocker of lower influence who does not decide is not in the way: the
/// ability's support counts them.
pub fn in_the_way(p: &Partner) -> Vec<Opponent> {
    crate::model::meetings::map(p)
        .into_iter()
        .filter_map(|m| {
            let last = crate::model::meetings::series(p, &m.player).pop();
            let said_no = last.as_ref().is_some_and(|r| r.is_a_no());
            let latest = last.map(|r| (r.score, r.date));
            let against = matches!(m.read, Stance::Skeptical | Stance::Blocker);
            let in_the_way = if m.role == DecisionRole::DecisionMaker {
                against || said_no
            } else {
                against && m.influence.clamp(1, 5) >= HIGH_INFLUENCE
            };
            in_the_way.then(|| Opponent {
                player: m.player,
                name: m.name,
                role: m.role,
                influence: m.influence.clamp(1, 5),
                read: m.read,
                latest,
            })
        })
        .collect()
}

/// The care reason for the key players in the way: who, in what role, with what
/// influence, how they read and how they were last received; and what the ability's
/// figure does not show.
/// One person in the way, for the care reason. Someone in the way by their latest
/// meeting alone is not said to "read as neutral" beside "against it" (two things at
/// once, as the signal avoids too): the no is the newer fact, the warmer reading its
/// history.
fn opponent_words(o: &Opponent) -> String {
    let who = format!(
        "{} ({}, influence {} of 5",
        o.name,
        o.role.label().to_lowercase(),
        o.influence
    );
    let reads = o.read.label().to_lowercase();
    let latest = o.latest.map(|(score, day)| {
        format!(
            "latest reception {} on {}",
            crate::model::meetings::format_score(score),
            crate::model::core::format::day(day)
        )
    });
    let against = matches!(o.read, Stance::Skeptical | Stance::Blocker);
    match latest {
        Some(latest) if !against => format!(
            "{who}; {latest}: a no, after warmer meetings that still leave the overall \
             reading at {reads})"
        ),
        Some(latest) => format!("{who}, reads as {reads}; {latest})"),
        None => format!("{who}, reads as {reads})"),
    }
}

fn opponents_care(opponents: &[Opponent], ability: Option<f64>) -> Option<String> {
    if opponents.is_empty() {
        return None;
    }
    let who: Vec<String> = opponents.iter().map(opponent_words).collect();
    let averaged = match ability {
        Some(a) => format!(
            " The ability to deliver ({}) averages their opposition away.",
            percent(a)
        ),
        None => String::new(),
    };
    Some(format!(
        "Against it and able to stop it: {}.{averaged} Find out the objection and win them over before committing more.",
        who.join(", ")
    ))
}

// ---------------------------------------------------------------------------------------
// Recommendation
// ---------------------------------------------------------------------------------------

/// What the assessment recommends.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    Pursue,
    PursueWithCare,
    Stop,
    /// No user-experience verdict yet, and nothing that stops the deal on its own.
    NotAssessed,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Pursue => "Pursue",
            Verdict::PursueWithCare => "Pursue with care",
            Verdict::Stop => "Stop",
            Verdict::NotAssessed => "Not assessed",
        }
    }

    /// A stable key for styles and tests.
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Pursue => "pursue",
            Verdict::PursueWithCare => "care",
            Verdict::Stop => "stop",
            Verdict::NotAssessed => "not-assessed",
        }
    }
}

/// The recommendation and every reason behind it: first what stops the deal, then what
/// calls for care, then (in one line) what speaks for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Recommendation {
    pub verdict: Verdict,
    pub reasons: Vec<String>,
}

/// The recommendation for a partner on `today`:
///
/// - **Stop** when the user experience is wrong — whatever else says — or when the
///   strategic fit is 1 and the economics are unfavourable.
/// - Otherwise **not assessed** while there is no user-experience verdict, or while no
///   key player is recorded (nobody at the partner is known: no verdict either way).
/// - Otherwise **pursue with care** when anything calls for care: a risky user
///   experience, strategic fit 2 or less, unfavourable economics, our leverage below
///   theirs, a market the team does not understand (with the bias warning for an
///   incumbent), a decision maker never met in a logged meeting from Negotiating on,
///   someone able to stop the deal who is against it ([`in_the_way`]), an ability to
///   deliver below 40 %, or parts still unassessed.
/// - Otherwise **pursue**.
pub fn recommendation(p: &Partner, today: NaiveDate) -> Recommendation {
    let fit = &p.fit;
    let ability = ability_to_deliver(p, today).score;
    let why = ux_reason(fit);
    let stop = stop_reasons(fit, &why);
    let missing = missing_parts(fit, ability);
    let opponents = in_the_way(p);
    let mut care = fit_care(fit, &why);
    care.extend(people_care(p, ability));
    care.extend(opponents_care(&opponents, ability));
    // Nobody at the partner known: no recommendation either way, as health gives no
    // verdict (`health::require_people`): "pursue" on the deal's terms alone would read
    // better than a partner whose known people are lukewarm.
    let nobody = p.key_players.is_empty();
    let verdict = if !stop.is_empty() {
        Verdict::Stop
    } else if fit.ux.is_none() || nobody {
        Verdict::NotAssessed
    } else if !care.is_empty() || !missing.is_empty() {
        Verdict::PursueWithCare
    } else {
        Verdict::Pursue
    };
    if verdict != Verdict::NotAssessed && fit.ux.is_some() && !missing.is_empty() {
        care.push(format!("Not assessed yet: {}.", missing.join(", ")));
    }

    let mut reasons = stop;
    if verdict == Verdict::NotAssessed {
        reasons.push(waiting_for(fit.ux.is_none(), nobody, &missing));
    }
    reasons.extend(care);
    let opposed = !opponents.is_empty();
    reasons.extend(favour_reasons(verdict, fit, ability, opposed, &why));
    Recommendation { verdict, reasons }
}

/// Why there is no recommendation yet: what is unassessed, and what it waits for (the
/// user-experience verdict, who decides at the partner, or both).
fn waiting_for(no_ux: bool, nobody: bool, missing: &[String]) -> String {
    let mut what = Vec::new();
    if no_ux {
        what.push("the user-experience verdict".to_owned());
    }
    what.extend(
        missing
            .iter()
            .filter(|m| !m.starts_with("the user"))
            .cloned(),
    );
    let waits = match (no_ux, nobody) {
        (true, true) => "the user-experience verdict and for the people: record who decides at the partner and where they stand",
        (true, false) => "the user-experience verdict",
        (false, _) => "the people: nobody at the partner is known yet; record who decides and where they stand",
    };
    format!(
        "Not assessed yet: {}. The recommendation waits for {waits}.",
        what.join(", ")
    )
}

/// The team's reason for its user-experience verdict, without a closing full stop.
fn ux_reason(fit: &Fit) -> String {
    let why = fit.ux_reason.trim().trim_end_matches('.');
    if why.is_empty() {
        "no reason given yet".to_owned()
    } else {
        why.to_owned()
    }
}

/// Strategic fit 1 with unfavourable economics: nothing pays for the deal's cost.
fn hopeless(fit: &Fit) -> bool {
    fit.strategic == Some(1) && fit.economics == Some(Economics::Unfavourable)
}

/// What stops the deal: a wrong user experience, or a hopeless deal.
fn stop_reasons(fit: &Fit, why: &str) -> Vec<String> {
    let mut stop = Vec::new();
    if fit.ux == Some(UxVerdict::Wrong) {
        stop.push(format!(
            "The user experience is wrong: {why}. A wrong experience stops the deal, whatever else says."
        ));
    }
    if hopeless(fit) {
        stop.push(
            "Strategic fit is 1 of 5 and the economics are unfavourable: nothing in the deal pays for its cost."
                .into(),
        );
    }
    stop
}

/// What in the deal itself calls for care: a risky user experience, a weak strategic
/// fit or unfavourable economics (unless together they already stop it), our leverage
/// below theirs.
fn fit_care(fit: &Fit, why: &str) -> Vec<String> {
    let mut care = Vec::new();
    if fit.ux == Some(UxVerdict::Risky) {
        care.push(format!("The user experience is risky: {why}."));
    }
    if !hopeless(fit) {
        if let Some(s) = fit.strategic.filter(|s| *s <= 2) {
            care.push(format!("Weak strategic fit ({s} of 5)."));
        }
        if fit.economics == Some(Economics::Unfavourable) {
            care.push("The deal's economics are unfavourable for us.".into());
        }
    }
    if let (Some(ours), Some(theirs)) = (fit.our_leverage, fit.their_leverage) {
        if ours < theirs {
            care.push(format!(
                "Our leverage ({ours}) is below theirs ({theirs}): we would negotiate from weakness."
            ));
        }
    }
    care
}

/// What in our knowledge of the partner calls for care: a market we do not understand
/// (the bias warning for an incumbent), a decision maker nobody has met from the stage
/// where they must have been, an ability to deliver below [`LOW_ABILITY`].
fn people_care(p: &Partner, ability: Option<f64>) -> Vec<String> {
    let mut care = Vec::new();
    match bias_warning(p) {
        Some(bias) => care.push(bias),
        None if p.fit.market_understood == Some(false) => {
            care.push("The team marks the partner's market as not understood.".into())
        }
        None => {}
    }
    let unmet = crate::model::meetings::unmet_decision_makers(p);
    if !unmet.is_empty() && crate::model::meetings::must_have_met_decision_makers(p.stage) {
        care.push(format!(
            "Decision maker never met in a logged meeting: {}. Where they stand is unverified: meet them before counting on them.",
            unmet.join(", ")
        ));
    }
    if let Some(a) = ability.filter(|a| *a < LOW_ABILITY) {
        care.push(format!(
            "Low ability to deliver ({}, below {}): see what it is made of.",
            percent(a),
            percent(LOW_ABILITY)
        ));
    }
    care
}

/// What speaks for the deal: for a deal to pursue, the right user experience with its
/// reason and a sentence each; otherwise one line, "In its favour" ("…, but not
/// enough" beside a stop), when anything does.
fn favour_reasons(
    verdict: Verdict,
    fit: &Fit,
    ability: Option<f64>,
    opposed: bool,
    why: &str,
) -> Vec<String> {
    let favour = in_favour(fit, ability, opposed);
    match verdict {
        Verdict::Pursue => {
            let mut reasons = vec![format!("The user experience is right: {why}.")];
            reasons.extend(favour);
            reasons
        }
        _ if !favour.is_empty() || fit.ux == Some(UxVerdict::Right) => {
            let lead = if verdict == Verdict::Stop {
                "In its favour, but not enough"
            } else {
                "In its favour"
            };
            let right = (fit.ux == Some(UxVerdict::Right))
                .then(|| "the user experience is right".to_owned());
            let list: Vec<String> = right
                .into_iter()
                .chain(
                    favour
                        .iter()
                        .map(|f| lowercase_first(f.trim_end_matches('.'))),
                )
                .collect();
            vec![format!("{lead}: {}.", list.join("; "))]
        }
        _ => Vec::new(),
    }
}

/// The parts of the assessment still unanswered.
fn missing_parts(fit: &Fit, ability: Option<f64>) -> Vec<String> {
    let mut out = Vec::new();
    if fit.strategic.is_none() {
        out.push("strategic fit".to_owned());
    }
    if fit.our_leverage.is_none() || fit.their_leverage.is_none() {
        out.push("leverage on both sides".to_owned());
    }
    if fit.economics.is_none() {
        out.push("the economics".to_owned());
    }
    if fit.market_understood.is_none() {
        out.push("whether we understand the market".to_owned());
    }
    if ability.is_none() {
        out.push("who decides at the partner (no key players recorded)".to_owned());
    }
    out
}

/// What speaks for the deal or at least not against it, one sentence each, beside the
/// user experience (which the caller words with or without its reason). While someone
/// able to stop the deal is against it (`opposed`) the ability is not called strong:
/// its average is what weighs their opposition away.
fn in_favour(fit: &Fit, ability: Option<f64>, opposed: bool) -> Vec<String> {
    let mut out = Vec::new();
    match fit.strategic {
        Some(s) if s >= 4 => out.push(format!("Strong strategic fit ({s} of 5).")),
        Some(3) => out.push("Fair strategic fit (3 of 5).".into()),
        _ => {}
    }
    match fit.economics {
        Some(Economics::Favourable) => out.push("The economics are favourable for us.".into()),
        Some(Economics::Neutral) => out.push("The economics are neutral for us.".into()),
        _ => {}
    }
    if let (Some(ours), Some(theirs)) = (fit.our_leverage, fit.their_leverage) {
        if ours >= theirs {
            out.push(format!(
                "Our leverage ({ours}) at least matches theirs ({theirs})."
            ));
        }
    }
    if fit.market_understood == Some(true) {
        out.push("The team understands the partner's market.".into());
    }
    match ability {
        Some(a) if a >= STRONG_ABILITY && opposed => out.push(format!(
            "Ability to deliver {} on paper, not strong while someone able to stop the deal is against it.",
            percent(a)
        )),
        Some(a) if is_strong(a, opposed) => {
            out.push(format!("Strong ability to deliver ({}).", percent(a)))
        }
        Some(a) if a >= LOW_ABILITY => out.push(format!("Ability to deliver {}.", percent(a))),
        _ => {}
    }
    out
}

fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Incumbent bias
// ---------------------------------------------------------------------------------------

/// The warning when the team pursues an incumbent (in any stage but paused or walked
/// away) in a market it marks as not understood: the pull toward a market's top player
/// is strongest exactly where we cannot judge the alternatives.
pub fn bias_warning(p: &Partner) -> Option<String> {
    (p.position == Some(MarketPosition::Incumbent)
        && in_pursuit(p.stage)
        && p.fit.market_understood == Some(false))
    .then(|| {
        format!(
            "Possible incumbent bias: {} is the incumbent of a market the team marks as not understood. Check that a challenger or disruptor would not serve users better before investing more.",
            p.name
        )
    })
}

/// How effort is measured for the portfolio's incumbent share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EffortBasis {
    /// Meetings in the last 90 days with partners in pursuit.
    Meetings,
    /// No such meeting: each partner in pursuit counts once.
    Partners,
}

/// The share of effort going to incumbents, and the counts behind it.
#[derive(Clone, Debug, PartialEq)]
pub struct IncumbentEffort {
    /// 0–1, on the basis below.
    pub share: f64,
    pub basis: EffortBasis,
    /// Partners in pursuit (any stage but paused or walked away), and the incumbents
    /// among them.
    pub partners: usize,
    pub incumbent_partners: usize,
    /// Meetings with them in the last 90 days (up to and including today).
    pub meetings: usize,
    pub incumbent_meetings: usize,
    /// Incumbents in pursuit that carry the bias warning.
    pub biased: usize,
    /// Partners in pursuit whose market position nobody has set: left out of the share
    /// (and of the counts above), as unknown rather than read as any position.
    pub unset: usize,
}

/// Above this share of effort on incumbents the portfolio view says the effort leans
/// toward them.
pub const INCUMBENT_SKEW: f64 = 0.5;

/// Effort is read from meetings only from this many in the window: one or two
/// meetings say nothing about where the effort goes.
pub const MIN_EFFORT_MEETINGS: usize = 5;
/// Without enough meetings, counting partners says something only from this many.
pub const MIN_EFFORT_PARTNERS: usize = 3;

impl IncumbentEffort {
    /// Whether the effort leans toward incumbents, on enough evidence to say so.
    pub fn skewed(&self) -> bool {
        self.enough() && self.share > INCUMBENT_SKEW
    }

    /// Whether there is enough evidence to judge where the effort goes: at least
    /// [`MIN_EFFORT_MEETINGS`] meetings, or else [`MIN_EFFORT_PARTNERS`] partners.
    pub fn enough(&self) -> bool {
        match self.basis {
            EffortBasis::Meetings => self.meetings >= MIN_EFFORT_MEETINGS,
            EffortBasis::Partners => self.partners >= MIN_EFFORT_PARTNERS,
        }
    }
}

/// The window over which meetings measure effort.
pub const EFFORT_DAYS: i64 = 90;

/// The share of the portfolio's effort that goes to incumbents on `today`. Effort is
/// the meetings held with partners in pursuit over the last 90 days, once there are at
/// least [`MIN_EFFORT_MEETINGS`]; with fewer, each partner in pursuit counts once.
/// Partners whose position is not set are counted in [`IncumbentEffort::unset`] and
/// left out of the share. `None` when no partner is in pursuit.
/// [`IncumbentEffort::enough`] says whether the figure rests on enough evidence to be
/// read.
pub fn incumbent_effort(ws: &Workspace, today: NaiveDate) -> Option<IncumbentEffort> {
    let since = today - chrono::Duration::days(EFFORT_DAYS);
    let mut e = IncumbentEffort {
        share: 0.0,
        basis: EffortBasis::Partners,
        partners: 0,
        incumbent_partners: 0,
        meetings: 0,
        incumbent_meetings: 0,
        biased: 0,
        unset: 0,
    };
    for p in ws.partners.iter().filter(|p| in_pursuit(p.stage)) {
        // A position nobody chose is unknown: counting it as "not an incumbent" would
        // shrink the share on a default, so the partner stays out of the figure.
        let Some(position) = p.position else {
            e.unset += 1;
            continue;
        };
        let incumbent = position == MarketPosition::Incumbent;
        let held = p
            .meetings
            .iter()
            .filter(|m| m.date > since && m.date <= today)
            .count();
        e.partners += 1;
        e.meetings += held;
        if incumbent {
            e.incumbent_partners += 1;
            e.incumbent_meetings += held;
        }
        if bias_warning(p).is_some() {
            e.biased += 1;
        }
    }
    if e.partners == 0 && e.unset == 0 {
        return None;
    }
    if e.meetings >= MIN_EFFORT_MEETINGS {
        e.basis = EffortBasis::Meetings;
        e.share = e.incumbent_meetings as f64 / e.meetings as f64;
    } else if e.partners > 0 {
        e.share = e.incumbent_partners as f64 / e.partners as f64;
    }
    Some(e)
}
