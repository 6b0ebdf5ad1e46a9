//! Where a declaration's pending edit stands on this phone: the form shows it, the browser side sets it.

/// Where this declaration's pending edit stands, as the page shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
// Set only in the browser (form_client.rs); the server renders `Clean`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
pub enum LocalState {
    /// Nothing waiting (or not known yet).
    Clean,
    /// An edit is kept on this phone and not yet confirmed by the server.
    Waiting,
    /// The server confirmed the latest edit.
    Saved,
}
