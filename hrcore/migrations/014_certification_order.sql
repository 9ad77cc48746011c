-- 014: the order of certification (seed 004 §6.2, 第十一条, §8.4.1 and §15(1); DOMAIN.md §6).
--
-- An exam (course exam or ability test) needs a passed eligibility review (资格审查, §6.2.2: against the
-- basic conditions of the post) and a training record (self-study or a course, 第十一条 and §8.4.1) dated on or
-- before it.  The first batch certifies each person for their own post only (§15(1)): such records say so.
ALTER TABLE certifications ADD COLUMN first_batch BOOLEAN DEFAULT false;

-- One eligibility review of a candidate for a level of a track: the outcome against the basic conditions,
-- the conditions not met (comma-separated), who reviewed and when.
CREATE TABLE cert_eligibility (
    review_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    track_id VARCHAR,
    level INTEGER NOT NULL,
    reviewed_on DATE NOT NULL,
    outcome VARCHAR NOT NULL,
    unmet VARCHAR,
    reviewer VARCHAR,
    note VARCHAR,
    PRIMARY KEY (review_id)
);

-- Training for a level of a track: one course of it, or (course empty) the level's whole programme;
-- self-study or a course the company runs.
CREATE TABLE cert_training (
    training_id VARCHAR NOT NULL,
    employee_id VARCHAR NOT NULL,
    track_id VARCHAR,
    level INTEGER NOT NULL,
    course VARCHAR,
    mode VARCHAR NOT NULL,
    started_on DATE NOT NULL,
    ended_on DATE,
    PRIMARY KEY (training_id)
);
