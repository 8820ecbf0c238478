//! Validation: everything a workspace must satisfy before the app accepts it, whether it
//! came from a form, a file or local storage.
//!
//! Each violation is a [`ValidationError`] naming the field by its path in the file
//! (`partners[3].key_players[1].influence`), the record by its name, and the rule broken,
//! so a person can find and fix it.

pub use crate::model::core::check::Catalogue;
use crate::model::core::check::{
    named, unknown_market, Checker, Item, ValidationError, INFLUENCE, MAX_ATTENDEES, MAX_DELETED,
    MAX_KEY_PLAYERS, MAX_MARKETS, MAX_NAME, MAX_NOTES, MAX_PARTNERS, MAX_RECORDS, MAX_SERIES,
    MAX_TAG, MAX_TAGS, MAX_URL, MAX_WARNINGS,
};
use crate::model::core::format::day;
use crate::model::core::id::Id;
use crate::model::core::owner::Owner;
use crate::model::core::shared::Shared;
use crate::model::core::text::is_format;
use crate::model::core::vocabulary::Side;
use crate::model::workspace::records::{KeyPlayer, Market, Partner, Workspace};
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};

/// The catalogue of these markets.
pub fn catalogue<'a>(markets: impl IntoIterator<Item = &'a Market>) -> Catalogue<'a> {
    markets
        .into_iter()
        .map(|m| (&m.id, m.name.as_str()))
        .collect()
}

/// Shortens a user-supplied name for use inside a message.
/// Every record's name is quoted at every validation (a load of 2,000 partners quotes
/// tens of thousands), so this writes into one string, without a copy of the name first.
pub(crate) fn quoted(name: &str) -> String {
    let cut = name.char_indices().nth(40).map(|(at, _)| at);
    let shown = &name[..cut.unwrap_or(name.len())];
    let mut out = String::with_capacity(shown.len() + 5);
    out.push('"');
    out.push_str(shown);
    if cut.is_some() {
        out.push('…');
    }
    out.push('"');
    out
}

/// [`quoted`] as it writes into a message, without a string of its own: the names
/// of records are written only when an error names one.
pub(crate) struct Quoted<'a>(pub &'a str);

impl fmt::Display for Quoted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = self.0;
        let cut = name.char_indices().nth(40).map(|(at, _)| at);
        f.write_char('"')?;
        f.write_str(&name[..cut.unwrap_or(name.len())])?;
        if cut.is_some() {
            f.write_char('…')?;
        }
        f.write_char('"')
    }
}

/// Checks a whole workspace. An empty list means it is valid.
pub fn workspace(ws: &Workspace) -> Vec<ValidationError> {
    workspace_reusing(ws, &Checked::none())
}

/// Partner versions known to pass [`partner`], each against a catalogue holding every
/// market it names: the partners of workspaces that passed [`workspace`], by version
/// ([`Shared::same`]). A partner of a workspace checked with [`workspace_reusing`] that
/// is one of these versions, and whose markets are all in that workspace's catalogue,
/// is not checked on its own again: nothing of it changed, and what it must satisfy
/// depends on nothing else (the catalogue only by which markets it holds, see
/// [`partner`]). The rules across partners (ids unique in the workspace) still run.
///
/// An import merges two validated workspaces (the one loaded, a file that passed
/// [`restore`](crate::model::formats::file::restore)) and keeps most partners of
/// either as they were; this spares checking them twice. The versions are held by
/// address while `'a` borrows the workspaces, so no other record can take one.
pub struct Checked<'a> {
    versions: HashSet<usize>,
    held: std::marker::PhantomData<&'a Workspace>,
}

impl<'a> Checked<'a> {
    /// No partner known: everything is checked.
    pub fn none() -> Self {
        Checked {
            versions: HashSet::new(),
            held: std::marker::PhantomData,
        }
    }

