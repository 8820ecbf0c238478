//! Meetings with each attendee's reception and the next steps agreed: the records and
//! their checks.

use crate::model::core::check::{Checker, Item, MAX_ATTENDEES, MAX_NAME, MAX_NOTES};
use crate::model::core::id::Id;
use crate::model::core::owner::{self, Owner};
use crate::model::core::vocabulary::Scale;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One meeting with the partner.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Meeting {
    pub id: Id,
    #[serde(deserialize_with = "crate::model::core::when::day")]
    pub date: NaiveDate,
    /// The people from our side who attended.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ours: Vec<String>,
    /// What was presented or discussed.
    #[serde(default)]
    pub presented: String,
    /// Each attending key player of the partner, with their reception.
    #[serde(default)]
    pub attendees: Vec<Reception>,
    /// The overall read of the room.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room: Option<Scale>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub room_note: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub next_steps: Vec<NextStep>,
    /// The version of the partner's pitch presented at this meeting, by id. A version
    /// removed since leaves the id, read as no version (as a pitch's goal does).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pitch: Option<Id>,
}

/// How one key player received a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct Reception {
    /// The key player's id.
    pub player: Id,
    pub body_language: Scale,
    pub tone: Scale,
    pub reaction: Scale,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Something to do after a meeting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(test, derive(schemars::JsonSchema))]
pub struct NextStep {
    pub what: String,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::model::core::when::day_opt"
    )]
    pub due: Option<NaiveDate>,
    #[serde(default)]
    pub done: bool,
    /// Who will do it: a key player of theirs or a person of ours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Owner>,
}

pub(crate) fn check(m: &Meeting, c: &mut Checker) {
    c.id(&m.id);
    c.date("date", m.date);
    c.max_len("presented", &m.presented, MAX_NOTES);
    c.max_len("room_note", &m.room_note, MAX_NOTES);
    c.count("attendees", m.attendees.len(), MAX_ATTENDEES, "attendees");
    for (i, name) in m.ours.iter().enumerate() {
        c.required(Item("ours", i), name, MAX_NAME);
    }
    let mut seen = std::collections::HashSet::new();
    for (i, r) in m.attendees.iter().enumerate() {
        // A key player removed since keeps their past receptions; the meeting shows
        // them as a former key player rather than the file becoming invalid.
        let at = Item("attendees", i);
        c.id_at(format_args!("{at}.player"), &r.player);
        if !seen.insert(&r.player) {
            c.push(
                format_args!("{at}.player"),
                format!("lists key player {} twice", r.player),
            );
        }
        c.max_len(format_args!("{at}.note"), &r.note, MAX_NOTES);
    }
    for (i, s) in m.next_steps.iter().enumerate() {
        c.required(format_args!("next_steps[{i}].what"), &s.what, MAX_NOTES);
        if let Some(o) = &s.owner {
            owner::check(o, format_args!("next_steps[{i}].owner"), c);
        }
    }
    if let Some(pitch) = &m.pitch {
        c.id_at("pitch", pitch);
    }
}

impl Meeting {
    /// A meeting on `date` with nobody recorded yet.
    pub fn new(id: Id, date: NaiveDate) -> Self {
        Meeting {
            id,
            date,
            ours: Vec::new(),
            presented: String::new(),
            attendees: Vec::new(),
            room: None,
            room_note: String::new(),
            next_steps: Vec::new(),
            pitch: None,
        }
    }

    /// The reception of one key player at this meeting, if they attended.
    pub fn reception(&self, player: &Id) -> Option<&Reception> {
        self.attendees.iter().find(|r| &r.player == player)
    }
}

impl Reception {
    /// A reception with every reading neutral, the starting point of the form.
    pub fn neutral(player: Id) -> Self {
        Reception {
            player,
            body_language: Scale::Neutral,
            tone: Scale::Neutral,
            reaction: Scale::Neutral,
            note: String::new(),
        }
    }
}

impl NextStep {
    /// Not done and due before `today`.
    pub fn overdue(&self, today: NaiveDate) -> bool {
        !self.done && self.due.is_some_and(|d| d < today)
    }
}

// ---------------------------------------------------------------------------------------
// Reading the log
// ---------------------------------------------------------------------------------------
