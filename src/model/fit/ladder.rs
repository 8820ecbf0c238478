//! The partnership ladder: start on the public platform, build an integration, plan
//! together, and only then — with leverage — go exclusive.
//!
//! Each level lists what it needs and whether the partner meets it. A move is always
//! allowed (the team decides), but a move up that the assessment does not support raises
//! warnings, and the move is recorded with them so the decision can be revisited.

use crate::model::core::format::plural;
use crate::model::core::id::{Id, IdError};
use crate::model::core::vocabulary::{Economics, LadderLevel, Stance, UxVerdict};
use crate::model::fit::{ability_to_deliver, LadderMove};
use crate::model::workspace::records::{Partner, Workspace};
use chrono::{DateTime, NaiveDate, Utc};

/// One thing a level needs, and whether the partner meets it (`None`: not assessed).
#[derive(Clone, Debug, PartialEq)]
pub struct Need {
    pub text: &'static str,
    pub met: Option<bool>,
}

/// A level of the ladder as it stands for one partner.
#[derive(Clone, Debug, PartialEq)]
pub struct Rung {
    pub level: LadderLevel,
    /// What the level means, in one sentence.
    pub about: &'static str,
    /// What this level adds to the needs of the levels below it.
    pub needs: Vec<Need>,
    /// Whether the partner meets the needs of this level and every level below:
    /// `Some(false)` as soon as one is unmet, `None` when none is unmet but some are not
    /// assessed.
    pub ready: Option<bool>,
    /// Whether the partner is at this level now.
    pub current: bool,
    /// The lowest level below this one whose own needs are not all met, and whether
    /// one of them is unmet (`Some(false)`) or only not assessed (`None`): a level whose
    /// own needs are all met can still wait on the levels below it.
    pub held_back: Option<(LadderLevel, Option<bool>)>,
}

/// Whether a list of needs is met: `Some(false)` as soon as one is unmet, `None` when
/// none is unmet but some are not assessed.
fn all_met(needs: &[Need]) -> Option<bool> {
    combined(needs.iter().map(|n| n.met))
}

/// Several met-or-not states as one: unmet wins, then not assessed.
fn combined(states: impl Iterator<Item = Option<bool>> + Clone) -> Option<bool> {
    if states.clone().any(|m| m == Some(false)) {
        Some(false)
    } else if states.into_iter().any(|m| m.is_none()) {
        None
    } else {
        Some(true)
    }
}

impl Rung {
    /// Whether this level's own needs (not those below) are met; see [`all_met`].
    pub fn own(&self) -> Option<bool> {
        all_met(&self.needs)
    }

    /// What the level's readiness is, in the words a person reads under its list of
    /// needs: it says whether the needs shown are met and, when they are but a level
    /// below is not ready, names that level, so "not met" never sits under green ticks.
    pub fn readiness(&self) -> String {
        let unmet = self.needs.iter().filter(|n| n.met == Some(false)).count();
        let unknown = self.needs.iter().filter(|n| n.met.is_none()).count();
        let total = self.needs.len();
        let below = |level: LadderLevel, state: Option<bool>| match state {
            Some(false) => format!("{} below still has needs not met", level.label()),
            _ => format!("{} below is not fully assessed", level.label()),
        };
        match (self.own(), self.held_back) {
            (Some(true), None) => {
                "Ready: these needs and those of every level below are met.".into()
            }
            (Some(true), Some((level, state))) => {
                format!("These needs are met, but {}.", below(level, state))
            }
            (Some(false), _) => format!(
                "Not ready: {unmet} of these {total} needs {} not met.",
                plural(unmet, "is", "are")
            ),
            (None, held) => {
                let mut text = format!(
                    "Not fully assessed: {unknown} of these {total} needs {} not assessed yet",
                    plural(unknown, "is", "are")
                );
                if let Some((level, state)) = held {
                    text.push_str(&format!(", and {}", below(level, state)));
                }
                text.push('.');
                text
            }
        }
    }
}

/// The strategic level needs a strategic fit of at least this.
pub const STRATEGIC_FIT: u8 = 4;
/// ... a backer with at least this influence.
pub const BACKER_INFLUENCE: u8 = 4;
/// ... and an ability to deliver of at least this.
pub const STRATEGIC_ABILITY: f64 = 0.5;

/// What a level means.
pub fn about(level: LadderLevel) -> &'static str {
    match level {
        LadderLevel::SelfServe => {
            "The partner builds on our public API or self-serve tools: no contract, open to anyone."
        }
        LadderLevel::Integration => "A joint integration under contract, with work on both sides.",
        LadderLevel::Strategic => {
            "A shared plan: joint roadmap, shared targets and senior sponsors on both sides."
        }
        LadderLevel::Exclusive => {
            "Each side commits to the other alone in its field: earned only with leverage."
        }
    }
}

