//! Turns at changing the outbox: one change at a time, in the order asked.

use std::cell::RefCell;

use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

/// A turn at changing the outbox; the next waiting change starts when it is dropped.
pub(super) struct Turn(Option<js_sys::Function>);

impl Drop for Turn {
    fn drop(&mut self) {
        if let Some(release) = self.0.take() {
            let _ = release.call0(&JsValue::NULL);
        }
    }
}

thread_local! {
    static LAST_TURN: RefCell<js_sys::Promise> = RefCell::new(js_sys::Promise::resolve(&JsValue::UNDEFINED));
}

/// Every change to the outbox reads, changes and writes a record across several IndexedDB awaits, and the
/// form's typing and the sender's pass interleave at each of them. Without turns, an edit typed between the
/// sender's read and its write was sent under an id the server had already applied (and answered as saved)
/// or deleted by a confirmation of older content. Changes wait for each other, in order.
pub(super) async fn turn() -> Turn {
    let mut release = None;
    let mine = js_sys::Promise::new(&mut |resolve, _| release = Some(resolve));
    let before = LAST_TURN.with(|last| last.replace(mine));
    // Made before waiting: a change dropped while it waits still passes the turn on.
    let turn = Turn(release);
    let _ = JsFuture::from(before).await;
    turn
}
