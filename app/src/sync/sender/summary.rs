//! What the badge shows: how many items wait, which are refused or failing and why.

use leptos::prelude::*;

use crate::error::AppError;
use crate::i18n::Text;
use crate::sync::outbox::{self, Item};
use crate::sync::SyncState;

/// Re-reads the outbox into the badge: how many wait, which are refused or failing and why.
pub async fn refresh(state: SyncState) {
    // A page that wrote to the outbox also makes sure the sync runs (the shell may not have started it: a
    // page opened offline cannot tell who is logged in).
    super::start(state);
    let Ok(items) = outbox::items().await else { return };
    crate::sync::pending_marker::set(items.len());
    let me = state.account.get_untracked();
    let mut failing = Vec::new();
    let mut others: Vec<(crate::sync::Owner, usize)> = Vec::new();
    let mut mine = 0;
    for item in &items {
        if let (Some(owner), Some(me)) = (item.owner(), &me) {
            if owner.id != me.id {
                match others.iter_mut().find(|(o, _)| o.id == owner.id) {
                    Some((_, n)) => *n += 1,
                    None => others.push((owner.clone(), 1)),
                }
                continue;
            }
        }
        mine += 1;
        match item {
            Item::Draft(d) => match &d.refused {
                Some(AppError::Stale { .. }) => failing.push((
                    d.title.clone(),
                    Text::new(
                        "与服务器上的版本冲突，请打开处理",
                        "Conflicts with the server's version; open it to resolve",
                    ),
                )),
                Some(e) => failing.push((d.title.clone(), e.message())),
                None => {}
            },
            Item::Photo(p, _) => match &p.refused {
                Some(e) => failing.push((format!("{} · {}", p.title, p.file_name), e.message())),
                None if p.attempts > 0 => failing.push((
                    format!("{} · {}", p.title, p.file_name),
                    Text::new(
                        &format!("上传失败 {} 次，将自动重试", p.attempts),
                        &format!("Upload failed {} time(s); it will be retried", p.attempts),
                    ),
                )),
                None => {}
            },
        }
    }
    state.pending.set(mine);
    state.others.set(others);
    state.failing.set(failing);
    state.changed.update(|n| *n += 1);
}
