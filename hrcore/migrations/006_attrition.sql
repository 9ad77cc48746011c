-- 006: the attrition watchlist (DOMAIN.md section 7, seed 001): what leaves with a person,
-- what was done to keep them, and the handover when they go.

CREATE TABLE exposure (
    employee_id VARCHAR NOT NULL,
    key_knowledge BOOLEAN,
    client_channels BOOLEAN,
    supplier_channels BOOLEAN,
    secrets_access BOOLEAN,
    non_compete BOOLEAN,
    successor_id VARCHAR,
    successor_ready VARCHAR,
    note VARCHAR,
    PRIMARY KEY (employee_id)
);

CREATE TABLE retention_actions (
    action_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    action_date DATE NOT NULL,
    kind VARCHAR NOT NULL,
    owner_id VARCHAR,
    note VARCHAR,
    outcome VARCHAR,
    PRIMARY KEY (action_id)
);

-- The handover checklist gains what the seed asks for: the kind of item, an owner, the staged review
-- it belongs to and when it was done.
ALTER TABLE handover_tasks ADD COLUMN category VARCHAR;
ALTER TABLE handover_tasks ADD COLUMN owner_id VARCHAR;
ALTER TABLE handover_tasks ADD COLUMN stage VARCHAR;
ALTER TABLE handover_tasks ADD COLUMN done_on DATE;
