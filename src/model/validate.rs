//! Validation: everything a workspace must satisfy before the app accepts it, whether it
//! came from a form, a file or local storage.
//!
//! Each violation is a [`ValidationError`] naming the field by its path in the file
//! (`partners[3].key_players[1].influence`), the record by its name, and the rule broken,
//! so a person can find and fix it.

use super::records::{KeyPlayer, Market, Partner, Workspace};
use super::Id;
use std::collections::{HashMap, HashSet};
use std::fmt;

/// Longest name, title or owner accepted.
pub const MAX_NAME: usize = 120;
/// Longest notes accepted.
pub const MAX_NOTES: usize = 10_000;
/// Longest website address accepted.
pub const MAX_URL: usize = 2_048;
/// Longest tag, and most tags per partner.
pub const MAX_TAG: usize = 40;
pub const MAX_TAGS: usize = 20;
/// The largest metric value, target or expected contribution accepted.
pub const MAX_VALUE: f64 = 1e15;
/// Influence runs from 1 to 5.
pub const INFLUENCE: std::ops::RangeInclusive<u8> = 1..=5;

/// One broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// Where, as a path into the file: `partners[3].key_players[1].influence`.
    pub path: String,
    /// Which record, by name: `key player "Ana Ruiz" of partner "Wavelet"`. Empty for
    /// workspace-level fields.
    pub record: String,
    /// What is wrong: `9 is outside 1–5`.
    pub message: String,
}

impl ValidationError {
    /// The field by name for a person: the path's steps after the last record in it,
    /// `influence` for `partners[3].key_players[1].influence`, `markets` for
    /// `partners[2].markets[3]`, `values 2026-01` for `metrics[0].values.2026-01`.
    pub fn field(&self) -> String {
        let steps: Vec<&str> = self.path.split('.').collect();
        let after = steps.iter().rposition(|s| s.contains('['));
        let own: Vec<&str> = match after {
            Some(i) if i + 1 < steps.len() => steps[i + 1..].to_vec(),
            Some(i) => vec![steps[i].split('[').next().unwrap_or("")],
            None => steps,
        };
        own.join(" ").replace('_', " ")
    }
}

/// Written for a person: the record by its name, the field, what is wrong, and last the
/// path into the file as the detail a bug report needs:
/// `Key player "Bo Lind" of partner "Wavelet", influence: 9 is outside 1–5 (at
/// partners[0].key_players[1].influence)`.
impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut record = self.record.chars();
        if let Some(first) = record.next() {
            write!(f, "{}{}, ", first.to_uppercase(), record.as_str())?;
        }
        let field = self.field();
        let mut field_chars = field.chars();
        match (self.record.is_empty(), field_chars.next()) {
            (true, Some(first)) => write!(f, "{}{}: ", first.to_uppercase(), field_chars.as_str())?,
            (false, Some(_)) => write!(f, "{field}: ")?,
            (_, None) => {}
        }
        write!(f, "{}", self.message)?;
        if !self.path.is_empty() {
            write!(f, " (at {})", self.path)?;
        }
        Ok(())
    }
}

/// The catalogue as validation sees it: each market's id with its name, so that a
/// message names the market.
pub type Catalogue<'a> = HashMap<&'a Id, &'a str>;

/// The catalogue of these markets.
pub fn catalogue<'a>(markets: impl IntoIterator<Item = &'a Market>) -> Catalogue<'a> {
    markets
        .into_iter()
        .map(|m| (&m.id, m.name.as_str()))
        .collect()
}

/// The words for a reference to a market that is not in the catalogue. It has no name
/// anywhere, so the id is all there is to tell it by.
pub(crate) fn unknown_market(id: &Id) -> String {
    format!("refers to a market that is not in the catalogue (its id is {id}); add the market or remove the reference")
}

/// Collects errors with a path prefix and a record description. Each record type's
/// module checks its own fields through one of these.
pub(crate) struct Checker<'a> {
    prefix: String,
    record: String,
    errors: &'a mut Vec<ValidationError>,
}