/// The needs a level adds to those below it.
pub fn needs(p: &Partner, level: LadderLevel, today: NaiveDate) -> Vec<Need> {
    let fit = &p.fit;
    // The stance read from the latest meetings, as everywhere else. A senior sponsor
    // must be someone we have met: an unverified backer's reach counts half (as in the
    // ability to deliver), which no influence reaches 4 with.
    let read = crate::model::meetings::map(p);
    let backer = |min: u8, met: bool| {
        read.iter().any(|k| {
            matches!(k.read, Stance::Champion | Stance::Supportive)
                && k.influence >= min
                && (!met || !k.unverified())
        })
    };
    match level {
        LadderLevel::SelfServe => Vec::new(),
        LadderLevel::Integration => vec![
            Need {
                text: "A user experience judged right or risky, not wrong",
                met: fit.ux.map(|u| u != UxVerdict::Wrong),
            },
            Need {
                text: "At least one goal shared with the partner",
                met: Some(!p.goals.is_empty()),
            },
            Need {
                text: "A champion or supportive key player",
                met: Some(backer(1, false)),
            },
        ],
        LadderLevel::Strategic => vec![
            Need {
                text: "Strategic fit of 4 or 5",
                met: fit.strategic.map(|s| s >= STRATEGIC_FIT),
            },
            Need {
                text: "A backer with influence 4 or 5, met in a logged meeting",
                met: Some(backer(BACKER_INFLUENCE, true)),
            },
            Need {
                text: "An ability to deliver of at least 50 %",
                met: ability_to_deliver(p, today)
                    .score
                    .map(|a| a >= STRATEGIC_ABILITY),
            },
        ],
        LadderLevel::Exclusive => vec![
            Need {
                text: "Our leverage at least as high as theirs",
                met: match (fit.our_leverage, fit.their_leverage) {
                    (Some(ours), Some(theirs)) => Some(ours >= theirs),
                    _ => None,
                },
            },
            Need {
                text: "Economics that are not unfavourable for us",
                met: fit.economics.map(|e| e != Economics::Unfavourable),
            },
            Need {
                text: "A user experience judged right",
                met: fit.ux.map(|u| u == UxVerdict::Right),
            },
        ],
    }
}

/// The four levels for a partner, from self-serve to exclusive.
pub fn rungs(p: &Partner, today: NaiveDate) -> Vec<Rung> {
    // `ready` accumulates: a level is only ready when every level below it is.
    let mut below: Option<bool> = Some(true);
    let mut held_back: Option<(LadderLevel, Option<bool>)> = None;
    LadderLevel::ALL
        .iter()
        .map(|&level| {
            let needs = needs(p, level, today);
            let own = all_met(&needs);
            let rung = Rung {
                level,
                about: about(level),
                ready: combined([below, own].into_iter()),
                needs,
                current: p.ladder == level,
                held_back,
            };
            below = rung.ready;
            if held_back.is_none() && own != Some(true) {
                held_back = Some((level, own));
            }
            rung
        })
        .collect()
}

/// Something that speaks against a move up the ladder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// To exclusive with our leverage below theirs.
    LeverageBelow { ours: u8, theirs: u8 },
    /// To exclusive with one side's leverage not assessed.
    LeverageNotAssessed,
    /// To exclusive with unfavourable economics.
    UnfavourableEconomics,
    /// To exclusive while the user experience is only risky.
    RiskyExperience,
    /// Any move up while the user experience is judged wrong.
    WrongExperience,
    /// A move up past levels never held.
    SkipsLevels(Vec<LadderLevel>),
}

impl Warning {
    pub fn message(&self) -> String {
        match self {
            Warning::LeverageBelow { ours, theirs } => format!(
                "Our leverage ({ours}) is below theirs ({theirs}): an exclusive deal would lock us in on their terms."
            ),
            Warning::LeverageNotAssessed => {
                "Leverage is not assessed on both sides: exclusivity should be earned with leverage we can name.".into()
            }
            Warning::UnfavourableEconomics => {
                "The economics are unfavourable for us: exclusivity would fix a losing deal in place.".into()
            }
            Warning::RiskyExperience => {
                "The user experience is only risky: exclusivity would leave users no alternative.".into()
            }
            Warning::WrongExperience => {
                "The user experience is judged wrong: the assessment recommends stopping, not moving up.".into()
            }
            Warning::SkipsLevels(skipped) => {
                let names: Vec<&str> = skipped.iter().map(|l| l.label()).collect();
                format!(
                    "This skips {}: each level is where the next one's leverage is earned.",
                    names.join(" and ")
                )
            }
        }
    }
}

