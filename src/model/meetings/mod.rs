//! The meeting log: who attended, how each key player received what was presented,
//! the read of the room and the next steps — the records, their checks and the edits a
//! person makes to them. What the log says about the room (reception scores, each key
//! player's series, the cooling signals, the influence × stance map) is in [`room`].

pub mod record;
mod room;

pub use room::{
    cooling, describe_trend, format_score, map, must_have_met_decision_makers, points, reach,
    read_stance, reception_trend, scale_value, series, stance_value, support, support_value,
    unmet_decision_makers, Cooling, MapPoint, Reading, FALL_DROP, RECENT_WEIGHTS, STEADY,
    UNVERIFIED_SHARE,
};

use crate::model::core::check::ValidationError;
use crate::model::core::id::Id;
use crate::model::core::input::InputError;
use crate::model::core::owner::Owner;
use crate::model::pitch::record::Pitch;
use crate::model::workspace::records::{Partner, Workspace};
use chrono::{DateTime, Duration, NaiveDate, Utc};
pub use record::*;

/// The partner's meetings, newest first; meetings on the same day keep the order they
/// were recorded in, the later one first.
pub fn log(p: &Partner) -> Vec<&Meeting> {
    let mut all: Vec<&Meeting> = p.meetings.iter().collect();
    // A stable sort on the date, then reversed: the last recorded of a day comes first.
    all.sort_by_key(|m| m.date);
    all.reverse();
    all
}

/// Who an attendee is, for showing a reception whose key player may have been removed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attendee {
    pub name: String,
    /// The key player was removed from the partner after the meeting: the reception is
    /// kept and shown as a former key player's.
    pub former: bool,
}

/// The name under which a reception's key player is shown.
pub fn attendee(p: &Partner, player: &Id) -> Attendee {
    match p.key_players.iter().find(|k| &k.id == player) {
        Some(k) => Attendee {
            name: k.name.clone(),
            former: false,
        },
        None => Attendee {
            name: "Former key player".into(),
            former: true,
        },
    }
}

/// The pitch version presented at a meeting, when it names one the partner still holds.
pub fn pitch_presented<'a>(p: &'a Partner, m: &Meeting) -> Option<&'a Pitch> {
    let id = m.pitch.as_ref()?;
    p.pitches.iter().find(|v| &v.id == id)
}

/// The meetings where a pitch version was presented, oldest first.
pub fn presented_at<'a>(p: &'a Partner, pitch: &Id) -> Vec<&'a Meeting> {
    let mut out: Vec<&Meeting> = p
        .meetings
        .iter()
        .filter(|m| m.pitch.as_ref() == Some(pitch))
        .collect();
    out.sort_by_key(|m| m.date);
    out
}

/// Reads a date typed as `YYYY-MM-DD` (what a date input gives), or says what to type.
pub fn parse_date(text: &str) -> Result<NaiveDate, InputError> {
    match crate::model::core::format::parse_iso_day(text) {
        Ok(Some(day)) => Ok(day),
        Ok(None) => Err(InputError::Required),
        Err(e) => Err(InputError::NotDate(e)),
    }
}

/// Splits the free text naming our people (commas or new lines between names) into
/// names, dropping blanks and repeats.
pub fn parse_people(text: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in text.split([',', '\n', ';']).map(str::trim) {
        if !name.is_empty() && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_owned());
        }
    }
    names
}

// ---------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------

/// How far ahead of today (UTC) a meeting may be dated: a person east of Greenwich is
/// already a day ahead.
const FUTURE_SLACK_DAYS: i64 = 1;

/// Adds a meeting to a partner's log, or replaces the one with the same id, and stamps
/// the partner's `updated`. Returns `Ok(false)` when the meeting is stored unchanged.
///
/// Names of our people are trimmed and blank ones dropped, as are next steps left
/// entirely empty. Errors have paths relative to the meeting (`date`,
/// `attendees[1].player`, `next_steps[0].what`) and nothing changes when there is one:
/// - the pitch version presented is one of the partner's (a version removed since may
///   stay linked from a meeting that already named it);
/// - each owner of a next step named as a key player is one of the partner's;
/// - each attendee is a key player of the partner; a removed key player's reception may
///   stay in a meeting that already held it, but cannot be added anew;
/// - the meeting has happened: its date is not after today (with a day's slack for
///   time zones); a meeting still to come belongs in a next step;
/// - everything [`check`] asks of a meeting in a file.
pub fn save_meeting(
    ws: &mut Workspace,
    partner: &Id,
    mut meeting: Meeting,
    now: DateTime<Utc>,
) -> Result<bool, Vec<ValidationError>> {
    let Some(index) = ws.partners.iter().position(|p| &p.id == partner) else {
        return Err(vec![ValidationError::partner_gone()]);
    };
    let p = &ws.partners[index];
    let record = format!(
        "meeting of {} with \"{}\"",
        crate::model::core::format::day(meeting.date),
        p.name
    );
    tidy(&mut meeting);

    let stored = p.meetings.iter().find(|m| m.id == meeting.id);
    let mut errors: Vec<ValidationError> = date_error(&meeting, now.date_naive())
        .into_iter()
        .chain(attendee_errors(p, stored, &meeting))
        .chain(pitch_error(p, stored, &meeting))
        .map(|(path, message)| ValidationError {
            path,
            record: record.clone(),
            message,
        })
        .collect();

    let mut draft = p.clone();
    let at = match draft.meetings.iter().position(|m| m.id == meeting.id) {
        Some(i) if draft.meetings[i] == meeting => return Ok(false),
        Some(i) => {
            draft.meetings[i] = meeting;
            i
        }
        None => {
            draft.meetings.push(meeting);
            draft.meetings.len() - 1
        }
    };
    let prefix = format!("meetings[{at}].");
    errors.extend(ws.check_partner(&draft).into_iter().filter_map(|mut e| {
        e.path = e.path.strip_prefix(&prefix)?.to_owned();
        Some(e)
    }));
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path.cmp(&b.path));
        return Err(errors);
    }
    draft.updated = now.max(draft.created);
    ws.partners[index] = draft;
    Ok(true)
}

