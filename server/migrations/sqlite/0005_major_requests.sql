-- A school asks a training evaluation organization to add a major to a certificate level (seed FAQ 3).
CREATE TABLE major_requests (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    year BIGINT NOT NULL,
    level TEXT NOT NULL,
    major_code TEXT NOT NULL REFERENCES majors(code),
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    requested_by BIGINT NOT NULL REFERENCES accounts(id),
    status TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    decided_by BIGINT,
    decided_at BIGINT,
    UNIQUE (certificate_id, year, level, major_code, institution_id)
);