/// The warnings a move of this partner to `to` raises. Moves down, or to the same
/// level, raise none.
pub fn warning_list(p: &Partner, to: LadderLevel) -> Vec<Warning> {
    let from = p.ladder;
    if to.rank() <= from.rank() {
        return Vec::new();
    }
    let fit = &p.fit;
    let mut out = Vec::new();
    if to == LadderLevel::Exclusive {
        match (fit.our_leverage, fit.their_leverage) {
            (Some(ours), Some(theirs)) if ours < theirs => {
                out.push(Warning::LeverageBelow { ours, theirs })
            }
            (Some(_), Some(_)) => {}
            _ => out.push(Warning::LeverageNotAssessed),
        }
        if fit.economics == Some(Economics::Unfavourable) {
            out.push(Warning::UnfavourableEconomics);
        }
        if fit.ux == Some(UxVerdict::Risky) {
            out.push(Warning::RiskyExperience);
        }
    }
    if fit.ux == Some(UxVerdict::Wrong) {
        out.push(Warning::WrongExperience);
    }
    let skipped: Vec<LadderLevel> = LadderLevel::ALL
        .iter()
        .copied()
        .filter(|l| l.rank() > from.rank() && l.rank() < to.rank())
        .collect();
    if !skipped.is_empty() {
        out.push(Warning::SkipsLevels(skipped));
    }
    out
}

/// The warnings of [`warning_list`] as the sentences shown and recorded.
pub fn warnings(p: &Partner, to: LadderLevel) -> Vec<String> {
    warning_list(p, to).iter().map(Warning::message).collect()
}

/// Why a move on the ladder was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LadderError {
    #[error("The move's id is not valid: {0}.")]
    Id(IdError),
    /// The partner is gone (deleted, perhaps in another tab): [`PARTNER_GONE`] words it.
    #[error("{}", crate::model::core::check::PARTNER_GONE)]
    NoPartner(Id),
    /// The id is already one of the partner's (named) records.
    #[error("The id {id} is already used by another record of {partner}.")]
    IdTaken { id: Id, partner: String },
}

/// Moves a partner to `to`, recording a [`LadderMove`] dated `today` with the warnings
/// the move raised, and stamping the partner's `updated`. Returns `Ok(false)` when the
/// partner is already at that level.
///
/// # Errors
/// When no partner has the id, or `id` is malformed or already used by one of the
/// partner's records; nothing changes then.
pub fn move_to(
    ws: &mut Workspace,
    partner: &Id,
    to: LadderLevel,
    id: Id,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<bool, LadderError> {
    id.check().map_err(LadderError::Id)?;
    let Some(p) = ws.partner_mut(partner) else {
        return Err(LadderError::NoPartner(partner.clone()));
    };
    if p.ladder == to {
        return Ok(false);
    }
    if record_ids(p).any(|used| used == &id) {
        return Err(LadderError::IdTaken {
            id,
            partner: p.name.clone(),
        });
    }
    let warnings = warnings(p, to);
    p.ladder_moves.push(LadderMove {
        id,
        date: today,
        from: p.ladder,
        to,
        warnings,
    });
    p.ladder = to;
    p.updated = now.max(p.created);
    Ok(true)
}

/// The ids of a partner's own records, which validation requires to be unique.
fn record_ids(p: &Partner) -> impl Iterator<Item = &Id> {
    p.pitches
        .iter()
        .map(|x| &x.id)
        .chain(p.ladder_moves.iter().map(|x| &x.id))
        .chain(p.meetings.iter().map(|x| &x.id))
        .chain(p.goals.iter().map(|x| &x.id))
        .chain(p.commitments.iter().map(|x| &x.id))
        .chain(p.landing.iter().map(|x| &x.id))
        .chain(p.wins.iter().map(|x| &x.id))
        .chain(p.decisions.iter().map(|x| &x.id))
}

/// One line on a move, for the history: "Strategic → Exclusive on 2027-01-10".
pub fn describe(m: &LadderMove) -> String {
    let way = if m.to.rank() > m.from.rank() {
        "up"
    } else {
        "down"
    };
    format!(
        "{} → {} ({way}) on {}",
        m.from.label(),
        m.to.label(),
        crate::model::core::format::day(m.date)
    )
}

/// Why a level is not (yet) ready, as a sentence: the unmet and unassessed needs.
pub fn gaps(rung: &Rung) -> Vec<String> {
    rung.needs
        .iter()
        .filter_map(|n| match n.met {
            Some(false) => Some(format!("Not met: {}.", lowercase(n.text))),
            None => Some(format!("Not assessed: {}.", lowercase(n.text))),
            Some(true) => None,
        })
        .collect()
}

fn lowercase(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}