impl Checker<'_> {
    /// A checker for a record nested in this one, such as `meetings[2]`.
    pub(crate) fn nested(&mut self, field: &str, record: String) -> Checker<'_> {
        let prefix = match (self.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}.{field}", self.prefix),
        };
        Checker {
            prefix,
            record,
            errors: self.errors,
        }
    }

    pub(crate) fn push(&mut self, field: &str, message: impl Into<String>) {
        let path = match (self.prefix.is_empty(), field.is_empty()) {
            (true, _) => field.to_owned(),
            (false, true) => self.prefix.clone(),
            (false, false) => format!("{}.{field}", self.prefix),
        };
        self.errors.push(ValidationError {
            path,
            record: self.record.clone(),
            message: message.into(),
        });
    }

    pub(crate) fn required(&mut self, field: &str, value: &str, max: usize) {
        if value.trim().is_empty() {
            self.push(field, "is required");
        } else {
            self.max_len(field, value, max);
        }
    }

    pub(crate) fn max_len(&mut self, field: &str, value: &str, max: usize) {
        let len = value.chars().count();
        if len > max {
            self.push(field, format!("has {len} characters; the limit is {max}"));
        }
    }

    pub(crate) fn id(&mut self, id: &Id) {
        self.id_at("id", id);
    }

    /// Checks an id held in another field, such as a reference to a key player.
    pub(crate) fn id_at(&mut self, field: &str, id: &Id) {
        if let Err(reason) = id.check() {
            self.push(field, reason);
        }
    }

    pub(crate) fn in_range(&mut self, field: &str, value: u8, range: std::ops::RangeInclusive<u8>) {
        if !range.contains(&value) {
            self.push(
                field,
                format!("{value} is outside {}–{}", range.start(), range.end()),
            );
        }
    }

    /// Numbers from files may be anything JSON allows; NaN and infinities cannot be
    /// written back to JSON, and beyond ±1e15 sums lose their units.
    pub(crate) fn finite(&mut self, field: &str, value: f64) {
        if !value.is_finite() || value.abs() > MAX_VALUE {
            self.push(
                field,
                format!("{value} is not a number between −10¹⁵ and 10¹⁵"),
            );
        }
    }

    fn times(
        &mut self,
        created: chrono::DateTime<chrono::Utc>,
        updated: chrono::DateTime<chrono::Utc>,
    ) {
        if updated < created {
            self.push("updated", "is earlier than created");
        }
    }
}

/// Shortens a user-supplied name for use inside a message.
pub(crate) fn quoted(name: &str) -> String {
    let short: String = name.chars().take(40).collect();
    if short.len() < name.len() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

/// Checks a whole workspace. An empty list means it is valid.
pub fn workspace(ws: &Workspace) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let mut top = Checker {
        prefix: String::new(),
        record: String::new(),
        errors: &mut errors,
    };
    top.required("program_name", &ws.program_name, MAX_NAME);

    // Every id so far, with the record that holds it, to name it in a duplicate.
    let mut holders: HashMap<&Id, String> = HashMap::new();
    let mut market_names: HashMap<String, &str> = HashMap::new();
    for (i, m) in ws.markets.iter().enumerate() {
        let record = format!("market {}", quoted(&m.name));
        let mut c = Checker {
            prefix: format!("markets[{i}]"),
            record: record.clone(),
            errors: &mut errors,
        };
        market(m, &mut c);
        if let Some(first) = holders.get(&m.id) {
            c.push("id", same_id(&m.id, first));
        } else {
            holders.insert(&m.id, record);
        }
        let folded = m.name.trim().to_lowercase();
        if let Some(first) = market_names.insert(folded, &m.name) {
            c.push(
                "name",
                format!("is already taken by market {}", quoted(first)),
            );
        }
    }
    let market_ids = catalogue(&ws.markets);

    for (i, t) in ws.deleted.iter().enumerate() {
        if let Err(reason) = t.id.check() {
            errors.push(ValidationError {
                path: format!("deleted[{i}].id"),
                record: "a deleted record".into(),
                message: reason,
            });
        }
    }

    super::program::check(
        &ws.program,
        &mut Checker {
            prefix: String::new(),
            record: "the program".into(),
            errors: &mut errors,
        },
    );

    for (i, p) in ws.partners.iter().enumerate() {
        let mut errs = partner(p, &market_ids);
        for e in &mut errs {
            e.path = format!("partners[{i}].{}", e.path);
        }
        errors.extend(errs);
        let mut c = Checker {
            prefix: format!("partners[{i}]"),
            record: format!("partner {}", quoted(&p.name)),
            errors: &mut errors,
        };
        let partner_record = c.record.clone();
        if let Some(first) = holders.get(&p.id) {
            c.push("id", same_id(&p.id, first));
        } else {
            holders.insert(&p.id, partner_record.clone());
        }
        for (k, kp) in p.key_players.iter().enumerate() {
            let record = format!("key player {} of {partner_record}", quoted(&kp.name));
            if let Some(first) = holders.get(&kp.id) {
                c.prefix = format!("partners[{i}].key_players[{k}]");
                c.record = record;
                c.push("id", same_id(&kp.id, first));
            } else {
                holders.insert(&kp.id, record);
            }
        }
    }
    errors
}

