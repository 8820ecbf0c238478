//! The landing plan: after signature, each market or internal team the partnership must
//! reach goes through three steps, enabled → launched → adopted. Closing the deal is a
//! fifth of the work; this plan is the rest, so its progress weighs in a partner's
//! health and a plan that stops moving raises a signal.

pub mod record;
use crate::model::core::check::ValidationError;
use crate::model::core::format::plural;
use crate::model::core::id::Id;
use crate::model::core::vocabulary::Stage;
use crate::model::goals::{edit_partner, not_future};
use crate::model::workspace::records::{Partner, Workspace};
use chrono::{DateTime, NaiveDate, Utc};
pub use record::*;

impl LandingTrack {
    /// A new track for a catalogue market (`Some`) or an internal team.
    pub fn new(id: Id, market: Option<Id>, team: impl Into<String>) -> Self {
        LandingTrack {
            id,
            market,
            team: team.into(),
            enabled: LandingStep::default(),
            launched: LandingStep::default(),
            adopted: LandingStep::default(),
            added: None,
        }
    }

    pub fn steps(&self) -> [(&'static str, &LandingStep); 3] {
        [
            ("enabled", &self.enabled),
            ("launched", &self.launched),
            ("adopted", &self.adopted),
        ]
    }

    pub fn step(&self, kind: StepKind) -> &LandingStep {
        match kind {
            StepKind::Enabled => &self.enabled,
            StepKind::Launched => &self.launched,
            StepKind::Adopted => &self.adopted,
        }
    }

    /// The step of `kind`, to set.
    pub fn step_mut(&mut self, kind: StepKind) -> &mut LandingStep {
        match kind {
            StepKind::Enabled => &mut self.enabled,
            StepKind::Launched => &mut self.launched,
            StepKind::Adopted => &mut self.adopted,
        }
    }

    /// How many of the three steps are done.
    pub fn done(&self) -> usize {
        self.steps()
            .iter()
            .filter(|(_, s)| s.done.is_some())
            .count()
    }

    /// The track's name: the market's catalogue name, or the team's.
    pub fn label(&self, ws: &Workspace) -> String {
        match &self.market {
            Some(m) => ws.market_name(m).to_owned(),
            None => self.team.clone(),
        }
    }

    /// The name without the catalogue at hand: the team, or the market's id.
    fn bare_label(&self) -> String {
        match &self.market {
            Some(m) => format!("market {m}"),
            None => self.team.clone(),
        }
    }
}

/// The share (0–1) of the landing plan's steps done, over every track; `None` without
/// a plan. Every step weighs the same: a plan of 4 tracks has 12 steps, and 9 done is
/// 0.75.
pub fn progress(tracks: &[LandingTrack]) -> Option<f64> {
    let steps = tracks.len() * 3;
    let done: usize = tracks.iter().map(LandingTrack::done).sum();
    (steps > 0).then(|| done as f64 / steps as f64)
}

/// Landing judged against its plan, 0–1: the share of steps done or planned for a day
/// still ahead (on plan so far); a step past its planned date and not done, or with no
/// date and not done, counts against it. `None` without a plan. A plan of 3 steps, one
/// done and two planned next month, is on plan: 1.
pub fn on_plan(tracks: &[LandingTrack], today: NaiveDate) -> Option<f64> {
    step_counts(tracks, today).on_plan()
}

/// The plan's steps by where they stand on a day: the one count behind [`on_plan`], the
/// Landing tab's and the brief's "on plan" and health's words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct StepCounts {
    pub done: usize,
    /// Not done, planned for `today` or later.
    pub ahead: usize,
    /// Not done, and past their planned date or with none.
    pub behind: usize,
}

impl StepCounts {
    pub fn all(&self) -> usize {
        self.done + self.ahead + self.behind
    }

    /// The share of steps done or ahead, 0–1: [`on_plan`]. `None` without a plan.
    pub fn on_plan(&self) -> Option<f64> {
        (self.all() > 0).then(|| (self.done + self.ahead) as f64 / self.all() as f64)
    }

    /// "6 of 12 steps done · 75 % on plan (3 steps late or undated)": the Landing tab's
    /// and the brief's line, written here once.
    pub fn words(&self) -> String {
        format!(
            "{} of {} steps done · {}",
            self.done,
            self.all(),
            self.on_plan_words().unwrap_or_default()
        )
    }