    /// The partners of these workspaces, which the caller knows passed [`workspace`] as
    /// they are now: a file [`restore`](crate::model::formats::file::restore) returned,
    /// the workspace the app holds (checked when loaded, and each edit since).
    pub fn partners_of(valid: &[&'a Workspace]) -> Self {
        Checked {
            versions: valid
                .iter()
                .flat_map(|ws| ws.partners.iter().map(Shared::version))
                .collect(),
            held: std::marker::PhantomData,
        }
    }

    /// Whether `p` in a workspace of catalogue `markets` needs no check of its own.
    fn holds(&self, p: &Shared<Partner>, markets: &Catalogue) -> bool {
        self.versions.contains(&Shared::version(p))
            && p.market_refs().all(|id| markets.contains_key(id))
    }
}

/// [`workspace`], with the partners `checked` knows to pass [`partner`] not checked
/// again (see [`Checked`]). The same errors as [`workspace`] whenever `checked` holds
/// only partners that pass.
pub fn workspace_reusing(ws: &Workspace, checked: &Checked) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let mut top = Checker::new(&"", &"", &mut errors);
    top.required("program_name", &ws.program_name, MAX_NAME);
    top.count("markets", ws.markets.len(), MAX_MARKETS, "markets");
    top.count("partners", ws.partners.len(), MAX_PARTNERS, "partners");
    top.count("deleted", ws.deleted.len(), MAX_DELETED, "deleted records");

    // Every id so far, with the record that holds it, to name it in a duplicate.
    let mut holders: HashMap<&Id, Holder> = HashMap::new();
    let mut market_names: HashMap<String, &str> = HashMap::new();
    for (i, m) in ws.markets.iter().enumerate() {
        let (at, name) = (Item("markets", i), Holder::Market(m));
        let mut c = Checker::new(&at, &name, &mut errors);
        market(m, &mut c);
        if let Some(first) = holders.get(&m.id) {
            c.push("id", same_id(&m.id, first));
        } else {
            holders.insert(&m.id, name);
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
        let at = Item("deleted", i);
        let mut c = Checker::new(&at, &"a deleted record", &mut errors);
        c.id(&t.id);
        c.time("deleted", t.deleted);
        c.stamp("stamp", t.stamp);
    }

    crate::model::program::record::check(
        &ws.program,
        &mut Checker::new(&"", &"the program", &mut errors),
    );

    for (i, p) in ws.partners.iter().enumerate() {
        if !checked.holds(p, &market_ids) {
            let mut errs = partner(p, &market_ids);
            for e in &mut errs {
                e.path = format!("partners[{i}].{}", e.path);
            }
            errors.extend(errs);
        }
        unique_ids(i, p, &mut holders, &mut errors);
    }
    errors
}

/// A record that holds an id, named in the message when another holds it too.
#[derive(Clone, Copy)]
enum Holder<'a> {
    Market(&'a Market),
    Partner(&'a Partner),
    KeyPlayer(&'a KeyPlayer, &'a Partner),
}

impl fmt::Display for Holder<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Holder::Market(m) => write!(f, "market {}", Quoted(&m.name)),
            Holder::Partner(p) => write!(f, "partner {}", Quoted(&p.name)),
            Holder::KeyPlayer(k, p) => write!(
                f,
                "key player {} of partner {}",
                Quoted(&k.name),
                Quoted(&p.name)
            ),
        }
    }
}

/// The ids of partner `i` and its key players, each refused when a record met before
/// holds it; `holders` then holds them.
fn unique_ids<'a>(
    i: usize,
    p: &'a Partner,
    holders: &mut HashMap<&'a Id, Holder<'a>>,
    errors: &mut Vec<ValidationError>,
) {
    let (at, name) = (Item("partners", i), Holder::Partner(p));
    let mut c = Checker::new(&at, &name, errors);
    if let Some(first) = holders.get(&p.id) {
        c.push("id", same_id(&p.id, first));
    } else {
        holders.insert(&p.id, name);
    }
    for (k, kp) in p.key_players.iter().enumerate() {
        let holder = Holder::KeyPlayer(kp, p);
        if let Some(first) = holders.get(&kp.id) {
            let at = Item("key_players", k);
            c.nested(&at, &holder).push("id", same_id(&kp.id, first));
        } else {
            holders.insert(&kp.id, holder);
        }
    }
}

