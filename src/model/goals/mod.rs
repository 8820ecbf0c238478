//! What the two sides agreed and did: shared goals, commitments, decisions and wins;
//! the figures read from them (the delivery record, overdue commitments, the wins feed);
//! and the edits a person makes to them.
//!
//! Every edit works on a copy of the partner, checks the copy with the same rules as a
//! file import, and only then replaces the stored partner and stamps its `updated`, so
//! a refused edit changes nothing and a merge sees which side edited last.

pub mod record;
use crate::model::core::check::ValidationError;
use crate::model::core::id::Id;
use crate::model::core::vocabulary::{CommitmentStatus, DecisionKind, GoalStatus, Side, Stage};
use crate::model::workspace::records::{Partner, Workspace};
use crate::model::workspace::validate::{self};
use chrono::{DateTime, Duration, NaiveDate, Utc};
pub use record::*;

/// How reliably one side delivers what it commits to.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct DeliveryRecord {
    /// The credit (0–1) of the commitments due so far, over all time: on time or within
    /// [`GRACE_DAYS`] earns 1, a later delivery partial credit ([`credit`]), one not
    /// delivered 0; `None` when none is due yet.
    pub all_time: Option<f64>,
    /// The same over commitments due in the last 90 days.
    pub recent: Option<f64>,
    /// How many commitments are due so far, how many of them came on time (within the
    /// grace days), and how many came later, for part of the credit. The rest of `due`
    /// was not delivered. Shown beside the credit, these counts say why it is more than
    /// the share on time.
    pub due: usize,
    pub on_time: usize,
    pub late: usize,
    /// The same three counts over the last 90 days.
    pub recent_due: usize,
    pub recent_on_time: usize,
    pub recent_late: usize,
}

impl DeliveryRecord {
    /// What the all-time credit is made of, so that it never seems to contradict the
    /// count on time: "1 of 4 due delivered on time, 2 late, 1 not delivered".
    pub fn counts(&self) -> String {
        counts_in_words(self.on_time, self.late, self.due)
    }

    /// The same over the last 90 days.
    pub fn recent_counts(&self) -> String {
        counts_in_words(self.recent_on_time, self.recent_late, self.recent_due)
    }
}

fn counts_in_words(on_time: usize, late: usize, due: usize) -> String {
    if due == 0 {
        return "nothing due yet".to_owned();
    }
    let mut text = format!("{on_time} of {due} due delivered on time");
    if late > 0 {
        text.push_str(&format!(", {late} late"));
    }
    // "0 of 2 due delivered on time" says already that nothing came.
    let missing = due.saturating_sub(on_time + late);
    if missing > 0 && missing < due {
        text.push_str(&format!(", {missing} not delivered"));
    }
    text
}

/// The window of the recent delivery record.
pub const RECENT_DAYS: i64 = 90;
/// A delivery this many days after its due date still counts as on time: a few days'
/// slip is ordinary.
pub const GRACE_DAYS: i64 = 3;
/// Past the grace days, a late delivery's credit falls by half over this many days...
pub const HALF_CREDIT_DAYS: i64 = 27;
/// ...and never below this: delivered late is always better than never delivered.
pub const LATE_CREDIT_FLOOR: f64 = 0.25;

/// What one due commitment earns in the delivery record: 1 delivered by its due date
/// or within [`GRACE_DAYS`]; a later delivery 1 − ½ × (days late − grace) ÷
/// [`HALF_CREDIT_DAYS`], at least [`LATE_CREDIT_FLOOR`] (4 days late ≈ 0.98, 30 days
/// late 0.5); 0 when it is not delivered.
pub fn credit(k: &Commitment) -> f64 {
    match (k.status, k.delivered) {
        (CommitmentStatus::Delivered, Some(d)) => {
            let late = (d - k.due).num_days() - GRACE_DAYS;
            if late <= 0 {
                1.0
            } else {
                (1.0 - 0.5 * late as f64 / HALF_CREDIT_DAYS as f64).max(LATE_CREDIT_FLOOR)
            }
        }
        _ => 0.0,
    }
}

