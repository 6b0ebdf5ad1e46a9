-- Results (seed 二(三)): the lead institution (牵头院校) the secretariat names for each certificate of a year,
-- among its approved schools; and the publication of a year's results as a notice.
CREATE TABLE lead_institutions (
    certificate_id BIGINT NOT NULL REFERENCES certificates(id),
    year BIGINT NOT NULL,
    institution_id BIGINT NOT NULL REFERENCES institutions(id),
    named_by BIGINT NOT NULL REFERENCES accounts(id),
    named_at BIGINT NOT NULL,
    PRIMARY KEY (certificate_id, year)
);

CREATE TABLE results_publications (
    year BIGINT PRIMARY KEY,
    notice_id BIGINT NOT NULL REFERENCES notices(id),
    published_by BIGINT NOT NULL REFERENCES accounts(id),
    published_at BIGINT NOT NULL
);
