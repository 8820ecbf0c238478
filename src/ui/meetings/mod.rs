//! The Meetings tab of a partner: the cooling signals first, then each key player's
//! reception over time and the influence × stance map, then the meeting log with the
//! form that records a meeting. Every figure comes from `model::meetings`.

mod form;
mod log;
mod room;

use crate::model::Id;
use leptos::prelude::*;

#[component]
pub fn MeetingsSection(id: Id) -> impl IntoView {
    view! {
        <div class="meetings">
            <room::CoolingPanel partner_id=id.clone()/>
            <div class="meetings__charts">
                <room::ReceptionPanel partner_id=id.clone()/>
                <room::StanceMap partner_id=id.clone()/>
            </div>
            <log::MeetingLog partner_id=id/>
        </div>
    }
}
