-- 003: the performance cycle (DOMAIN.md section 4): indicator owners and the goal
-- each indicator supports (the cascade), card status and mode, feedback and
-- improvement plan, stepwise scoring tables.

ALTER TABLE kpi_indicators ADD COLUMN owner VARCHAR;
ALTER TABLE kpi_indicators ADD COLUMN supports VARCHAR;
ALTER TABLE scorecards ADD COLUMN scoring_mode VARCHAR DEFAULT 'ratio';
ALTER TABLE scorecards ADD COLUMN status VARCHAR DEFAULT 'draft';
ALTER TABLE scorecards ADD COLUMN feedback VARCHAR;
ALTER TABLE scorecards ADD COLUMN improvement_plan VARCHAR;
ALTER TABLE scorecards ADD COLUMN updated_at TIMESTAMP;
ALTER TABLE scorecards ADD COLUMN updated_by VARCHAR;
ALTER TABLE scorecard_lines ADD COLUMN thresholds VARCHAR;
