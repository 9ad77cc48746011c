-- 001: the initial schema, one table per entity of DOMAIN.md section 1.
-- Frozen once released: later changes go in new numbered files.

CREATE TABLE departments (
    department_id VARCHAR NOT NULL,
    name_en VARCHAR,
    name_zh VARCHAR,
    parent_id VARCHAR,
    head_id VARCHAR,
    PRIMARY KEY (department_id)
);

CREATE TABLE jobs (
    job_id VARCHAR NOT NULL,
    job_family VARCHAR,
    title_en VARCHAR,
    title_zh VARCHAR,
    is_key BOOLEAN,
    is_manager BOOLEAN,
    points DOUBLE,
    grade INTEGER,
    PRIMARY KEY (job_id)
);

CREATE TABLE employees (
    employee_id VARCHAR NOT NULL,
    name_zh VARCHAR,
    name_en VARCHAR,
    department_id VARCHAR,
    job_id VARCHAR,
    grade INTEGER,
    manager_id VARCHAR,
    hire_date DATE,
    birth_date DATE,
    gender VARCHAR,
    education VARCHAR,
    major VARCHAR,
    location VARCHAR,
    base_pay DOUBLE,
    target_bonus DOUBLE,
    status VARCHAR DEFAULT 'active',
    exit_date DATE,
    exit_type VARCHAR,
    exit_reason VARCHAR,
    key_talent BOOLEAN,
    PRIMARY KEY (employee_id)
);

CREATE TABLE employee_events (
    event_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    event_date DATE NOT NULL,
    event_type VARCHAR NOT NULL,
    from_job_id VARCHAR,
    to_job_id VARCHAR,
    from_grade INTEGER,
    to_grade INTEGER,
    base_pay DOUBLE,
    PRIMARY KEY (event_id)
);

CREATE TABLE market_data (
    job_id VARCHAR NOT NULL,
    survey_year INTEGER NOT NULL,
    pay_type VARCHAR NOT NULL,
    p10 DOUBLE,
    p25 DOUBLE,
    p50 DOUBLE,
    p75 DOUBLE,
    p90 DOUBLE,
    effective_date DATE,
    source VARCHAR,
    survey_job VARCHAR,
    PRIMARY KEY (job_id, survey_year, pay_type)
);

CREATE TABLE eval_factors (
    scheme_id VARCHAR NOT NULL,
    factor_id VARCHAR NOT NULL,
    name_en VARCHAR,
    name_zh VARCHAR,
    weight DOUBLE NOT NULL,
    position INTEGER,
    note_en VARCHAR,
    note_zh VARCHAR,
    PRIMARY KEY (scheme_id, factor_id)
);

CREATE TABLE eval_levels (
    scheme_id VARCHAR NOT NULL,
    factor_id VARCHAR NOT NULL,
    level INTEGER NOT NULL,
    points DOUBLE NOT NULL,
    definition_en VARCHAR,
    definition_zh VARCHAR,
    PRIMARY KEY (scheme_id, factor_id, level)
);

CREATE TABLE eval_ratings (
    scheme_id VARCHAR NOT NULL,
    job_id VARCHAR NOT NULL,
    factor_id VARCHAR NOT NULL,
    rater VARCHAR NOT NULL,
    level INTEGER NOT NULL,
    rated_at TIMESTAMP,
    PRIMARY KEY (scheme_id, job_id, factor_id, rater)
);

CREATE TABLE eval_consensus (
    scheme_id VARCHAR NOT NULL,
    job_id VARCHAR NOT NULL,
    factor_id VARCHAR NOT NULL,
    level INTEGER NOT NULL,
    decided_at TIMESTAMP,
    decided_by VARCHAR,
    PRIMARY KEY (scheme_id, job_id, factor_id)
);

CREATE TABLE pay_structures (
    structure_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    status VARCHAR DEFAULT 'draft',
    params VARCHAR,
    created_at TIMESTAMP,
    created_by VARCHAR,
    approved_at TIMESTAMP,
    approved_by VARCHAR,
    PRIMARY KEY (structure_id)
);

CREATE TABLE pay_grades (
    structure_id VARCHAR NOT NULL,
    grade INTEGER NOT NULL,
    points_min DOUBLE,
    points_max DOUBLE,
    fixed_min DOUBLE NOT NULL,
    fixed_mid DOUBLE NOT NULL,
    fixed_max DOUBLE NOT NULL,
    total_min DOUBLE,
    total_mid DOUBLE,
    total_max DOUBLE,
    PRIMARY KEY (structure_id, grade)
);

CREATE TABLE comp_models (
    model_id VARCHAR NOT NULL,
    name_en VARCHAR,
    name_zh VARCHAR,
    PRIMARY KEY (model_id)
);