    /// "75 % on plan (3 steps late or undated)", or "on plan" when none is behind;
    /// `None` without a plan.
    pub fn on_plan_words(&self) -> Option<String> {
        let share = self.on_plan()?;
        Some(match self.behind {
            0 => "on plan".to_owned(),
            n => format!(
                "{} on plan ({} late or undated)",
                crate::model::core::format::percent(share),
                crate::model::core::format::count(n, "step")
            ),
        })
    }
}

/// Counts the plan's steps as done, ahead or behind on `today`.
pub fn step_counts(tracks: &[LandingTrack], today: NaiveDate) -> StepCounts {
    let mut c = StepCounts::default();
    for (_, s) in tracks.iter().flat_map(|t| t.steps()) {
        if s.done.is_some() {
            c.done += 1;
        } else if s.planned.is_some_and(|p| p >= today) {
            c.ahead += 1;
        } else {
            c.behind += 1;
        }
    }
    c
}

/// Whether a step is planned for a day already past and not done.
pub fn is_behind(step: &LandingStep, today: NaiveDate) -> bool {
    step.done.is_none() && step.planned.is_some_and(|p| p < today)
}

/// Signed this many days without a landing plan, the missing plan is a fact against the
/// partnership, not a gap in the data: closing is a fifth of the job, and two weeks is
/// long enough to agree the markets and the first dates.
pub const NO_PLAN_DAYS: i64 = 14;

/// Whether a missing landing plan counts against the partnership: after signature, with
/// no track, once signed more than [`NO_PLAN_DAYS`] days (at once in Landing and Live).
/// The "no landing plan" signal and the landing component of health both read this, so
/// they cannot disagree.
pub fn plan_missing(stage: Stage, days_in_stage: i64, has_plan: bool) -> bool {
    !has_plan
        && match stage {
            Stage::Signed => days_in_stage > NO_PLAN_DAYS,
            Stage::Landing | Stage::Live => true,
            _ => false,
        }
}

/// A planned step not done this many days after its planned date stalls the plan.
pub const STALL_LATE_DAYS: i64 = 14;
/// A step more than this many days late is a severe stall while landing: a month's
/// slip is a plan that has stopped, not a date that moved.
pub const STALL_SEVERE_LATE_DAYS: i64 = 30;
/// No step done nor due for this many days, while undated steps remain, stalls the plan
/// (severe at twice as long while landing).
pub const STALL_QUIET_DAYS: i64 = 60;

/// Why a landing plan has stalled, and by how much.
#[derive(Clone, Debug, PartialEq)]
pub struct Stall {
    /// The sentence the screens show, naming the track.
    pub reason: String,
    /// Days the most overdue step is late (a late step), or days without a step done
    /// or due (a quiet plan).
    pub days: i64,
    /// Whether the plan is quiet (undated steps, nothing done for a while) rather than
    /// late against a planned date.
    pub quiet: bool,
}

impl Stall {
    /// Whether the stall is severe by its size: a step more than
    /// [`STALL_SEVERE_LATE_DAYS`] late, or a plan quiet for more than twice
    /// [`STALL_QUIET_DAYS`]. The signal makes it severe only while landing.
    pub fn large(&self) -> bool {
        if self.quiet {
            self.days > 2 * STALL_QUIET_DAYS
        } else {
            self.days > STALL_SEVERE_LATE_DAYS
        }
    }
}

/// Why the partner's landing has stalled, if it has, naming the track: see
/// [`stalled_in`]. Without the workspace a market track is named by its market's id;
/// prefer `stalled_in` wherever the catalogue is at hand.
pub fn stalled(p: &Partner, today: NaiveDate) -> Option<String> {
    stall(p, today, &LandingTrack::bare_label).map(|s| s.reason)
}

/// Why the partner's landing has stalled, if it has, naming the track by its market's
/// or team's name: the reason of [`stall_in`].
pub fn stalled_in(ws: &Workspace, p: &Partner, today: NaiveDate) -> Option<String> {
    stall_in(ws, p, today).map(|s| s.reason)
}

