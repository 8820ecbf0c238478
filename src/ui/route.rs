//! Routes live in the URL's hash (`#/partners/ID`), so the built app works from any
//! static host and sub-path, and a reload on any screen needs no server rewrite rule.

use crate::model::Id;

#[derive(Clone, Debug, PartialEq)]
pub enum Route {
    Partners,
    Partner(Id),
    /// A partner's brief, to copy as Markdown or print: `#/partners/ID/brief`.
    Brief(Id),
    /// A partner link whose id is malformed: shown as "not found", never trusted.
    BadPartner,
    Pipeline,
    Data,
    /// `#/debug/panic` panics on purpose, to show (and test) the crash banner.
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
                    (Ok(_), Some(_)) => Route::NotFound,
                }
            }
            ("pipeline", None) => Route::Pipeline,
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
            Route::Brief(id) => format!("#/partners/{id}/brief"),
            Route::Pipeline => "#/pipeline".into(),
            Route::Data => "#/data".into(),
        }
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