/// An owner that names a key player must name one the partner holds: removing a key
/// player hands what they owned to their name ([`Partner::release_owner`]).
fn owner_is_theirs(p: &Partner, owner: Option<&Owner>, field: impl fmt::Display, c: &mut Checker) {
    if let Some(id) = owner.and_then(Owner::player) {
        if !p.key_players.iter().any(|k| &k.id == id) {
            c.push(
                field,
                format!(
                    "names key player {id}, who is not one of {}'s key players",
                    p.name
                ),
            );
        }
    }
}

/// The words for an id that another record already holds, naming that record.
fn same_id(id: &Id, holder: &Holder) -> String {
    format!("has the same id as {holder} (both are {id}); ids must be unique")
}

fn market(m: &Market, c: &mut Checker) {
    c.id(&m.id);
    c.times(m.created, m.updated);
    c.stamp("stamp", m.stamp);
    c.required("name", &m.name, MAX_NAME);
}

/// Checks one partner on its own against the ids of the catalogue's markets. Paths are
/// relative to the partner (`name`, `key_players[1].influence`), which is what a form
/// needs to place each message beside its field.
///
/// The catalogue counts only by which markets it holds (its names only name them in
/// messages): [`Checked`] relies on a partner that passes staying valid in any
/// catalogue that holds every market it names.
pub fn partner(p: &Partner, markets: &Catalogue) -> Vec<ValidationError> {
    let mut errors = Vec::new();
    let of = named(|f| write!(f, "partner {}", Quoted(&p.name)));
    let mut c = Checker::new(&"", &of, &mut errors);
    c.id(&p.id);
    c.times(p.created, p.updated);
    c.stamp("stamp", p.stamp);
    c.stamp("base", p.base);
    for (key, s) in &p.stamps {
        c.stamp(format_args!("stamps.{key}"), Some(*s));
    }
    c.required("name", &p.name, MAX_NAME);
    if let Err(reason) = website(&p.website) {
        c.push("website", reason);
    }
    c.max_len("owner", &p.owner, MAX_NAME);
    c.max_len("notes", &p.notes, MAX_NOTES);
    c.count("tags", p.tags.len(), MAX_TAGS, "tags");
    c.count("markets", p.markets.len(), MAX_MARKETS, "markets");
    c.count(
        "key_players",
        p.key_players.len(),
        MAX_KEY_PLAYERS,
        "key players",
    );
    for (t, tag) in p.tags.iter().enumerate() {
        c.required(Item("tags", t), tag, MAX_TAG);
    }
    let mut seen = HashSet::new();
    for (m, id) in p.markets.iter().enumerate() {
        match markets.get(id) {
            None => c.push(Item("markets", m), unknown_market(id)),
            Some(name) if !seen.insert(id) => c.push(
                Item("markets", m),
                format!("lists market {} twice", quoted(name)),
            ),
            Some(_) => {}
        }
    }
    for (k, kp) in p.key_players.iter().enumerate() {
        let at = Item("key_players", k);
        let name = named(|f| write!(f, "key player {} of {of}", Quoted(&kp.name)));
        key_player(kp, &mut c.nested(&at, &name));
    }
    records(p, markets, &of, &mut c);
    errors
}