/// The partner's landing stall, if it has one, judged against the plan's own dates.
///
/// The rule applies after signature (stages Signed, Landing and Live) to a plan with at
/// least one step still to do:
/// 1. late step: a step planned more than [`STALL_LATE_DAYS`] days ago and not done
///    (the most overdue one is named);
/// 2. quiet plan: otherwise, when a step still to do has no date, no step done nor
///    due for more than [`STALL_QUIET_DAYS`] days, counted from the latest of the last
///    step done and the last planned date already reached (the day the partner entered
///    its stage when no step has a date), and for each undated track no earlier than
///    the day it was added (`added`): a track just added has not stalled. A plan whose
///    open steps all have dates is
///    judged by those dates alone, and one with a step still ahead on the calendar is
///    scheduled, not quiet: steps planned in the future are not a stall, and an old
///    plan whose last step is a few days late is not a quiet one.
pub fn stall_in(ws: &Workspace, p: &Partner, today: NaiveDate) -> Option<Stall> {
    stall(p, today, &|t| t.label(ws))
}

fn stall(p: &Partner, today: NaiveDate, name: &dyn Fn(&LandingTrack) -> String) -> Option<Stall> {
    if !matches!(p.stage, Stage::Signed | Stage::Landing | Stage::Live) {
        return None;
    }
    let open: Vec<&LandingTrack> = p.landing.iter().filter(|t| t.done() < 3).collect();
    if open.is_empty() {
        return None;
    }
    if let Some((track, kind, planned, days)) = most_overdue(&open, today) {
        return Some(Stall {
            reason: format!(
                "Landing stalled in {}: \"{}\" was planned for {} and is {days} days late.",
                name(track),
                kind.label().to_lowercase(),
                crate::model::core::format::day(planned)
            ),
            days,
            quiet: false,
        });
    }
    let quiet = (today - quiet_since(p, &open, today)?).num_days();
    (quiet > STALL_QUIET_DAYS).then(|| {
        let names: Vec<String> = open.iter().map(|t| name(t)).collect();
        Stall {
            reason: format!(
                "Landing stalled: no step done in {quiet} days, and {} still {} steps to do.",
                list(&names),
                plural(names.len(), "has", "have")
            ),
            days: quiet,
            quiet: true,
        }
    })
}

/// The open tracks' step planned more than [`STALL_LATE_DAYS`] days ago and not done,
/// the most overdue (among equals the first in plan order): its track, kind, planned
/// date and days late.
fn most_overdue<'a>(
    open: &[&'a LandingTrack],
    today: NaiveDate,
) -> Option<(&'a LandingTrack, StepKind, NaiveDate, i64)> {
    open.iter()
        .flat_map(|t| {
            StepKind::ALL.into_iter().filter_map(move |k| {
                let s = t.step(k);
                match (s.planned, s.done) {
                    (Some(planned), None) => Some((*t, k, planned, (today - planned).num_days())),
                    _ => None,
                }
            })
        })
        .filter(|(_, _, _, days)| *days > STALL_LATE_DAYS)
        .fold(
            None,
            |best: Option<(&LandingTrack, StepKind, NaiveDate, i64)>, x| match best {
                Some(b) if b.3 >= x.3 => Some(b),
                _ => Some(x),
            },
        )
}

/// The day the plan went quiet from, when it can be quiet: the latest of the last step
/// done and the last planned date already reached (the day the partner entered its
/// stage when no step has a date). `None` when no open step lacks a date (dated steps
/// are judged by their dates) or one is still ahead on the calendar (the plan is
/// scheduled, not forgotten).
fn quiet_since(p: &Partner, open: &[&LandingTrack], today: NaiveDate) -> Option<NaiveDate> {
    let undated = open.iter().any(|t| has_undated_step(t));
    let scheduled = open.iter().any(|t| {
        t.steps()
            .iter()
            .any(|(_, s)| s.done.is_none() && s.planned.is_some_and(|d| d >= today))
    });
    if !undated || scheduled {
        return None;
    }
    let steps = || {
        p.landing
            .iter()
            .flat_map(|t| t.steps().map(|(_, s)| s.clone()))
    };
    let last_done = steps().filter_map(|s| s.done).max();
    let last_due = steps()
        .filter_map(|s| s.planned)
        .filter(|d| *d <= today)
        .max();
    let any_date = steps().any(|s| s.planned.is_some());
    let start = if any_date {
        last_due
    } else {
        Some(p.in_stage_since())
    };
    let plan = [last_done, start].into_iter().flatten().max()?;
    // A track cannot have gone quiet before it was added: each undated track is quiet
    // from its `added` day at the earliest, and the plan from the track quiet longest.
    // A track from an older file, without `added`, reads from the plan's day as before.
    open.iter()
        .filter(|t| has_undated_step(t))
        .map(|t| t.added.map_or(plan, |added| added.max(plan)))
        .min()
}