/// The partner's delivery record on `today`: [`delivery_record_of`] the partner's side.
pub fn delivery_record(commitments: &[Commitment], today: NaiveDate) -> DeliveryRecord {
    delivery_record_of(commitments, Side::Partner, today)
}

/// One side's delivery record on `today`.
///
/// A commitment counts once it is due: its due date is before today, or it is today and
/// the commitment is already delivered or marked late (an open one due today still has
/// the day to arrive). A commitment dropped by agreement never counts. Each earns its
/// [`credit`]: full on time or within the grace days, partial when delivered later.
/// The recent record counts the commitments due in the 90 days up to today.
pub fn delivery_record_of(
    commitments: &[Commitment],
    side: Side,
    today: NaiveDate,
) -> DeliveryRecord {
    let counted = |since: Option<NaiveDate>| {
        let due: Vec<&Commitment> = commitments
            .iter()
            .filter(|k| k.side == side && is_due(k, today))
            .filter(|k| since.is_none_or(|s| k.due > s))
            .collect();
        let on_time = due.iter().filter(|k| on_time(k)).count();
        let late = due.iter().filter(|k| delivered_late(k)).count();
        let credit: f64 = due.iter().map(|k| credit(k)).sum();
        (due.len(), on_time, late, credit)
    };
    let share =
        |(due, _, _, credit): (usize, usize, usize, f64)| (due > 0).then(|| credit / due as f64);
    let all = counted(None);
    // Near the calendar's first day the window reaches back past every date there is.
    let recent = counted(today.checked_sub_signed(Duration::days(RECENT_DAYS)));
    DeliveryRecord {
        all_time: share(all),
        recent: share(recent),
        due: all.0,
        on_time: all.1,
        late: all.2,
        recent_due: recent.0,
        recent_on_time: recent.1,
        recent_late: recent.2,
    }
}

/// Whether a commitment counts in the delivery record on `today`.
fn is_due(k: &Commitment, today: NaiveDate) -> bool {
    match k.status {
        CommitmentStatus::Dropped => false,
        CommitmentStatus::Open => k.due < today,
        CommitmentStatus::Delivered | CommitmentStatus::Late => k.due <= today,
    }
}

/// Whether a commitment was delivered by its due date, or within [`GRACE_DAYS`] of it.
pub fn on_time(k: &Commitment) -> bool {
    k.status == CommitmentStatus::Delivered
        && k.delivered
            .is_some_and(|d| (d - k.due).num_days() <= GRACE_DAYS)
}

/// Whether a commitment was delivered, but after the grace days: it earns part of the
/// credit.
pub fn delivered_late(k: &Commitment) -> bool {
    k.status == CommitmentStatus::Delivered && k.delivered.is_some() && !on_time(k)
}

/// The commitments of either side still outstanding (open or marked late) whose due
/// date has passed, the longest overdue first.
pub fn overdue(p: &Partner, today: NaiveDate) -> Vec<&Commitment> {
    let mut late: Vec<&Commitment> = p
        .commitments
        .iter()
        .filter(|k| days_overdue(k, today).is_some())
        .collect();
    late.sort_by(|a, b| a.due.cmp(&b.due).then_with(|| a.what.cmp(&b.what)));
    late
}

/// How many days past its due date an outstanding commitment is; `None` when it is
/// settled (delivered or dropped) or not yet past due.
pub fn days_overdue(k: &Commitment, today: NaiveDate) -> Option<i64> {
    let outstanding = matches!(k.status, CommitmentStatus::Open | CommitmentStatus::Late);
    (outstanding && k.due < today).then(|| (today - k.due).num_days())
}

/// One side's commitments in the order the tab lists them: outstanding ones first by
/// due date, then the settled ones, most recently due first.
pub fn commitments_of(p: &Partner, side: Side) -> Vec<&Commitment> {
    let mut list: Vec<&Commitment> = p.commitments.iter().filter(|k| k.side == side).collect();
    let settled = |k: &Commitment| {
        matches!(
            k.status,
            CommitmentStatus::Delivered | CommitmentStatus::Dropped
        )
    };
    list.sort_by(|a, b| {
        settled(a).cmp(&settled(b)).then_with(|| {
            if settled(a) {
                b.due.cmp(&a.due)
            } else {
                a.due.cmp(&b.due)
            }
        })
    });
    list
}