/// Checks the records a partner holds beyond its profile and key players.
fn records(p: &Partner, markets: &Catalogue, of: &dyn fmt::Display, c: &mut Checker) {
    crate::model::fit::record::check(&p.fit, c);
    for (field, len, what) in [
        ("pitches", p.pitches.len(), "pitches"),
        ("ladder_moves", p.ladder_moves.len(), "ladder moves"),
        ("meetings", p.meetings.len(), "meetings"),
        ("goals", p.goals.len(), "goals"),
        ("commitments", p.commitments.len(), "commitments"),
        ("landing", p.landing.len(), "landing tracks"),
        ("wins", p.wins.len(), "wins"),
        ("decisions", p.decisions.len(), "decisions"),
    ] {
        c.count(field, len, MAX_RECORDS, what);
    }
    c.count("metrics", p.metrics.len(), MAX_SERIES, "metric series");
    let mut ids = SeenIds {
        ids: HashSet::new(),
        of,
    };
    planning_records(p, of, &mut ids, c);
    goal_records(p, of, &mut ids, c);
    market_records(p, markets, of, &mut ids, c);
    outcome_records(p, of, &mut ids, c);
}

/// The ids met so far among one partner's records, which must all differ.
struct SeenIds<'a> {
    ids: HashSet<&'a Id>,
    /// The partner, for people: "partner “Loopline”".
    of: &'a dyn fmt::Display,
}

impl<'a> SeenIds<'a> {
    fn check(&mut self, c: &mut Checker, field: Item, id: &'a Id) {
        if !self.ids.insert(id) {
            let of = self.of;
            c.push(
                format_args!("{field}.id"),
                format!("has the same id as another record of {of} ({id}); ids must be unique"),
            );
        }
    }
}

/// The pitches, ladder moves and meetings of `p`.
fn planning_records<'a>(
    p: &'a Partner,
    of: &dyn fmt::Display,
    ids: &mut SeenIds<'a>,
    c: &mut Checker,
) {
    for (i, x) in p.pitches.iter().enumerate() {
        let at = Item("pitches", i);
        ids.check(c, at, &x.id);
        let name = named(|f| write!(f, "pitch {} of {of}", Quoted(&x.label)));
        crate::model::pitch::record::check(x, &mut c.nested(&at, &name));
    }
    for (i, x) in p.ladder_moves.iter().enumerate() {
        let at = Item("ladder_moves", i);
        ids.check(c, at, &x.id);
        let name = named(|f| write!(f, "ladder move of {of}"));
        let mut mc = c.nested(&at, &name);
        mc.count("warnings", x.warnings.len(), MAX_WARNINGS, "warnings");
        crate::model::fit::record::check_move(x, &mut mc);
    }
    for (i, x) in p.meetings.iter().enumerate() {
        let at = Item("meetings", i);
        ids.check(c, at, &x.id);
        let name = named(|f| write!(f, "meeting of {} with {of}", day(x.date)));
        let mut mc = c.nested(&at, &name);
        mc.count("ours", x.ours.len(), MAX_ATTENDEES, "people of ours");
        mc.count(
            "next_steps",
            x.next_steps.len(),
            MAX_ATTENDEES,
            "next steps",
        );
        crate::model::meetings::record::check(x, &mut mc);
        for (s, step) in x.next_steps.iter().enumerate() {
            owner_is_theirs(
                p,
                step.owner.as_ref(),
                format_args!("next_steps[{s}].owner"),
                &mut mc,
            );
        }
    }
}

/// The goals and commitments of `p`.
fn goal_records<'a>(p: &'a Partner, of: &dyn fmt::Display, ids: &mut SeenIds<'a>, c: &mut Checker) {
    for (i, x) in p.goals.iter().enumerate() {
        let at = Item("goals", i);
        ids.check(c, at, &x.id);
        let name = named(|f| write!(f, "goal {} of {of}", Quoted(&x.statement)));
        crate::model::goals::record::check_goal(x, &mut c.nested(&at, &name));
    }
    for (i, x) in p.commitments.iter().enumerate() {
        let at = Item("commitments", i);
        ids.check(c, at, &x.id);
        let name = named(|f| write!(f, "commitment {} of {of}", Quoted(&x.what)));
        let mut kc = c.nested(&at, &name);
        crate::model::goals::record::check_commitment(x, &mut kc);
        owner_is_theirs(p, x.owner.as_ref(), "owner", &mut kc);
        match (x.side, &x.owner) {
            (Side::Us, Some(o)) if !o.is_ours() => kc.push(
                "owner",
                "is on the partner's side, but the commitment is ours: choose a person of ours",
            ),
            (Side::Partner, Some(o)) if o.is_ours() => kc.push(
                "owner",
                "is on our side, but the commitment is the partner's: choose one of their people",
            ),
            _ => {}
        }
    }
}

