-- 004: the nine-box talent review (DOMAIN.md section 5): ability assessments of
-- everyone, calibration moves (each one logged and reversible) and follow-up actions.

CREATE TABLE ability_assessments (
    period VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    assessor_id VARCHAR,
    PRIMARY KEY (period, employee_id)
);

CREATE SEQUENCE talent_moves_seq;

CREATE TABLE talent_moves (
    move_id INTEGER NOT NULL DEFAULT nextval('talent_moves_seq'),
    review_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    from_box INTEGER NOT NULL,
    to_box INTEGER NOT NULL,
    reason VARCHAR NOT NULL,
    moved_by VARCHAR,
    moved_at TIMESTAMP NOT NULL,
    undone_by VARCHAR,
    undone_at TIMESTAMP,
    PRIMARY KEY (move_id)
);

CREATE TABLE talent_actions (
    review_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    owner_id VARCHAR,
    due_date DATE,
    note VARCHAR,
    done BOOLEAN DEFAULT false,
    PRIMARY KEY (review_id, kind)
);
