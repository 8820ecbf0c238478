//! The meeting log and the reading of the room.

use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn MeetingsSection(id: Id) -> impl IntoView {
    let _ = id;
    view! { <p>"The meeting log and the reading of the room."</p> }
}
