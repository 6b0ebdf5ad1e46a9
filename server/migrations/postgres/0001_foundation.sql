-- Foundation: institutions, colleges, accounts, scopes, sessions, registration requests, import reports.
CREATE TABLE institutions (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    city TEXT NOT NULL,
    credit_code TEXT NOT NULL UNIQUE,
    school_code TEXT NOT NULL,
    website TEXT NOT NULL DEFAULT '',
    address TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL DEFAULT '',
    contact_mobile TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    is_demo BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE colleges (
    id BIGSERIAL PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    name TEXT NOT NULL,
    UNIQUE (institution_id, name)
);

CREATE TABLE accounts (
    id BIGSERIAL PRIMARY KEY,
    username TEXT NOT NULL,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL,
    institution_id BIGINT REFERENCES institutions(id),
    status TEXT NOT NULL,
    must_change_password BIGINT NOT NULL DEFAULT 0,
    mobile TEXT,
    email TEXT,
    is_demo BIGINT NOT NULL DEFAULT 0,
    created_by BIGINT,
    created_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX accounts_username ON accounts (LOWER(username));
-- One coordinator account (校级总账号) per school, counting pending registrations.
CREATE UNIQUE INDEX accounts_one_coordinator ON accounts (institution_id) WHERE role = 'coordinator' AND status <> 'disabled';

CREATE TABLE account_colleges (
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    college_id BIGINT NOT NULL REFERENCES colleges(id) ON DELETE CASCADE,
    PRIMARY KEY (account_id, college_id)
);

CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_account ON sessions (account_id);

CREATE TABLE addition_requests (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL,
    city TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    contact_name TEXT NOT NULL,
    contact_mobile TEXT NOT NULL,
    contact_email TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    closed_by BIGINT,
    closed_at BIGINT
);

CREATE TABLE import_reports (
    id BIGSERIAL PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    created_at BIGINT NOT NULL,
    report TEXT NOT NULL
);
