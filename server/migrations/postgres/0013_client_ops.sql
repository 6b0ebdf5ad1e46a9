-- Saves sent from a phone's outbox carry an id the phone chose. A retried save finds its id here and gets the
-- first answer back instead of a second change; a later save that was made while the answer to an earlier
-- one was lost names those earlier ids, so the server can tell its own moved version from someone else's.
CREATE TABLE client_ops (
    op_id TEXT NOT NULL,
    account_id BIGINT NOT NULL REFERENCES accounts(id),
    declaration_id BIGINT NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
    result_version BIGINT NOT NULL,
    applied_at BIGINT NOT NULL,
    PRIMARY KEY (account_id, op_id)
);
CREATE INDEX client_ops_by_declaration ON client_ops (declaration_id);
