-- Application windows (申报计划): one per year, times in unix seconds (shown in Asia/Shanghai).
CREATE TABLE application_windows (
    year BIGINT PRIMARY KEY,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    updated_by BIGINT NOT NULL REFERENCES accounts(id),
    updated_at BIGINT NOT NULL
);
