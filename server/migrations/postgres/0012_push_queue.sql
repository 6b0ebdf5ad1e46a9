-- Web Push sending: the language a device gets its notifications in, the delivery queue the worker drains
-- (one row per notification and device; removed when the push service accepted it or gave up on it), and
-- the window reminders already sent (so each is sent once per person).
ALTER TABLE push_subscriptions ADD COLUMN lang TEXT NOT NULL DEFAULT 'zh';

CREATE TABLE push_queue (
    id BIGSERIAL PRIMARY KEY,
    subscription_id BIGINT NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
    -- JSON the service worker shows: title, body, url.
    payload TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    -- Unix seconds; a worker claims a row by moving this forward (a lease), so two workers never send it twice.
    next_attempt_at BIGINT NOT NULL,
    last_error TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);
CREATE INDEX push_queue_due ON push_queue (next_attempt_at);

CREATE TABLE reminders_sent (
    year BIGINT NOT NULL,
    stage TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (year, stage, account_id)
);
