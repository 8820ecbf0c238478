//! The one draft mechanism every form uses: what is typed and not saved is kept in
//! storage (per form and record, see `model::workspace::draft`) on every change, and
//! offered back when the form opens again — after a tab switch, a navigation or a
//! reload — as "You have an unsaved draft from 10:42: Restore / Discard".
//!
//! A form lists its fields once ([`FormFields`]) and calls [`use_draft`]; it places
//! [`DraftOffer`] above itself, makes itself `inert` while the offer waits (so new
//! typing never races the stored draft), and calls [`Draft::clear`] when it saves or
//! is cancelled. [`DraftForm`] is such a form's element with its offer. Leaving a form with unsaved input says that the draft was kept; closing
//! the page while any form is dirty asks first (`beforeunload`, see [`any_dirty`]).

use crate::model::workspace::draft::{DraftKey, Fields};
use crate::model::Choice;
use crate::storage::{drafts, error::DraftError};
use crate::ui::state::use_store;
use chrono::{DateTime, Utc};
use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

type Getter = Arc<dyn Fn() -> Option<String> + Send + Sync>;
type Setter = Arc<dyn Fn(&str) + Send + Sync>;
type Snapshot = Arc<dyn Fn() -> Fields + Send + Sync>;
type Apply = Arc<dyn Fn(&Fields) + Send + Sync>;

enum Part {
    /// One named field; `None` leaves it out of the draft.
    One(String, Getter, Setter),
    /// A group whose names the form makes up as it goes (rows, grid cells).
    Many(Snapshot, Apply),
}

/// The fields of one form, each with the name it has in the draft.
#[derive(Default)]
pub struct FormFields(Vec<Part>);

impl FormFields {
    pub fn new() -> Self {
        Self::default()
    }

    /// A field read and written as text.
    pub fn field(
        mut self,
        name: impl Into<String>,
        get: impl Fn() -> Option<String> + Send + Sync + 'static,
        set: impl Fn(&str) + Send + Sync + 'static,
    ) -> Self {
        self.0
            .push(Part::One(name.into(), Arc::new(get), Arc::new(set)));
        self
    }

    pub fn text(self, name: impl Into<String>, value: RwSignal<String>) -> Self {
        self.field(
            name,
            move || Some(value.get()),
            move |v| value.set(v.to_owned()),
        )
    }

    /// Text that is a draft only while `Some` (the pitch's per-ingredient drafts).
    pub fn maybe_text(self, name: impl Into<String>, value: RwSignal<Option<String>>) -> Self {
        self.field(
            name,
            move || value.get(),
            move |v| value.set(Some(v.to_owned())),
        )
    }

    pub fn choice<T: Choice>(self, name: impl Into<String>, value: RwSignal<T>) -> Self {
        self.field(
            name,
            move || Some(value.get().key().to_owned()),
            move |v| {
                if let Some(c) = T::from_key(v) {
                    value.set(c);
                }
            },
        )
    }

    /// A choice that may be left unmade: an empty value stands for not set.
    pub fn maybe_choice<T: Choice>(
        self,
        name: impl Into<String>,
        value: RwSignal<Option<T>>,
    ) -> Self {
        self.field(
            name,
            move || Some(value.get().map_or("", |c| c.key()).to_owned()),
            move |v| value.set(T::from_key(v)),
        )
    }

    pub fn flag(self, name: impl Into<String>, value: RwSignal<bool>) -> Self {
        self.field(
            name,
            move || Some(value.get().to_string()),
            move |v| value.set(v == "true"),
        )
    }

    /// A group of fields the form names itself (rows added as it goes, grid cells).
    pub fn many(
        mut self,
        snapshot: impl Fn() -> Fields + Send + Sync + 'static,
        apply: impl Fn(&Fields) + Send + Sync + 'static,
    ) -> Self {
        self.0.push(Part::Many(Arc::new(snapshot), Arc::new(apply)));
        self
    }

