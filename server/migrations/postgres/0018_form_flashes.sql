-- A refused plain form post (scripts off): the error and what was typed, shown when the browser is back on
-- the form's page. Bound to the browser that posted (the digest of its sb_form cookie) and kept 30 minutes,
-- so nothing typed travels in a URL and no link can fill a form or show a made-up error.
CREATE TABLE form_flashes (
    id TEXT PRIMARY KEY,
    browser_hash TEXT NOT NULL,
    error TEXT NOT NULL,
    form_values TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX form_flashes_created ON form_flashes (created_at);
