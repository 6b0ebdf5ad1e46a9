//! What pages use of the sync in the browser: keeping drafts and photos in the outbox, reading them back,
//! and asking for a sync. The outbox's storage and the sender's loop stay behind this.

pub use super::outbox::{
    add_photo, discard, draft, forget_known_up_to, items, keep_mine, known, record_draft, remove_photo, update_photo,
    Item, PendingPhoto,
};
pub use super::sender::{refresh, sync_now, sync_soon};