/// The words for an id that another record already holds, naming that record.
fn same_id(id: &Id, holder: &str) -> String {
    format!("has the same id as {holder} (both are {id}); ids must be unique")
}

fn market(m: &Market, c: &mut Checker) {
    c.id(&m.id);
    c.times(m.created, m.updated);
    c.required("name", &m.name, MAX_NAME);
}

/// Checks one partner on its own against the ids of the catalogue's markets. Paths are
/// relative to the partner (`name`, `key_players[1].influence`), which is what a form
/// needs to place each message beside its field.
pub fn partner(p: &Partner, markets: &Catalogue) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let mut c = Checker {
        prefix: String::new(),
        record: format!("partner {}", quoted(&p.name)),
        errors: &mut errors,
    };
    c.id(&p.id);
    c.times(p.created, p.updated);
    c.required("name", &p.name, MAX_NAME);
    if let Err(reason) = website(&p.website) {
        c.push("website", reason);
    }
    c.max_len("owner", &p.owner, MAX_NAME);
    c.max_len("notes", &p.notes, MAX_NOTES);
    if p.tags.len() > MAX_TAGS {
        c.push(
            "tags",
            format!("has {} tags; the limit is {MAX_TAGS}", p.tags.len()),
        );
    }
    for (t, tag) in p.tags.iter().enumerate() {
        let field = format!("tags[{t}]");
        c.required(&field, tag, MAX_TAG);
    }
    let mut seen = HashSet::new();
    for (m, id) in p.markets.iter().enumerate() {
        let field = format!("markets[{m}]");
        match markets.get(id) {
            None => c.push(&field, unknown_market(id)),
            Some(name) if !seen.insert(id) => {
                c.push(&field, format!("lists market {} twice", quoted(name)))
            }
            Some(_) => {}
        }
    }
    let partner_record = c.record.clone();
    for (k, kp) in p.key_players.iter().enumerate() {
        let mut kc = Checker {
            prefix: format!("key_players[{k}]"),
            record: format!("key player {} of {partner_record}", quoted(&kp.name)),
            errors: &mut errors,
        };
        key_player(kp, &mut kc);
    }
    let mut c = Checker {
        prefix: String::new(),
        record: partner_record.clone(),
        errors: &mut errors,
    };
    records(p, markets, &partner_record, &mut c);
    errors
}