/// Whether a track has a step still to do with no planned date.
fn has_undated_step(t: &LandingTrack) -> bool {
    t.steps()
        .iter()
        .any(|(_, s)| s.done.is_none() && s.planned.is_none())
}

/// A planned step this many days late and not done is behind plan (a warning); past
/// [`STALL_LATE_DAYS`] it stalls the plan.
pub const BEHIND_DAYS: i64 = 3;

/// Why the partner's landing is behind plan without being stalled yet: a step planned
/// more than [`BEHIND_DAYS`] and at most [`STALL_LATE_DAYS`] days ago and not done (the
/// most overdue one is named). After signature only; `None` when the plan is stalled.
pub fn behind_in(ws: &Workspace, p: &Partner, today: NaiveDate) -> Option<String> {
    if !matches!(p.stage, Stage::Signed | Stage::Landing | Stage::Live)
        || stall(p, today, &|t| t.label(ws)).is_some()
    {
        return None;
    }
    let mut worst: Option<(&LandingTrack, StepKind, NaiveDate, i64)> = None;
    for t in &p.landing {
        for k in StepKind::ALL {
            let s = t.step(k);
            if let (Some(planned), None) = (s.planned, s.done) {
                let days = (today - planned).num_days();
                if days > BEHIND_DAYS && worst.is_none_or(|w| days > w.3) {
                    worst = Some((t, k, planned, days));
                }
            }
        }
    }
    worst.map(|(track, kind, planned, days)| {
        format!(
            "Landing behind plan in {}: \"{}\" was planned for {} and is {days} days late.",
            track.label(ws),
            kind.label().to_lowercase(),
            crate::model::core::format::day(planned)
        )
    })
}

/// "A", "A and B", "A, B and C", "A, B, C and 2 more".
fn list(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] if init.len() < 3 => format!("{} and {last}", init.join(", ")),
        _ => format!("{} and {} more", names[..3].join(", "), names.len() - 3),
    }
}

/// The partner's markets that have no track yet, for the form that adds one.
pub fn markets_without_track(ws: &Workspace, p: &Partner) -> Vec<(Id, String)> {
    p.markets
        .iter()
        .filter(|m| !p.landing.iter().any(|t| t.market.as_ref() == Some(m)))
        .map(|m| (m.clone(), ws.market_name(m).to_owned()))
        .collect()
}