/// The landing tracks and metric series of `p`, which name markets of the catalogue.
fn market_records<'a>(
    p: &'a Partner,
    markets: &Catalogue,
    of: &dyn fmt::Display,
    ids: &mut SeenIds<'a>,
    c: &mut Checker,
) {
    for (i, x) in p.landing.iter().enumerate() {
        let at = Item("landing", i);
        ids.check(c, at, &x.id);
        let name = named(|f| match &x.market {
            Some(m) => match markets.get(m) {
                Some(name) => write!(f, "landing track in {} of {of}", Quoted(name)),
                None => write!(f, "landing track of {of}"),
            },
            None => write!(f, "landing track of team {} of {of}", Quoted(&x.team)),
        });
        crate::model::landing::record::check(x, markets, &mut c.nested(&at, &name));
    }
    let mut series = HashSet::new();
    for (i, x) in p.metrics.iter().enumerate() {
        let at = Item("metrics", i);
        let market = markets.get(&x.market);
        let name = named(|f| match market {
            Some(m) => write!(f, "metric {} in {} of {of}", Quoted(&x.metric), Quoted(m)),
            None => write!(f, "metric {} of {of}", Quoted(&x.metric)),
        });
        let mut sc = c.nested(&at, &name);
        crate::model::metrics::record::check(x, markets, &mut sc);
        if !series.insert((&x.market, x.metric.trim().to_lowercase())) {
            sc.push(
                "",
                format!(
                    "repeats the series of {} in {}; keep one series per metric and market",
                    quoted(&x.metric),
                    market.map_or_else(|| "that market".into(), |m| quoted(m))
                ),
            );
        }
    }
}

/// The wins and decisions of `p`.
fn outcome_records<'a>(
    p: &'a Partner,
    of: &dyn fmt::Display,
    ids: &mut SeenIds<'a>,
    c: &mut Checker,
) {
    for (i, x) in p.wins.iter().enumerate() {
        let at = Item("wins", i);
        ids.check(c, at, &x.id);
        let name = named(|f| write!(f, "win {} of {of}", Quoted(&x.title)));
        crate::model::goals::record::check_win(x, &mut c.nested(&at, &name));
    }
    for (i, x) in p.decisions.iter().enumerate() {
        let at = Item("decisions", i);
        ids.check(c, at, &x.id);
        let name = named(|f| write!(f, "decision of {} about {of}", day(x.date)));
        crate::model::goals::record::check_decision(x, &mut c.nested(&at, &name));
    }
}

fn key_player(kp: &KeyPlayer, c: &mut Checker) {
    c.id(&kp.id);
    c.times(kp.created, kp.updated);
    c.required("name", &kp.name, MAX_NAME);
    c.max_len("title", &kp.title, MAX_NAME);
    c.max_len("addressed_as", &kp.addressed_as, MAX_NAME);
    c.max_len("notes", &kp.notes, MAX_NOTES);
    c.in_range("influence", kp.influence, INFLUENCE);
}

