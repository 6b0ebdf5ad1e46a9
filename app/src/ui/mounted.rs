//! Whether this component has mounted in the browser.

use leptos::prelude::*;

/// False during the server render and hydration, true once the component has mounted in the browser.
/// Browser-only state (the outbox, whether push can be subscribed) renders behind it, so the first render
/// matches the server's HTML and hydration never meets a node it did not expect.
pub fn use_mounted() -> ReadSignal<bool> {
    let (mounted, set_mounted) = signal(false);
    Effect::new(move |_| set_mounted.set(true));
    mounted
}
