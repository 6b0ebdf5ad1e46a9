-- The school's internal survey (摸底调查) before declaring, and its four dated decision steps.
CREATE TABLE survey_rows (
    id BIGSERIAL PRIMARY KEY,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    year BIGINT NOT NULL,
    college_id BIGINT NOT NULL REFERENCES colleges(id),
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    level TEXT NOT NULL,
    majors TEXT NOT NULL DEFAULT '',
    students_willing BIGINT NOT NULL,
    proposed_lead_id BIGINT REFERENCES accounts(id),
    note TEXT NOT NULL DEFAULT '',
    declaration_id BIGINT REFERENCES declarations(id),
    created_by BIGINT NOT NULL REFERENCES accounts(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX survey_rows_by_school ON survey_rows (institution_id, year);

CREATE TABLE survey_steps (
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    year BIGINT NOT NULL,
    step BIGINT NOT NULL,
    done_on TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    recorded_by BIGINT NOT NULL REFERENCES accounts(id),
    PRIMARY KEY (institution_id, year, step)
);
