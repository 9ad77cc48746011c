-- 002: job evaluation workbench (DOMAIN.md section 2): versioned factor schemes,
-- a log of every committee change, saved gradings, job descriptions and the
-- currency of a market survey.

CREATE TABLE eval_schemes (
    scheme_id VARCHAR NOT NULL,
    name VARCHAR,
    version INTEGER NOT NULL,
    total_points DOUBLE NOT NULL,
    scale VARCHAR NOT NULL,
    ratio DOUBLE,
    based_on VARCHAR,
    created_at TIMESTAMP,
    created_by VARCHAR,
    PRIMARY KEY (scheme_id)
);

CREATE SEQUENCE eval_log_seq;

CREATE TABLE eval_log (
    log_id INTEGER NOT NULL DEFAULT nextval('eval_log_seq'),
    changed_at TIMESTAMP NOT NULL,
    changed_by VARCHAR,
    scheme_id VARCHAR NOT NULL,
    job_id VARCHAR NOT NULL,
    factor_id VARCHAR NOT NULL,
    rater VARCHAR,
    old_level INTEGER,
    new_level INTEGER,
    PRIMARY KEY (log_id)
);

CREATE TABLE job_gradings (
    grading_id VARCHAR NOT NULL,
    scheme_id VARCHAR,
    grades INTEGER NOT NULL,
    method VARCHAR NOT NULL,
    points_min DOUBLE NOT NULL,
    points_max DOUBLE NOT NULL,
    created_at TIMESTAMP,
    created_by VARCHAR,
    PRIMARY KEY (grading_id)
);

CREATE TABLE job_grading_bands (
    grading_id VARCHAR NOT NULL,
    grade INTEGER NOT NULL,
    points_min DOUBLE NOT NULL,
    points_max DOUBLE NOT NULL,
    PRIMARY KEY (grading_id, grade)
);

CREATE TABLE job_grading_jobs (
    grading_id VARCHAR NOT NULL,
    job_id VARCHAR NOT NULL,
    points DOUBLE NOT NULL,
    grade INTEGER NOT NULL,
    PRIMARY KEY (grading_id, job_id)
);

ALTER TABLE jobs ADD COLUMN description_en VARCHAR;
ALTER TABLE jobs ADD COLUMN description_zh VARCHAR;
ALTER TABLE market_data ADD COLUMN currency VARCHAR;
