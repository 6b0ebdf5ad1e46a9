-- Major catalog (2021) and each offering's eligible majors.
CREATE TABLE majors (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    education_level TEXT NOT NULL,
    category TEXT NOT NULL DEFAULT '',
    is_demo BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE offering_majors (
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    year BIGINT NOT NULL,
    level TEXT NOT NULL,
    major_code TEXT NOT NULL REFERENCES majors(code),
    PRIMARY KEY (certificate_id, year, level, major_code)
);