/// Whether a goal is still being worked on (not yet met or missed).
pub fn is_active(g: &Goal) -> bool {
    matches!(
        g.status,
        GoalStatus::Open | GoalStatus::OnTrack | GoalStatus::AtRisk
    )
}

/// Why the partner is flagged for its shared goals, if it is: it has none, or every one
/// of them is already met or missed, so nothing both sides work toward remains.
pub fn shared_goal_flag(p: &Partner) -> Option<String> {
    if p.goals.is_empty() {
        Some("No shared goal: agree at least one goal both sides measure.".into())
    } else if !p.goals.iter().any(is_active) {
        Some("Every shared goal is met or missed: agree the next one.".into())
    } else {
        None
    }
}

/// The decision log, newest first (the latest decision is the one in force).
pub fn decision_log(p: &Partner) -> Vec<&Decision> {
    let mut log: Vec<&Decision> = p.decisions.iter().collect();
    log.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| b.id.cmp(&a.id)));
    log
}

/// A win as the feed shows it, with the partner it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct FeedItem {
    pub win: Win,
    /// The partner's id and name; `None` for a win of the whole program.
    pub partner: Option<(Id, String)>,
}

/// Every win of the program and its partners, newest first. Wins of the same day come
/// big targets first, then milestones, then small wins; then the program's before the
/// partners' (by name), then by title, so the order never depends on storage order.
pub fn wins_feed(ws: &Workspace) -> Vec<FeedItem> {
    feed_of(ws, None)
}

/// The wins feed of one partner (`Some`), or of the program and every partner (`None`).
pub fn feed_of(ws: &Workspace, partner: Option<&Id>) -> Vec<FeedItem> {
    let program = ws.program.wins.iter().map(|w| FeedItem {
        win: w.clone(),
        partner: None,
    });
    let partners = ws
        .partners
        .iter()
        .filter(|p| partner.is_none_or(|id| &p.id == id))
        .flat_map(|p| {
            p.wins.iter().map(|w| FeedItem {
                win: w.clone(),
                partner: Some((p.id.clone(), p.name.clone())),
            })
        });
    let mut feed: Vec<FeedItem> = match partner {
        Some(_) => partners.collect(),
        None => program.chain(partners).collect(),
    };
    feed.sort_by(|a, b| {
        b.win
            .date
            .cmp(&a.win.date)
            .then_with(|| b.win.kind.rank().cmp(&a.win.kind.rank()))
            .then_with(|| {
                let name = |f: &FeedItem| f.partner.as_ref().map(|(_, n)| n.clone());
                name(a).cmp(&name(b))
            })
            .then_with(|| a.win.title.cmp(&b.win.title))
            .then_with(|| a.win.id.cmp(&b.win.id))
    });
    feed
}

// ---------------------------------------------------------------------------------
// Edits

/// Dates a person enters may run one day ahead of the app's UTC clock (a colleague east
/// of Greenwich after midnight); anything later has not happened yet.
const CLOCK_SLACK_DAYS: i64 = 1;

/// Refuses a date of something done that lies in the future.
pub(crate) fn not_future(
    field: &str,
    date: Option<NaiveDate>,
    now: DateTime<Utc>,
    what: &str,
) -> Option<ValidationError> {
    let date = date?;
    let latest = now
        .date_naive()
        .checked_add_signed(Duration::days(CLOCK_SLACK_DAYS))?;
    (date > latest).then(|| ValidationError {
        path: field.into(),
        record: String::new(),
        message: format!(
            "{} is in the future; {what}",
            crate::model::core::format::day(date)
        ),
    })
}

