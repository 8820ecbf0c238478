//! Work done while the browser is idle, a small step at a time, that stops before the
//! idle period's deadline so no step holds up a frame or a key press.

use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Milliseconds of the idle period left unused: one step must fit in them.
const MARGIN_MS: f64 = 2.0;

/// Calls `step` in idle periods until it returns false (nothing left). Steps run one after
/// another while the period has more than [`MARGIN_MS`] left, then wait for the next one.
/// Where the browser has no idle callbacks, one step runs per task.
pub fn in_idle_time(step: impl FnMut() -> bool + 'static) {
    schedule(Rc::new(RefCell::new(step)));
}

type Step = Rc<RefCell<dyn FnMut() -> bool>>;

fn schedule(step: Step) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let again = step.clone();
    let idle = Closure::once_into_js(move |deadline: web_sys::IdleDeadline| {
        let more = loop {
            if !(step.borrow_mut())() {
                break false;
            }
            if deadline.time_remaining() < MARGIN_MS {
                break true;
            }
        };
        if more {
            schedule(step);
        }
    });
    if window.request_idle_callback(idle.unchecked_ref()).is_err() {
        let task = Closure::once_into_js(move || {
            if (again.borrow_mut())() {
                schedule(again);
            }
        });
        let _ = window.set_timeout_with_callback(task.unchecked_ref());
    }
}
