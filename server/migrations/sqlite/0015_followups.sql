-- After approval: each pilot school's working organization and contacts for the year (JSON FollowUp), as
-- submitted to the secretariat (submitted again to correct it).
CREATE TABLE followups (
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    year BIGINT NOT NULL,
    content TEXT NOT NULL,
    submitted_by BIGINT NOT NULL REFERENCES accounts(id),
    submitted_at BIGINT NOT NULL,
    PRIMARY KEY (institution_id, year)
);
