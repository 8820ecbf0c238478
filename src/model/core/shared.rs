//! A record shared between versions of the workspace: copying a workspace copies a
//! pointer per partner, not the partner, so an edit and its undo step cost the records
//! they touch.
//!
//! Reading goes through `Deref`; writing through `DerefMut`, which copies the record
//! first only when another version still holds it (`Arc::make_mut`). So edit functions
//! keep writing `ws.partners[i].stage = …` and the copy happens where the write is,
//! once. `Arc` rather than `Rc` because the UI's signals ask for `Send + Sync` values;
//! in the browser's one thread the atomic count costs what a plain one does.
//!
//! Two versions of the workspace tell their unchanged records apart from changed ones by
//! pointer: [`Shared::same`] is true exactly when no edit wrote to the record in between
//! (the undo step, the store's save and the figures' caches rely on it). Equality (`==`)
//! checks the pointer first and compares the records only when the pointers differ.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::ops::{Deref, DerefMut};
use std::sync::Arc;

/// A record held by any number of workspace versions; written copy-on-write.
#[derive(Default)]
pub struct Shared<T>(Arc<T>);

impl<T> Shared<T> {
    pub fn new(value: T) -> Self {
        Shared(Arc::new(value))
    }

    /// The same version of the record: no write since one was copied from the other.
    pub fn same(a: &Self, b: &Self) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    /// An address naming this version of the record while it is alive: the key of the
    /// figures' caches. Two live versions never share one.
    pub fn version(this: &Self) -> usize {
        Arc::as_ptr(&this.0) as usize
    }
}

impl<T: Clone> Shared<T> {
    /// The record itself, copied only when another version still holds it.
    pub fn into_inner(this: Self) -> T {
        Arc::unwrap_or_clone(this.0)
    }
}

impl<T> Clone for Shared<T> {
    /// Another holder of the same version: a pointer copy.
    fn clone(&self) -> Self {
        Shared(Arc::clone(&self.0))
    }
}

impl<T> Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: Clone> DerefMut for Shared<T> {
    /// Copies the record first when another version holds it, so the write is seen by
    /// this version only.
    fn deref_mut(&mut self) -> &mut T {
        Arc::make_mut(&mut self.0)
    }
}

/// Lets a function over records take shared ones or plain ones alike.
impl<T> std::borrow::Borrow<T> for Shared<T> {
    fn borrow(&self) -> &T {
        &self.0
    }
}

impl<T> From<T> for Shared<T> {
    fn from(value: T) -> Self {
        Shared::new(value)
    }
}

impl<T: PartialEq> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Shared::same(self, other) || *self.0 == *other.0
    }
}

impl<T: Eq> Eq for Shared<T> {}

impl<T: fmt::Debug> fmt::Debug for Shared<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// Written and read exactly as the record itself: files do not see the sharing.
impl<T: Serialize> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Shared<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        T::deserialize(d).map(Shared::new)
    }
}

#[cfg(test)]
impl<T: schemars::JsonSchema> schemars::JsonSchema for Shared<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_copies_only_a_shared_record_and_only_once() {
        let a = Shared::new(vec![1, 2, 3]);
        let mut b = a.clone();
        assert!(Shared::same(&a, &b));
        b.push(4);
        assert!(!Shared::same(&a, &b));
        assert_eq!((a.len(), b.len()), (3, 4));
        let before = Shared::version(&b);
        b.push(5);
        assert_eq!(
            Shared::version(&b),
            before,
            "no second copy: b held it alone"
        );
    }

    #[test]
    fn equality_and_serde_see_the_record_not_the_pointer() {
        let a = Shared::new(String::from("x"));
        let b = Shared::new(String::from("x"));
        assert!(!Shared::same(&a, &b));
        assert_eq!(a, b);
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"x\"");
        let c: Shared<String> = serde_json::from_str("\"x\"").unwrap();
        assert_eq!(c, a);
    }
}
