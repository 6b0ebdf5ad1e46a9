-- Declarations (申报书), their timeline, the in-app inbox and the secretariat's settings.
CREATE TABLE declarations (
    id BIGSERIAL PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    college_id BIGINT NOT NULL REFERENCES colleges(id),
    year BIGINT NOT NULL,
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    level TEXT NOT NULL,
    lead_id BIGINT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    -- Every saved change increments the version; a save that carries an older one is refused.
    version BIGINT NOT NULL,
    -- The form's sections as JSON (DeclarationContent); planned_count and majors are also columns for lists.
    content TEXT NOT NULL,
    planned_count BIGINT NOT NULL DEFAULT 0,
    majors TEXT NOT NULL DEFAULT '',
    lead_confirmed BIGINT NOT NULL DEFAULT 0,
    leader_approval TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (institution_id, year, certificate_id, level)
);
CREATE INDEX declarations_by_status ON declarations (year, status);

CREATE TABLE declaration_events (
    id BIGSERIAL PRIMARY KEY,
    declaration_id BIGINT NOT NULL REFERENCES declarations(id),
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    at BIGINT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX declaration_events_by_declaration ON declaration_events (declaration_id, id);

CREATE TABLE inbox (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    at BIGINT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    link TEXT NOT NULL DEFAULT '',
    read_at BIGINT
);
CREATE INDEX inbox_by_account ON inbox (account_id, id);

-- Secretariat settings (the planned-number flag thresholds); one row per key.
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