/// A website is empty or an absolute http(s) address with a host: anything else (a
/// `javascript:` link above all) is refused, because the app makes it clickable.
///
/// Two ways of making a link look like it goes somewhere else are refused too:
/// user-info before the host (`https://bank.example@evil.example` opens evil.example),
/// and invisible formatting characters ([`is_format`]: U+202E turns the rest of the
/// address around on screen, zero-width characters hide in it).
///
/// ```
/// use tandem::model::workspace::validate::website;
/// assert!(website("https://acme.example/about").is_ok());
/// assert!(website("https://bank.example@evil.example").is_err());
/// assert!(website("https://evil.example/\u{202e}elpmaxe.knab").is_err());
/// ```
pub fn website(url: &str) -> Result<(), WebsiteError> {
    if url.is_empty() {
        return Ok(());
    }
    if url.chars().count() > MAX_URL {
        return Err(WebsiteError::TooLong);
    }
    let parts = website_parts(url).ok_or(WebsiteError::Scheme)?;
    if let Some(c) = url.chars().find(|&c| is_format(c)) {
        return Err(WebsiteError::Invisible(c));
    }
    if let Some((user_info, host)) = parts.host.rsplit_once('@') {
        return Err(WebsiteError::UserInfo {
            user_info: user_info.to_owned(),
            host: host.to_owned(),
        });
    }
    if parts.host.is_empty() {
        return Err(WebsiteError::NoHost);
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(WebsiteError::Spaces);
    }
    Ok(())
}

/// Why a text is not a website Tandem links to; worded to follow the field's name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum WebsiteError {
    #[error("is longer than {MAX_URL} characters")]
    TooLong,
    #[error("must start with http:// or https://")]
    Scheme,
    /// An invisible formatting character ([`is_format`]).
    #[error(
        "contains an invisible formatting character (U+{:04X}), which can disguise where \
         the link goes: type the address again",
        u32::from(*.0)
    )]
    Invisible(char),
    /// User-info before the host: the link opens `host`.
    #[error(
        "has “{user_info}@” before the host, so it would open {host}: remove everything \
         up to the @"
    )]
    UserInfo { user_info: String, host: String },
    #[error("has no host name after http(s)://")]
    NoHost,
    #[error("cannot contain spaces")]
    Spaces,
}

/// An http(s) address cut into what the page shows apart: `https://`, the host
/// (`acme.example`, with any user-info and port) and the rest (`/about?x#y`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WebsiteParts<'a> {
    pub scheme: &'a str,
    pub host: &'a str,
    pub rest: &'a str,
}