/// The meeting has happened: its date is not after `today` (with
/// [`FUTURE_SLACK_DAYS`] for time zones). As (path, message).
fn date_error(meeting: &Meeting, today: NaiveDate) -> Option<(String, String)> {
    (meeting.date > today + Duration::days(FUTURE_SLACK_DAYS)).then(|| {
        (
            "date".into(),
            "is in the future: log a meeting once it has happened, and plan the next one as a next step".into(),
        )
    })
}

/// Each attendee is a key player of the partner, or one whose reception the meeting as
/// `stored` already held (a key player removed since). As (path, message).
fn attendee_errors(
    p: &Partner,
    stored: Option<&Meeting>,
    meeting: &Meeting,
) -> Vec<(String, String)> {
    let mut errors = Vec::new();
    for (i, r) in meeting.attendees.iter().enumerate() {
        let current = p.key_players.iter().any(|k| k.id == r.player);
        let kept = stored.is_some_and(|m| m.reception(&r.player).is_some());
        if !current && !kept {
            errors.push((
                format!("attendees[{i}].player"),
                format!(
                    "is not a key player of {}; add them as a key player first",
                    p.name
                ),
            ));
        }
    }
    errors
}

/// The pitch version presented is one of the partner's, or the one the meeting as
/// `stored` already named (a version removed since). As (path, message).
fn pitch_error(
    p: &Partner,
    stored: Option<&Meeting>,
    meeting: &Meeting,
) -> Option<(String, String)> {
    let pitch = meeting.pitch.as_ref()?;
    let current = p.pitches.iter().any(|v| &v.id == pitch);
    let kept = stored.is_some_and(|m| m.pitch.as_ref() == Some(pitch));
    (!current && !kept).then(|| {
        (
            "pitch".into(),
            format!(
                "is not one of {}'s pitch versions; choose one from the list",
                p.name
            ),
        )
    })
}

/// Removes a meeting from a partner's log; returns whether there was one to remove.
pub fn remove_meeting(ws: &mut Workspace, partner: &Id, meeting: &Id, now: DateTime<Utc>) -> bool {
    let Some(p) = ws.partner_mut(partner) else {
        return false;
    };
    let before = p.meetings.len();
    p.meetings.retain(|m| &m.id != meeting);
    let removed = p.meetings.len() != before;
    if removed {
        p.updated = now.max(p.created);
    }
    removed
}

/// Marks one next step of a meeting done or not done; returns whether it changed.
pub fn set_step_done(
    ws: &mut Workspace,
    partner: &Id,
    meeting: &Id,
    step: usize,
    done: bool,
    now: DateTime<Utc>,
) -> bool {
    let Some(p) = ws.partner_mut(partner) else {
        return false;
    };
    let Some(s) = p
        .meetings
        .iter_mut()
        .find(|m| &m.id == meeting)
        .and_then(|m| m.next_steps.get_mut(step))
    else {
        return false;
    };
    if s.done == done {
        return false;
    }
    s.done = done;
    p.updated = now.max(p.created);
    true
}

/// The small clean-ups a form should not have to do.
fn tidy(m: &mut Meeting) {
    m.ours = m
        .ours
        .iter()
        .map(|n| n.trim().to_owned())
        .filter(|n| !n.is_empty())
        .collect();
    for s in &mut m.next_steps {
        s.what = s.what.trim().to_owned();
        if let Some(Owner::Ours(n) | Owner::Theirs(n)) = &mut s.owner {
            *n = n.trim().to_owned();
        }
    }
    m.next_steps
        .retain(|s| !(s.what.is_empty() && s.due.is_none() && !s.done));
}