    fn snapshot(&self) -> Fields {
        let mut out = BTreeMap::new();
        for part in &self.0 {
            match part {
                Part::One(name, get, _) => {
                    if let Some(v) = get() {
                        out.insert(name.clone(), v);
                    }
                }
                Part::Many(snapshot, _) => out.extend(snapshot()),
            }
        }
        out
    }

    fn apply(&self, fields: &Fields) {
        for part in &self.0 {
            match part {
                Part::One(name, _, set) => {
                    if let Some(v) = fields.get(name) {
                        set(v);
                    }
                }
                Part::Many(_, apply) => apply(fields),
            }
        }
    }
}

/// A form's draft: whether it differs from what was saved, the offer waiting for an
/// answer, and what to do on save.
#[derive(Clone, Copy)]
pub struct Draft {
    key: StoredValue<DraftKey>,
    fields: StoredValue<FormFields>,
    current: Memo<Fields>,
    baseline: RwSignal<Fields>,
    offer: RwSignal<Option<(DateTime<Utc>, Fields)>>,
    problem: RwSignal<Option<DraftError>>,
    after_restore: StoredValue<Option<Callback<()>>>,
    /// Whether the form was dirty when last looked at, for the word said on leaving.
    unsaved: StoredValue<Arc<AtomicBool>>,
}

thread_local! {
    /// Which mounted forms hold unsaved input, for the `beforeunload` prompt.
    static DIRTY: RefCell<BTreeMap<u64, bool>> = const { RefCell::new(BTreeMap::new()) };
}

/// Whether any form on the page holds input that is not saved.
pub fn any_dirty() -> bool {
    DIRTY.with(|d| d.borrow().values().any(|v| *v))
}

/// Whether a draft of `key` waits in storage: a form that opens on demand (add, edit)
/// starts open when it has one, so the offer is seen.
pub fn has_draft(key: &DraftKey) -> bool {
    drafts::exists(key)
}

/// Keeps `fields` as the draft of `key` from now on. What the fields hold now is what
/// counts as saved; a stored draft that differs from it is offered back.
pub fn use_draft(key: DraftKey, fields: FormFields) -> Draft {
    let store = use_store();
    let current = {
        let snap = StoredValue::new(fields);
        let memo = Memo::new(move |_| snap.with_value(FormFields::snapshot));
        (snap, memo)
    };
    let (fields, current) = current;
    let baseline = RwSignal::new(current.get_untracked());
    let offer = RwSignal::new(None);
    match drafts::read(&key) {
        Some(d) if baseline.with_untracked(|b| *b != d.fields) => offer.set(Some((d.at, d.fields))),
        Some(_) => drafts::remove(&key),
        None => {}
    }
    let draft = Draft {
        key: StoredValue::new(key),
        fields,
        current,
        baseline,
        offer,
        problem: RwSignal::new(None),
        after_restore: StoredValue::new(None),
        unsaved: StoredValue::new(Arc::new(AtomicBool::new(false))),
    };
    static SERIAL: AtomicU64 = AtomicU64::new(0);
    let serial = SERIAL.fetch_add(1, Ordering::Relaxed);
    let unsaved = draft.unsaved.get_value();
    let seen = unsaved.clone();
    Effect::new(move |_| {
        let dirty = draft.dirty();
        seen.store(dirty, Ordering::Relaxed);
        DIRTY.with(|d| d.borrow_mut().insert(serial, dirty));
        // While the offer waits, the stored draft is the person's: keep it as it is.
        if offer.with(Option::is_some) {
            return;
        }
        let key = draft.key.get_value();
        if dirty {
            let result = current.with(|f| drafts::write(&key, f));
            draft.problem.set(result.err());
        } else {
            drafts::remove(&key);
            draft.problem.set(None);
        }
    });
    let label = draft.key.with_value(|k| k.form.label());
    on_cleanup(move || {
        DIRTY.with(|d| d.borrow_mut().remove(&serial));
        if unsaved.load(Ordering::Relaxed) {
            store.say(format!(
                "Your unsaved edits to {label} were kept as a draft: they are offered when you open it again."
            ));
        }
    });
    draft
}