/// Checks the records a partner holds beyond its profile and key players.
fn records(p: &Partner, markets: &Catalogue, of: &str, c: &mut Checker) {
    let catalogue: Vec<&Id> = markets.keys().copied().collect();
    super::fit::check(&p.fit, c);
    let mut ids = HashSet::new();
    let mut unique = |c: &mut Checker, field: &str, id: &Id| {
        if !ids.insert(id.clone()) {
            c.push(
                &format!("{field}.id"),
                format!("has the same id as another record of {of} ({id}); ids must be unique"),
            );
        }
    };
    for (i, x) in p.pitches.iter().enumerate() {
        let field = format!("pitches[{i}]");
        unique(c, &field, &x.id);
        super::pitch::check(
            x,
            &mut c.nested(&field, format!("pitch {} of {of}", quoted(&x.label))),
        );
    }
    for (i, x) in p.ladder_moves.iter().enumerate() {
        let field = format!("ladder_moves[{i}]");
        unique(c, &field, &x.id);
        super::fit::check_move(x, &mut c.nested(&field, format!("ladder move of {of}")));
    }
    for (i, x) in p.meetings.iter().enumerate() {
        let field = format!("meetings[{i}]");
        unique(c, &field, &x.id);
        super::meetings::check(
            x,
            &mut c.nested(&field, format!("meeting of {} with {of}", x.date)),
        );
    }
    for (i, x) in p.goals.iter().enumerate() {
        let field = format!("goals[{i}]");
        unique(c, &field, &x.id);
        super::goals::check_goal(
            x,
            &mut c.nested(&field, format!("goal {} of {of}", quoted(&x.statement))),
        );
    }
    for (i, x) in p.commitments.iter().enumerate() {
        let field = format!("commitments[{i}]");
        unique(c, &field, &x.id);
        super::goals::check_commitment(
            x,
            &mut c.nested(&field, format!("commitment {} of {of}", quoted(&x.what))),
        );
    }
    for (i, x) in p.landing.iter().enumerate() {
        let field = format!("landing[{i}]");
        unique(c, &field, &x.id);
        let track = match &x.market {
            Some(m) => match markets.get(m) {
                Some(name) => format!("landing track in {} of {of}", quoted(name)),
                None => format!("landing track of {of}"),
            },
            None => format!("landing track of team {} of {of}", quoted(&x.team)),
        };
        super::landing::check(x, &catalogue, &mut c.nested(&field, track));
    }
    let mut series = HashSet::new();
    for (i, x) in p.metrics.iter().enumerate() {
        let field = format!("metrics[{i}]");
        let market = markets.get(&x.market).map(|name| quoted(name));
        let record = match &market {
            Some(name) => format!("metric {} in {name} of {of}", quoted(&x.metric)),
            None => format!("metric {} of {of}", quoted(&x.metric)),
        };
        let mut sc = c.nested(&field, record);
        super::metrics::check(x, &catalogue, &mut sc);
        if !series.insert((&x.market, x.metric.trim().to_lowercase())) {
            sc.push(
                "",
                format!(
                    "repeats the series of {} in {}; keep one series per metric and market",
                    quoted(&x.metric),
                    market.unwrap_or_else(|| "that market".into())
                ),
            );
        }
    }
    for (i, x) in p.wins.iter().enumerate() {
        let field = format!("wins[{i}]");
        unique(c, &field, &x.id);
        super::goals::check_win(
            x,
            &mut c.nested(&field, format!("win {} of {of}", quoted(&x.title))),
        );
    }
    for (i, x) in p.decisions.iter().enumerate() {
        let field = format!("decisions[{i}]");
        unique(c, &field, &x.id);
        super::goals::check_decision(
            x,
            &mut c.nested(&field, format!("decision of {} about {of}", x.date)),
        );
    }
}

fn key_player(kp: &KeyPlayer, c: &mut Checker) {
    c.id(&kp.id);
    c.times(kp.created, kp.updated);
    c.required("name", &kp.name, MAX_NAME);
    c.max_len("title", &kp.title, MAX_NAME);
    c.max_len("notes", &kp.notes, MAX_NOTES);
    c.in_range("influence", kp.influence, INFLUENCE);
}

