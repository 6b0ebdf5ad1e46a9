-- Evidence photos of declarations. The files live in the object store under storage_key; client_id makes a
-- retried upload return the first result instead of a second copy.
CREATE TABLE photos (
    id BIGSERIAL PRIMARY KEY,
    declaration_id BIGINT NOT NULL REFERENCES declarations(id),
    client_id TEXT NOT NULL,
    category TEXT NOT NULL,
    caption TEXT NOT NULL DEFAULT '',
    storage_key TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    width BIGINT NOT NULL,
    height BIGINT NOT NULL,
    bytes BIGINT NOT NULL,
    captured_at BIGINT,
    uploaded_by BIGINT NOT NULL REFERENCES accounts(id),
    uploaded_at BIGINT NOT NULL,
    UNIQUE (declaration_id, client_id)
);
