-- 012: performance appeals and coaching notes on KPI scorecards (seed 003: HR 受理各级人员提出的绩效申诉;
-- 绩效辅导: 记录被考核者的工作情况, 建立员工业绩档案).  Written by hrcore.kpi_appeals, every change audited.

-- An appraisee's appeal against a scored card, decided once, with a reason.  An upheld appeal sends the card
-- back to draft for rescoring; the result appealed is kept here (appealed_total, appealed_rating).
CREATE TABLE kpi_appeals (
    appeal_id VARCHAR NOT NULL,
    scorecard_id VARCHAR NOT NULL,
    filed_by VARCHAR NOT NULL,
    filed_on DATE NOT NULL,
    grounds VARCHAR NOT NULL,
    status VARCHAR NOT NULL DEFAULT 'pending',
    decided_by VARCHAR,
    decided_on DATE,
    reason VARCHAR,
    appealed_total DOUBLE,
    appealed_rating VARCHAR,
    PRIMARY KEY (appeal_id)
);

-- A dated coaching conversation on a card during its period (or after it, until the card is scored).
CREATE TABLE kpi_coaching_notes (
    note_id VARCHAR NOT NULL,
    scorecard_id VARCHAR NOT NULL,
    held_on DATE NOT NULL,
    author VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    follow_up VARCHAR,
    written_at TIMESTAMP,
    PRIMARY KEY (note_id)
);
