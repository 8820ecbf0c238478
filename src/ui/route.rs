//! Routes live in the URL's hash (`#/partners/ID`), so the built app works from any
//! static host and sub-path, and a reload on any screen needs no server rewrite rule.

use crate::model::Id;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Partners,
    Partner(Id),
    /// A part of a partner's page with a screen of its own: `#/partners/ID/pitch`.
    Section(Id, Section),
    /// A partner's brief, to copy as Markdown or print: `#/partners/ID/brief`.
    Brief(Id),
    /// A partner link whose id is malformed: shown as "not found", never trusted.
    BadPartner,
    Pipeline,
    Dashboard,
    Planner,
    Data,
    /// `#/debug/panic` offers a button that panics on purpose, to show (and test) the
    /// crash banner; the link alone does not crash.
    Panic,
    NotFound,
}

impl Route {
    /// Reads a location hash such as `#/partners/abc`.
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_matches('/');
        let mut parts = path.splitn(2, '/');
        match (parts.next().unwrap_or(""), parts.next()) {
            ("" | "partners", None) => Route::Partners,
            ("partners", Some(rest)) => {
                let (id, page) = rest
                    .split_once('/')
                    .map_or((rest, None), |(i, p)| (i, Some(p)));
                match (Id::parse(id), page) {
                    (Err(_), _) => Route::BadPartner,
                    (Ok(id), None) => Route::Partner(id),
                    (Ok(id), Some("brief")) => Route::Brief(id),
                    (Ok(id), Some(page)) => {
                        Section::from_key(page).map_or(Route::NotFound, |s| Route::Section(id, s))
                    }
                }
            }
            ("pipeline", None) => Route::Pipeline,
            ("dashboard", None) => Route::Dashboard,
            ("planner", None) => Route::Planner,
            ("data", None) => Route::Data,
            ("debug", Some("panic")) => Route::Panic,
            _ => Route::NotFound,
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Partners | Route::BadPartner | Route::NotFound => "#/partners".into(),
            Route::Panic => "#/debug/panic".into(),
            Route::Partner(id) => format!("#/partners/{id}"),
            Route::Section(id, s) => format!("#/partners/{id}/{}", s.key()),
            Route::Brief(id) => format!("#/partners/{id}/brief"),
            Route::Pipeline => "#/pipeline".into(),
            Route::Dashboard => "#/dashboard".into(),
            Route::Planner => "#/planner".into(),
            Route::Data => "#/data".into(),
        }
    }
}

/// The parts of a partner's page that have a screen of their own, in tab order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Pitch,
    Fit,
    Meetings,
    Goals,
    Landing,
    Metrics,
    Health,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Pitch,
        Section::Fit,
        Section::Meetings,
        Section::Goals,
        Section::Landing,
        Section::Metrics,
        Section::Health,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Section::Pitch => "pitch",
            Section::Fit => "fit",
            Section::Meetings => "meetings",
            Section::Goals => "goals",
            Section::Landing => "landing",
            Section::Metrics => "metrics",
            Section::Health => "health",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Section::Pitch => "Pitch",
            Section::Fit => "Fit & ladder",
            Section::Meetings => "Meetings",
            Section::Goals => "Goals & commitments",
            Section::Landing => "Landing & wins",
            Section::Metrics => "Metrics",
            Section::Health => "Health",
        }
    }

    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The current route, kept in step with the address bar.
pub fn current() -> Route {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    Route::parse(&hash)
}

pub fn go(route: &Route) {
    if let Some(w) = web_sys::window() {
        let _ = w.location().set_hash(&route.href());
    }
}