/// A website is empty or an absolute http(s) address with a host: anything else (a
/// `javascript:` link above all) is refused, because the app makes it clickable.
pub fn website(url: &str) -> Result<(), String> {
    if url.is_empty() {
        return Ok(());
    }
    if url.chars().count() > MAX_URL {
        return Err(format!("is longer than {MAX_URL} characters"));
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or("must start with http:// or https://")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err("has no host name after http(s)://".into());
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("cannot contain spaces".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{KeyPlayer, Market, Partner};
    use chrono::{TimeZone, Utc};

    fn now() -> chrono::DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap()
    }

    fn sample() -> Workspace {
        let mut ws = Workspace::empty();
        ws.markets
            .push(Market::new(Id::parse("m-de").unwrap(), "Germany", now()));
        let mut p = Partner::new(Id::parse("p-1").unwrap(), "Wavelet", now());
        p.markets.push(Id::parse("m-de").unwrap());
        p.key_players
            .push(KeyPlayer::new(Id::parse("k-1").unwrap(), "Ana Ruiz", now()));
        p.key_players
            .push(KeyPlayer::new(Id::parse("k-2").unwrap(), "Bo Lind", now()));
        ws.partners.push(p);
        ws
    }

    #[test]
    fn a_sound_workspace_has_no_errors() {
        assert_eq!(workspace(&sample()), vec![]);
    }

    #[test]
    fn influence_out_of_range_names_path_record_and_range() {
        let mut ws = sample();
        ws.partners[0].key_players[1].influence = 9;
        let errors = workspace(&ws);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "partners[0].key_players[1].influence");
        assert_eq!(errors[0].message, "9 is outside 1–5");
        assert_eq!(
            errors[0].record,
            "key player \"Bo Lind\" of partner \"Wavelet\""
        );
        assert_eq!(
            errors[0].to_string(),
            "Key player \"Bo Lind\" of partner \"Wavelet\", influence: 9 is outside 1–5 (at partners[0].key_players[1].influence)"
        );
    }

    #[test]
    fn required_fields_are_reported() {
        let mut ws = sample();
        ws.program_name = "  ".into();
        ws.partners[0].name.clear();
        ws.partners[0].key_players[0].name.clear();
        let paths: Vec<_> = workspace(&ws).into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            [
                "program_name",
                "partners[0].name",
                "partners[0].key_players[0].name"
            ]
        );
    }

    #[test]
    fn duplicate_ids_are_found_across_record_kinds() {
        let mut ws = sample();
        ws.partners[0].key_players[1].id = Id::parse("p-1").unwrap();
        let errors = workspace(&ws);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "partners[0].key_players[1].id");
        assert_eq!(
            errors[0].to_string(),
            "Key player \"Bo Lind\" of partner \"Wavelet\", id: has the same id as partner \"Wavelet\" (both are p-1); ids must be unique (at partners[0].key_players[1].id)"
        );
        let mut ws = sample();
        ws.partners.push(ws.partners[0].clone());
        assert!(workspace(&ws).iter().any(|e| e.path == "partners[1].id"));
    }

    #[test]
    fn dangling_and_repeated_market_references_are_errors() {
        let mut ws = sample();
        ws.partners[0].markets.push(Id::parse("m-xx").unwrap());
        ws.partners[0].markets.push(Id::parse("m-de").unwrap());
        let errors = workspace(&ws);
        assert_eq!(errors.len(), 2);
        assert!(errors[0].message.contains("not in the catalogue"));
        assert!(errors[1].message.contains("twice"));
    }

    #[test]
    fn duplicate_market_names_are_errors_ignoring_case() {
        let mut ws = sample();
        ws.markets
            .push(Market::new(Id::parse("m-2").unwrap(), "germany ", now()));
        let errors = workspace(&ws);
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, "markets[1].name");
    }

    #[test]
    fn malformed_ids_and_backwards_times_are_errors() {
        let mut ws = sample();
        ws.partners[0].id = serde_json::from_str("\"bad id\"").unwrap();
        ws.partners[0].key_players[0].updated = now() - chrono::Duration::days(1);
        let paths: Vec<_> = workspace(&ws).into_iter().map(|e| e.path).collect();
        assert_eq!(
            paths,
            ["partners[0].id", "partners[0].key_players[0].updated"]
        );
    }

    #[test]
    fn websites_must_be_http_or_https() {
        assert!(website("").is_ok());
        assert!(website("https://example.com/x").is_ok());
        assert!(website("HTTP://EXAMPLE.COM").is_ok());
        assert!(website("javascript:alert(1)").is_err());
        assert!(website("example.com").is_err());
        assert!(website("https://").is_err());
        assert!(website("https://a b.com").is_err());
        assert!(website("data:text/html,<script>").is_err());
    }

    #[test]
    fn length_limits_hold_for_text_fields() {
        let mut ws = sample();
        ws.partners[0].notes = "x".repeat(MAX_NOTES + 1);
        ws.partners[0].tags = vec!["".into()];
        let errors = workspace(&ws);
        assert_eq!(errors.len(), 2);
        assert_eq!(errors[0].path, "partners[0].notes");
        assert_eq!(errors[1].path, "partners[0].tags[0]");
    }
}
