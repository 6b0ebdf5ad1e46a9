-- Structured equipment lists, schools' self-assessments, the change history of offerings, leads' certificate
-- scope and the catalog search index.

-- Required hardware and software for one level in one year (item, specification, quantity).
CREATE TABLE offering_equipment (
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    year BIGINT NOT NULL,
    level TEXT NOT NULL,
    position BIGINT NOT NULL,
    item TEXT NOT NULL,
    spec TEXT NOT NULL DEFAULT '',
    quantity BIGINT NOT NULL,
    PRIMARY KEY (certificate_id, year, level, position)
);

-- A school's self-assessment against an equipment list, keyed by item name so it survives reordering.
CREATE TABLE equipment_assessments (
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    year BIGINT NOT NULL,
    level TEXT NOT NULL,
    item TEXT NOT NULL,
    has_it BIGINT NOT NULL,
    quantity BIGINT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    updated_by BIGINT NOT NULL REFERENCES accounts(id),
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, certificate_id, year, level, item)
);

-- Who changed what in an offering, and when; `changes` is one line per changed field.
CREATE TABLE offering_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    year BIGINT NOT NULL,
    level TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    changed_at BIGINT NOT NULL,
    changes TEXT NOT NULL
);
CREATE INDEX offering_history_by_certificate ON offering_history (certificate_id, changed_at);

-- A lead may be limited to some certificates within their colleges (none listed: all certificates).
CREATE TABLE account_certificates (
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    PRIMARY KEY (account_id, certificate_id)
);

-- Catalog search: FTS5 with the trigram tokenizer answers substring LIKE on Chinese text from the index.
-- `initials` holds pinyin initials ("lnzh" for 老年照护). Rebuilt by the server after catalog changes.
CREATE VIRTUAL TABLE catalog_search USING fts5(kind UNINDEXED, ref_key UNINDEXED, title, initials, tokenize = 'trigram');