impl Draft {
    /// Whether the form holds input that is not saved.
    pub fn dirty(&self) -> bool {
        self.current.with(|c| self.baseline.with(|b| c != b))
    }

    /// Whether an offer waits for an answer; the form is inert meanwhile.
    pub fn pending(&self) -> Signal<bool> {
        let offer = self.offer;
        Signal::derive(move || offer.with(Option::is_some))
    }

    /// What the fields hold now counts as saved (after a save, or when the form follows
    /// a change made elsewhere); any stored draft is removed.
    pub fn clear(&self) {
        // Said at once: the form may close before the effect sees the new baseline.
        // Every access may find the form already gone (a save that closes it).
        if let Some(u) = self.unsaved.try_get_value() {
            u.store(false, Ordering::Relaxed);
        }
        if let Some(now) = self.current.try_get_untracked() {
            self.baseline.try_set(now);
        }
        self.offer.try_set(None);
        if let Some(key) = self.key.try_get_value() {
            drafts::remove(&key);
        }
    }

    /// What the fields hold now counts as saved: the form followed a change made
    /// elsewhere. An offer still waiting keeps waiting.
    pub fn rebase(&self) {
        self.baseline.set(self.current.get_untracked());
    }

    /// Called after a restore: forms that save as they go save what came back.
    pub fn on_restore(self, f: Callback<()>) -> Self {
        self.after_restore.set_value(Some(f));
        self
    }

    fn restore(&self) {
        if let Some((_, fields)) = self.offer.get_untracked() {
            self.fields.with_value(|f| f.apply(&fields));
        }
        self.offer.set(None);
        if let Some(f) = self.after_restore.get_value() {
            f.run(());
        }
    }

    fn discard(&self) {
        self.offer.set(None);
        drafts::remove(&self.key.get_value());
    }
}

/// "10:42" for a time today, "5 December 2026, 10:42" before, in the browser's zone.
fn when(at: DateTime<Utc>) -> String {
    let local = at.with_timezone(&chrono::Local);
    let today = chrono::Local::now().date_naive();
    let time = crate::model::core::format::clock(local.time());
    if local.date_naive() == today {
        time
    } else {
        format!(
            "{}, {time}",
            crate::model::core::format::day(local.date_naive())
        )
    }
}

/// The offer of a stored draft, and why input cannot be kept when it cannot.
#[component]
pub fn DraftOffer(draft: Draft) -> impl IntoView {
    let label = draft.key.with_value(|k| k.form.label());
    let text = move || {
        draft.offer.with(|o| {
            o.as_ref()
                .map(|(at, _)| format!("You have an unsaved draft of {label} from {}.", when(*at)))
        })
    };
    view! {
        <Show when=move || draft.offer.with(Option::is_some)>
            <div class="notice draft-offer" role="group" aria-label="Unsaved draft">
                <p class="draft-offer__text">{text}</p>
                <div class="draft-offer__actions">
                    <button type="button" class="button button--primary button--small"
                        on:click=move |_| draft.restore()>"Restore"</button>
                    <button type="button" class="button button--quiet button--small"
                        on:click=move |_| draft.discard()>"Discard"</button>
                </div>
            </div>
        </Show>
        {move || draft.problem.get().map(|p| view! { <p class="field__error draft-problem" role="alert">{p.to_string()}</p> })}
    }
}

/// A form with its draft's offer above it, inert while the offer waits; submitting it
/// runs `on_submit` instead of reloading the page. The model checks the values, so the
/// browser's own checks are off (`novalidate`).
#[component]
pub fn DraftForm(
    draft: Draft,
    class: &'static str,
    #[prop(into)] label: Signal<String>,
    on_submit: Callback<()>,
    children: Children,
) -> impl IntoView {
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <DraftOffer draft/>
        <form class=class on:submit=submit novalidate aria-label=label inert=draft.pending()>
            {children()}
        </form>
    }
}
