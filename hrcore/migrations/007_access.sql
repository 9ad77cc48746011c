-- 007: who may use the app, and the record of every change they make.

-- Accounts.  Passwords are kept only as salted scrypt hashes (hrcore.access).
CREATE TABLE users (
    username VARCHAR NOT NULL,
    display_name VARCHAR,
    role VARCHAR NOT NULL,
    department_id VARCHAR,
    password_hash VARCHAR NOT NULL,
    active BOOLEAN NOT NULL DEFAULT true,
    failed_attempts INTEGER NOT NULL DEFAULT 0,
    locked_until TIMESTAMP,
    password_changed_at TIMESTAMP,
    last_sign_in TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (username)
);

-- The audit trail: one row per changed table row, grouped by change (one transaction).
-- Only hrcore.store writes here; no page or import can.
CREATE TABLE audit_log (
    entry_id BIGINT NOT NULL,
    change_id BIGINT NOT NULL,
    changed_at TIMESTAMP NOT NULL,
    actor VARCHAR NOT NULL,
    role VARCHAR,
    action VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    operation VARCHAR NOT NULL,
    row_key VARCHAR,
    before_row VARCHAR,
    after_row VARCHAR,
    PRIMARY KEY (entry_id)
);
CREATE INDEX audit_log_change ON audit_log (change_id);
-- Numbers from sequences, not max()+1: two people saving at the same moment must not collide.
CREATE SEQUENCE audit_entry_ids START 1;
CREATE SEQUENCE audit_change_ids START 1;

-- Edit conflicts: a scorecard remembers how many times it was saved; a writer names the revision it read.
ALTER TABLE scorecards ADD COLUMN revision INTEGER DEFAULT 0;
UPDATE scorecards SET revision = 0;
