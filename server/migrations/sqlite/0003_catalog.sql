-- Certificate catalog: training evaluation organizations, certificates and their yearly offerings per level.
CREATE TABLE organizations (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL UNIQUE,
    contact_name TEXT NOT NULL DEFAULT '',
    contact_phone TEXT NOT NULL DEFAULT '',
    contact_email TEXT NOT NULL DEFAULT '',
    is_demo BIGINT NOT NULL DEFAULT 0
);

-- An org account (培训评价组织) edits only its own organization's certificates.
ALTER TABLE accounts ADD COLUMN organization_id BIGINT REFERENCES organizations(id);

CREATE TABLE certificates (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    organization_id BIGINT NOT NULL REFERENCES organizations(id),
    name TEXT NOT NULL UNIQUE,
    standard_url TEXT NOT NULL DEFAULT '',
    is_demo BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE offerings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    year BIGINT NOT NULL,
    level TEXT NOT NULL,
    is_open BIGINT NOT NULL DEFAULT 1,
    fee_fen BIGINT NOT NULL,
    cap_fen BIGINT,
    site_conditions TEXT NOT NULL DEFAULT '',
    exam_plan TEXT NOT NULL DEFAULT '',
    training_plan TEXT NOT NULL DEFAULT '',
    updated_by BIGINT,
    updated_at BIGINT NOT NULL,
    UNIQUE (certificate_id, year, level)
);