/// Adds a track for one of the partner's markets or an internal team, or edits the one
/// with the same id. A market must be one the partner operates in (a track kept for a
/// market the partner has since left may stay), and no market or team has two tracks.
pub fn save_track(
    ws: &mut Workspace,
    partner: &Id,
    mut track: LandingTrack,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    track.team = track.team.trim().to_owned();
    if track.market.is_some() {
        track.team.clear();
    }
    let mut future = Vec::new();
    for (kind, step) in StepKind::ALL.map(|k| (k, track.step(k).clone())) {
        if let Some(mut e) = not_future(
            "done",
            step.done,
            now,
            "mark a step done once it has happened",
        ) {
            e.path = format!("{}.done", kind.key());
            future.push(e);
        }
        track.step_mut(kind).owner = step.owner.trim().to_owned();
    }
    if !future.is_empty() {
        return Err(future);
    }
    let market_names: Vec<(Id, String)> = ws
        .markets
        .iter()
        .map(|m| (m.id.clone(), m.name.clone()))
        .collect();
    edit_partner(ws, partner, now, |p| {
        let previous = p.landing.iter().find(|t| t.id == track.id);
        // When the track joined the plan: today for a new one, kept for one edited (and
        // left unknown for a track from an older file, which then falls back on the
        // partner's stage date).
        track.added = track.added.or(match previous {
            Some(t) => t.added,
            None => Some(now.date_naive()),
        });
        let mut errors = Vec::new();
        if let Some(m) = &track.market {
            let kept = previous.is_some_and(|t| t.market.as_ref() == Some(m));
            if !kept && !p.markets.contains(m) {
                errors.push(error("market", "is not one of the partner's markets"));
            }
            if p.landing
                .iter()
                .any(|t| t.id != track.id && t.market.as_ref() == Some(m))
            {
                let name = market_names
                    .iter()
                    .find(|(id, _)| id == m)
                    .map_or(m.to_string(), |(_, n)| n.clone());
                errors.push(error("market", &format!("{name} already has a track")));
            }
        } else if p.landing.iter().any(|t| {
            t.id != track.id
                && t.market.is_none()
                && t.team.to_lowercase() == track.team.to_lowercase()
        }) {
            errors.push(error("team", "this team already has a track"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let i = match p.landing.iter().position(|t| t.id == track.id) {
            Some(i) => {
                p.landing[i] = track;
                i
            }
            None => {
                p.landing.push(track);
                p.landing.len() - 1
            }
        };
        Ok(format!("landing[{i}]"))
    })
}

fn error(path: &str, message: &str) -> ValidationError {
    ValidationError {
        path: path.into(),
        record: String::new(),
        message: message.into(),
    }
}

/// Sets one step of a track (planned date, done date, owner). Errors name the step's
/// fields (`enabled.done`).
pub fn set_step(
    ws: &mut Workspace,
    partner: &Id,
    track: &Id,
    kind: StepKind,
    step: LandingStep,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    let Some(mut changed) = ws
        .partner(partner)
        .and_then(|p| p.landing.iter().find(|t| &t.id == track))
        .cloned()
    else {
        return Err(vec![error(
            "",
            "this landing track no longer exists; it may have been removed",
        )]);
    };
    *changed.step_mut(kind) = step;
    save_track(ws, partner, changed, now)
}

/// Whether a track has nothing planned, done or owned yet: a row of the plan grid left
/// empty for a market not in the plan adds no track.
pub fn is_blank(t: &LandingTrack) -> bool {
    t.steps()
        .iter()
        .all(|(_, s)| s.planned.is_none() && s.done.is_none() && s.owner.trim().is_empty())
}

/// Saves the whole landing plan edited as one grid, as one edit: every row is a track
/// (an existing one by its id, or a new one for a market or team not yet in the plan),
/// and each row passes the checks of [`save_track`]. A new row left entirely blank
/// ([`is_blank`]) adds nothing; tracks the grid does not list stay as they are.
///
/// # Errors
/// Every problem of every row at once, each path naming the row by its place in
/// `rows` and the cell (`rows[2].launched.done`), so the grid can mark the cell; nothing
/// changes when there is one.
pub fn save_plan(
    ws: &mut Workspace,
    partner: &Id,
    rows: Vec<LandingTrack>,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    let Some(index) = ws.partners.iter().position(|p| &p.id == partner) else {
        return Err(vec![ValidationError::partner_gone()]);
    };
    // The rows are saved one by one into a workspace holding only this partner and the
    // catalogue, so a refused row leaves the real one untouched and the edit costs the
    // partner it touches, not the workspace.
    let mut scratch = Workspace {
        markets: ws.markets.clone(),
        partners: vec![ws.partners[index].clone()],
        ..Workspace::default()
    };
    let mut errors = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let known = scratch.partners[0].landing.iter().any(|t| t.id == row.id);
        if !known && is_blank(&row) {
            continue;
        }
        if let Err(row_errors) = save_track(&mut scratch, partner, row, now) {
            errors.extend(row_errors.into_iter().map(|mut e| {
                e.path = if e.path.is_empty() {
                    format!("rows[{i}]")
                } else {
                    format!("rows[{i}].{}", e.path)
                };
                e
            }));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let Some(edited) = scratch.partners.pop() else {
        return Ok(false);
    };
    if edited == ws.partners[index] {
        return Ok(false);
    }
    ws.partners[index] = edited;
    Ok(true)
}

/// Removes a track; whether there was one.
pub fn remove_track(ws: &mut Workspace, partner: &Id, track: &Id, now: DateTime<Utc>) -> bool {
    let Some(p) = ws.partner_mut(partner) else {
        return false;
    };
    let before = p.landing.len();
    p.landing.retain(|t| &t.id != track);
    let removed = p.landing.len() != before;
    if removed {
        p.updated = now.max(p.created);
    }
    removed
}