/// `url` cut into [`WebsiteParts`], or `None` when it is not an http(s) address. The
/// host ends where a browser ends it: at the first `/`, `\`, `?` or `#`. It says
/// nothing of whether [`website`] accepts the address.
pub fn website_parts(url: &str) -> Option<WebsiteParts<'_>> {
    let scheme_len = ["https://", "http://"]
        .into_iter()
        .find(|s| {
            url.get(..s.len())
                .is_some_and(|p| p.eq_ignore_ascii_case(s))
        })?
        .len();
    let (scheme, after) = url.split_at(scheme_len);
    let host_len = after.find(['/', '\\', '?', '#']).unwrap_or(after.len());
    let (host, rest) = after.split_at(host_len);
    Some(WebsiteParts { scheme, host, rest })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{
        workspace::records::KeyPlayer, workspace::records::Market, workspace::records::Partner,
    };
    use chrono::{TimeZone, Utc};

    #[test]
    fn a_name_is_quoted_whole_up_to_forty_characters_and_cut_after() {
        assert_eq!(quoted("Wavelet"), "\"Wavelet\"");
        assert_eq!(quoted(""), "\"\"");
        let forty = "é".repeat(40);
        assert_eq!(quoted(&forty), format!("\"{forty}\""));
        let long = format!("{forty}ü and more");
        assert_eq!(quoted(&long), format!("\"{forty}…\""));
        // Characters, not bytes: forty emoji stay whole.
        let emoji = "🤝".repeat(41);
        assert_eq!(quoted(&emoji), format!("\"{}…\"", "🤝".repeat(40)));
    }

    #[test]
    fn a_lazy_quoted_name_writes_as_the_quoted_one() {
        let forty = "é".repeat(40);
        for name in [
            "Wavelet".to_owned(),
            String::new(),
            forty.clone(),
            format!("{forty}ü and more"),
            "🤝".repeat(41),
        ] {
            assert_eq!(Quoted(&name).to_string(), quoted(&name));
        }
    }

    /// A partner known valid ([`Checked`]) is not checked again only while it is the
    /// same version and its catalogue holds its markets: a copy written since, or the
    /// same version in a catalogue without one of its markets, is refused as before.
    #[test]
    fn a_known_partner_is_checked_again_once_written_or_out_of_its_markets() {
        let valid = sample();
        assert_eq!(workspace(&valid), vec![]);
        let known = Checked::partners_of(&[&valid]);
        assert_eq!(workspace_reusing(&valid, &known), vec![]);

        let mut written = valid.clone();
        written.partners[0].key_players[1].influence = 9;
        let errors = workspace_reusing(&written, &known);
        assert_eq!(errors, workspace(&written));
        assert_eq!(errors[0].path, "partners[0].key_players[1].influence");

        // The same version, in a catalogue without its market.
        let mut elsewhere = valid.clone();
        elsewhere.markets.clear();
        assert!(Shared::same(&elsewhere.partners[0], &valid.partners[0]));
        let errors = workspace_reusing(&elsewhere, &known);
        assert_eq!(errors, workspace(&elsewhere));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].path, "partners[0].markets[0]");

        // Ids across partners are checked whatever is known: a second holder of the
        // same version repeats its ids.
        let mut twice = valid.clone();
        twice.partners.push(valid.partners[0].clone());
        let errors = workspace_reusing(&twice, &known);
        assert_eq!(errors, workspace(&twice));
        assert!(
            errors.iter().any(|e| e.path == "partners[1].id"),
            "{errors:?}"
        );
    }

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
        ws.partners.push(p.into());
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
    fn websites_that_would_show_one_site_and_open_another_are_refused() {
        assert_eq!(
            website("https://bank.example@evil.example/login").map_err(|e| e.to_string()),
            Err(
                "has “bank.example@” before the host, so it would open evil.example: \
                 remove everything up to the @"
                    .to_owned()
            )
        );
        assert!(website("https://user:pass@acme.example").is_err());
        assert!(website("HTTPS://a@b@evil.example").is_err());
        // A browser ends the host at a backslash, so the @ after one is in the path.
        assert!(website("https://acme.example\\@x").is_ok());
        // An @ in the path or query is an ordinary character.
        assert!(website("https://medium.example/@acme?by=a@b").is_ok());
        for c in [
            '\u{202E}',
            '\u{202D}',
            '\u{2066}',
            '\u{200B}',
            '\u{200D}',
            '\u{FEFF}',
            '\u{AD}',
            '\u{E0041}',
        ] {
            let url = format!("https://acme.example/{c}txt.exe");
            let reason = website(&url).unwrap_err().to_string();
            assert!(
                reason.starts_with(&format!(
                    "contains an invisible formatting character (U+{:04X})",
                    u32::from(c)
                )),
                "{reason}"
            );
        }
        assert!(website("https://bücher.example/straße").is_ok());
    }

    #[test]
    fn format_characters_are_the_unicode_cf_category() {
        let cf: Vec<u32> = (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_format(c))
            .map(u32::from)
            .collect();
        // Unicode 16 has 170 format characters.
        assert_eq!(cf.len(), 170);
        for ok in ['a', ' ', '\u{200A}', '\u{2065}', '\u{FFFC}', 'é', '😀'] {
            assert!(!is_format(ok), "{ok:?}");
        }
    }

    #[test]
    fn websites_split_into_scheme_host_and_rest() {
        let parts = website_parts("HTTPS://Acme.example:8443/a/b?c#d").unwrap();
        assert_eq!(
            (parts.scheme, parts.host, parts.rest),
            ("HTTPS://", "Acme.example:8443", "/a/b?c#d")
        );
        let parts = website_parts("http://acme.example").unwrap();
        assert_eq!((parts.host, parts.rest), ("acme.example", ""));
        assert_eq!(website_parts("ftp://acme.example"), None);
        assert_eq!(website_parts("https:/x"), None);
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