CREATE TABLE comp_items (
    item_id VARCHAR NOT NULL,
    model_id VARCHAR NOT NULL,
    name_en VARCHAR,
    name_zh VARCHAR,
    layer VARCHAR,
    kind VARCHAR,
    critical BOOLEAN,
    min_score DOUBLE,
    definition_en VARCHAR,
    definition_zh VARCHAR,
    PRIMARY KEY (item_id)
);

CREATE TABLE comp_anchors (
    item_id VARCHAR NOT NULL,
    band VARCHAR NOT NULL,
    text_en VARCHAR,
    text_zh VARCHAR,
    PRIMARY KEY (item_id, band)
);

CREATE TABLE comp_targets (
    job_id VARCHAR NOT NULL,
    item_id VARCHAR NOT NULL,
    target_score DOUBLE NOT NULL,
    PRIMARY KEY (job_id, item_id)
);

CREATE TABLE ratings_360 (
    period VARCHAR NOT NULL,
    ratee_id VARCHAR NOT NULL,
    rater_id VARCHAR NOT NULL,
    rater_group VARCHAR NOT NULL,
    item_id VARCHAR NOT NULL,
    score DOUBLE NOT NULL,
    PRIMARY KEY (period, ratee_id, rater_id, item_id)
);

CREATE TABLE qualification_reqs (
    job_id VARCHAR NOT NULL,
    level INTEGER NOT NULL,
    education_min VARCHAR,
    major VARCHAR,
    years_experience DOUBLE,
    years_in_job DOUBLE,
    certification_level INTEGER,
    PRIMARY KEY (job_id, level)
);

CREATE TABLE certifications (
    record_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    level INTEGER NOT NULL,
    stage VARCHAR NOT NULL,
    course VARCHAR,
    score DOUBLE,
    pass_mark DOUBLE,
    result VARCHAR NOT NULL,
    exam_date DATE NOT NULL,
    PRIMARY KEY (record_id)
);

CREATE TABLE kpi_indicators (
    indicator_id VARCHAR NOT NULL,
    name_en VARCHAR,
    name_zh VARCHAR,
    definition VARCHAR,
    formula VARCHAR,
    kind VARCHAR,
    dimension VARCHAR,
    perspective VARCHAR,
    category VARCHAR,
    data_source VARCHAR,
    higher_is_better BOOLEAN,
    unit VARCHAR,
    PRIMARY KEY (indicator_id)
);

CREATE TABLE scorecards (
    scorecard_id VARCHAR NOT NULL,
    owner_type VARCHAR NOT NULL,
    owner_id VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    appraiser_id VARCHAR,
    total_score DOUBLE,
    rating VARCHAR,
    PRIMARY KEY (scorecard_id)
);

CREATE TABLE scorecard_lines (
    scorecard_id VARCHAR NOT NULL,
    indicator_id VARCHAR NOT NULL,
    weight DOUBLE NOT NULL,
    target DOUBLE,
    actual DOUBLE,
    rule VARCHAR DEFAULT 'linear',
    per_point DOUBLE,
    floor DOUBLE,
    cap DOUBLE,
    score DOUBLE,
    PRIMARY KEY (scorecard_id, indicator_id)
);

CREATE TABLE talent_reviews (
    review_id VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    performance_level VARCHAR NOT NULL,
    ability_level VARCHAR NOT NULL,
    box INTEGER NOT NULL,
    calibrated_box INTEGER,
    calibrated_by VARCHAR,
    calibrated_at TIMESTAMP,
    reason VARCHAR,
    PRIMARY KEY (review_id)
);

CREATE TABLE leave_records (
    leave_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    start_date DATE NOT NULL,
    end_date DATE NOT NULL,
    days DOUBLE NOT NULL,
    kind VARCHAR NOT NULL,
    PRIMARY KEY (leave_id)
);

CREATE TABLE attrition_signals (
    signal_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    signal_date DATE NOT NULL,
    kind VARCHAR NOT NULL,
    note VARCHAR,
    PRIMARY KEY (signal_id)
);

CREATE TABLE handover_tasks (
    task_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    item VARCHAR NOT NULL,
    receiver_id VARCHAR,
    second_receiver_id VARCHAR,
    due_date DATE,
    done BOOLEAN DEFAULT false,
    PRIMARY KEY (task_id)
);

CREATE TABLE import_mappings (
    name VARCHAR NOT NULL,
    table_name VARCHAR NOT NULL,
    spec VARCHAR NOT NULL,
    saved_at TIMESTAMP NOT NULL,
    PRIMARY KEY (name, table_name)
);

CREATE TABLE app_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR
);