/// Applies `change` to a copy of the partner, checks the copy, and keeps it only when it
/// is valid, stamping `updated`. `change` returns the path of the record it touched
/// (`goals[2]`), so the errors come back relative to that record, as its form needs
/// them. `Ok(false)` when the change left the partner as it was.
pub(crate) fn edit_partner(
    ws: &mut Workspace,
    partner: &Id,
    now: DateTime<Utc>,
    change: impl FnOnce(&mut Partner) -> Result<String, Vec<ValidationError>>,
) -> Result<bool, Vec<ValidationError>> {
    let Some(index) = ws.partners.iter().position(|p| &p.id == partner) else {
        return Err(vec![ValidationError::partner_gone()]);
    };
    let mut draft = ws.partners[index].clone();
    let at = change(&mut draft)?;
    if draft == ws.partners[index] {
        return Ok(false);
    }
    let errors = validate::partner(&draft, &validate::catalogue(&ws.markets));
    if !errors.is_empty() {
        return Err(relative(errors, &at));
    }
    draft.updated = now.max(draft.created);
    ws.partners[index] = draft;
    Ok(true)
}

/// Errors with the record's own prefix removed (`goals[2].statement` → `statement`).
fn relative(errors: Vec<ValidationError>, at: &str) -> Vec<ValidationError> {
    errors
        .into_iter()
        .map(|mut e| {
            if e.path == at {
                e.path = String::new();
            } else if let Some(rest) = e.path.strip_prefix(&format!("{at}.")) {
                e.path = rest.to_owned();
            }
            e
        })
        .collect()
}

/// Replaces the element with the same id, or appends it; returns its index.
fn upsert<T>(list: &mut Vec<T>, item: T, id: impl Fn(&T) -> &Id) -> usize {
    match list.iter().position(|x| id(x) == id(&item)) {
        Some(i) => {
            list[i] = item;
            i
        }
        None => {
            list.push(item);
            list.len() - 1
        }
    }
}

/// Removes the element with this id from a partner's list; whether there was one.
fn remove_from<T>(
    ws: &mut Workspace,
    partner: &Id,
    now: DateTime<Utc>,
    list: impl FnOnce(&mut Partner) -> &mut Vec<T>,
    id: impl Fn(&T) -> &Id,
    target: &Id,
) -> bool {
    let Some(p) = ws.partner_mut(partner) else {
        return false;
    };
    let created = p.created;
    let items = list(p);
    let before = items.len();
    items.retain(|x| id(x) != target);
    let removed = items.len() != before;
    if removed {
        p.updated = now.max(created);
    }
    removed
}

/// Adds a shared goal, or replaces the one with the same id. Errors name the goal's
/// fields (`statement`, `target`).
pub fn save_goal(
    ws: &mut Workspace,
    partner: &Id,
    goal: Goal,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    edit_partner(ws, partner, now, |p| {
        let i = upsert(&mut p.goals, goal, |g| &g.id);
        Ok(format!("goals[{i}]"))
    })
}

pub fn remove_goal(ws: &mut Workspace, partner: &Id, goal: &Id, now: DateTime<Utc>) -> bool {
    remove_from(ws, partner, now, |p| &mut p.goals, |g| &g.id, goal)
}

/// Adds a commitment, or replaces the one with the same id. A delivered commitment
/// needs the day it was delivered, which cannot lie in the future; any other status
/// drops the delivered day, so the record never holds a stale one.
pub fn save_commitment(
    ws: &mut Workspace,
    partner: &Id,
    mut commitment: Commitment,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    if commitment.status != CommitmentStatus::Delivered {
        commitment.delivered = None;
    }
    if let Some(e) = not_future(
        "delivered",
        commitment.delivered,
        now,
        "give the day it actually arrived",
    ) {
        return Err(vec![e]);
    }
    edit_partner(ws, partner, now, |p| {
        let i = upsert(&mut p.commitments, commitment, |k| &k.id);
        Ok(format!("commitments[{i}]"))
    })
}

