-- Web Push subscriptions: one per browser (endpoint), owned by the account that last subscribed on it, with
-- the kinds of notification the person chose.
CREATE TABLE push_subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    endpoint TEXT NOT NULL UNIQUE,
    p256dh TEXT NOT NULL,
    auth TEXT NOT NULL,
    kinds TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
