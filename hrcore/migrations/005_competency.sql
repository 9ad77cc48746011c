-- 005: competency models, 360 reviews, qualifications and certification
-- (DOMAIN.md section 6, seeds 000 and 004).

-- A career path: the job one step up, for "qualified for the next level".
ALTER TABLE jobs ADD COLUMN next_job_id VARCHAR;
-- A person's level within their job (1 when a job has one level).
ALTER TABLE employees ADD COLUMN job_level INTEGER;

-- The development action (course) that closes a gap on the item.
ALTER TABLE comp_items ADD COLUMN development_en VARCHAR;
ALTER TABLE comp_items ADD COLUMN development_zh VARCHAR;

-- Target profiles per job and level: the key gains the level.
CREATE TABLE comp_targets_005 (
    job_id VARCHAR NOT NULL,
    level INTEGER NOT NULL DEFAULT 1,
    item_id VARCHAR NOT NULL,
    target_score DOUBLE NOT NULL,
    PRIMARY KEY (job_id, level, item_id)
);
INSERT INTO comp_targets_005 SELECT job_id, 1, item_id, target_score FROM comp_targets;
DROP TABLE comp_targets;
ALTER TABLE comp_targets_005 RENAME TO comp_targets;

ALTER TABLE ratings_360 ADD COLUMN rated_on DATE;

-- Knowledge, skill and behaviour standards beside the basic conditions.
ALTER TABLE qualification_reqs ADD COLUMN knowledge_en VARCHAR;
ALTER TABLE qualification_reqs ADD COLUMN knowledge_zh VARCHAR;
ALTER TABLE qualification_reqs ADD COLUMN skill_en VARCHAR;
ALTER TABLE qualification_reqs ADD COLUMN skill_zh VARCHAR;
ALTER TABLE qualification_reqs ADD COLUMN behaviour_en VARCHAR;
ALTER TABLE qualification_reqs ADD COLUMN behaviour_zh VARCHAR;

-- Certification tracks: levels taken one at a time, each level possibly tied to a job.
CREATE TABLE cert_levels (
    track_id VARCHAR NOT NULL,
    level INTEGER NOT NULL,
    name_en VARCHAR,
    name_zh VARCHAR,
    job_id VARCHAR,
    PRIMARY KEY (track_id, level)
);

-- Courses of a track; a level requires every course from its own level down.
CREATE TABLE cert_courses (
    track_id VARCHAR NOT NULL,
    course_id VARCHAR NOT NULL,
    from_level INTEGER NOT NULL,
    name_en VARCHAR,
    name_zh VARCHAR,
    PRIMARY KEY (track_id, course_id)
);

ALTER TABLE certifications ADD COLUMN track_id VARCHAR;

CREATE TABLE cert_appeals (
    appeal_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    track_id VARCHAR,
    level INTEGER NOT NULL,
    filed_on DATE NOT NULL,
    reason VARCHAR NOT NULL,
    outcome VARCHAR NOT NULL DEFAULT 'pending',
    decided_on DATE,
    decided_by VARCHAR,
    note VARCHAR,
    PRIMARY KEY (appeal_id)
);