/// Sets a commitment's status: delivered (on `delivered`, required then), late,
/// dropped, or open again.
pub fn set_commitment_status(
    ws: &mut Workspace,
    partner: &Id,
    commitment: &Id,
    status: CommitmentStatus,
    delivered: Option<NaiveDate>,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    let Some(current) = ws
        .partner(partner)
        .and_then(|p| p.commitments.iter().find(|k| &k.id == commitment))
    else {
        return Err(vec![ValidationError {
            path: String::new(),
            record: String::new(),
            message: "this commitment no longer exists; it may have been removed".into(),
        }]);
    };
    let changed = Commitment {
        status,
        delivered,
        ..current.clone()
    };
    save_commitment(ws, partner, changed, now)
}

pub fn remove_commitment(
    ws: &mut Workspace,
    partner: &Id,
    commitment: &Id,
    now: DateTime<Utc>,
) -> bool {
    remove_from(
        ws,
        partner,
        now,
        |p| &mut p.commitments,
        |k| &k.id,
        commitment,
    )
}

/// Records a decision, or edits the one with the same id. A decision to walk away moves
/// the partner to the walked-away stage from the decision's date — when the decision is
/// new or has just become a walk-away, or when its date is corrected while the partner
/// is still walked away. Editing an old walk-away of a partner brought back since leaves
/// the stage alone.
pub fn save_decision(
    ws: &mut Workspace,
    partner: &Id,
    decision: Decision,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    if let Some(e) = not_future(
        "date",
        Some(decision.date),
        now,
        "record a decision once it is taken",
    ) {
        return Err(vec![e]);
    }
    edit_partner(ws, partner, now, |p| {
        let before = p
            .decisions
            .iter()
            .find(|d| d.id == decision.id)
            .map(|d| (d.kind, d.date));
        if decision.kind == DecisionKind::WalkAway {
            let moves = match before {
                Some((DecisionKind::WalkAway, date)) => {
                    date != decision.date && p.stage == Stage::WalkedAway
                }
                _ => true,
            };
            if moves {
                p.stage = Stage::WalkedAway;
                p.stage_since = Some(decision.date);
            }
        }
        let i = upsert(&mut p.decisions, decision, |d| &d.id);
        Ok(format!("decisions[{i}]"))
    })
}

pub fn remove_decision(
    ws: &mut Workspace,
    partner: &Id,
    decision: &Id,
    now: DateTime<Utc>,
) -> bool {
    remove_from(ws, partner, now, |p| &mut p.decisions, |d| &d.id, decision)
}

/// Adds a win, or edits the one with the same id: the partner's (`Some`) or the
/// program's (`None`, which stamps `ws.program.updated`).
pub fn save_win(
    ws: &mut Workspace,
    partner: Option<&Id>,
    win: Win,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    match partner {
        Some(partner) => edit_partner(ws, partner, now, |p| {
            let i = upsert(&mut p.wins, win, |w| &w.id);
            Ok(format!("wins[{i}]"))
        }),
        None => {
            if ws.program.wins.contains(&win) {
                return Ok(false);
            }
            // Checked inside a stand-in partner: the same rules, and the duplicate-id
            // check over the program's wins comes with them.
            let mut probe = Partner::new(win.id.clone(), "program", now);
            probe.wins = ws.program.wins.clone();
            let i = upsert(&mut probe.wins, win, |w| &w.id);
            let errors = validate::partner(&probe, &validate::Catalogue::new());
            if !errors.is_empty() {
                return Err(relative(errors, &format!("wins[{i}]")));
            }
            ws.program.wins = probe.wins;
            ws.program.updated = Some(now);
            Ok(true)
        }
    }
}

pub fn remove_win(ws: &mut Workspace, partner: Option<&Id>, win: &Id, now: DateTime<Utc>) -> bool {
    match partner {
        Some(partner) => remove_from(ws, partner, now, |p| &mut p.wins, |w| &w.id, win),
        None => {
            let before = ws.program.wins.len();
            ws.program.wins.retain(|w| &w.id != win);
            let removed = ws.program.wins.len() != before;
            if removed {
                ws.program.updated = Some(now);
            }
            removed
        }
    }
}
