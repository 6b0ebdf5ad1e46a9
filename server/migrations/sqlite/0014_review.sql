-- Expert review: the year's rubric, the institutions each expert may not review (besides their own), and
-- the assignments with their scores.
CREATE TABLE review_rubrics (
    year BIGINT PRIMARY KEY,
    -- JSON [{label, weight}], weights adding up to 100.
    criteria TEXT NOT NULL,
    updated_by BIGINT REFERENCES accounts(id),
    updated_at BIGINT NOT NULL
);

CREATE TABLE expert_conflicts (
    expert_id BIGINT NOT NULL REFERENCES accounts(id),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    PRIMARY KEY (expert_id, institution_id)
);

CREATE TABLE review_assignments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    declaration_id BIGINT NOT NULL REFERENCES declarations(id) ON DELETE CASCADE,
    expert_id BIGINT NOT NULL REFERENCES accounts(id),
    assigned_by BIGINT NOT NULL REFERENCES accounts(id),
    assigned_at BIGINT NOT NULL,
    -- Set when the expert declares a conflict of interest: the assignment no longer counts.
    conflict_note TEXT,
    -- The score, once given: JSON marks in the rubric's order, the weighted total in tenths of a point.
    marks TEXT,
    total_tenths BIGINT,
    recommendation TEXT,
    comment TEXT NOT NULL DEFAULT '',
    scored_at BIGINT,
    UNIQUE (declaration_id, expert_id)
);
CREATE INDEX review_assignments_by_expert ON review_assignments (expert_id);
