-- 013: where a nine-box review's ability axis came from (DOMAIN.md section 5: "a choice per review").
-- ability_source: 'imported' (ability_assessments), '360' (the 360 review, all raters but self, on the
-- person's model) or 'competency' (the competency review total against the target profile);
-- ability_period: the assessment or 360 period read.  Reviews recorded before read as imported, their
-- period unknown.  kpi_period: the KPI review period whose performance placed people (a quarter, a
-- half-year or a year: the mean of the cards within it); unknown for reviews recorded before.

ALTER TABLE talent_reviews ADD COLUMN ability_source VARCHAR DEFAULT 'imported';
ALTER TABLE talent_reviews ADD COLUMN ability_period VARCHAR;
ALTER TABLE talent_reviews ADD COLUMN kpi_period VARCHAR;
UPDATE talent_reviews SET ability_source = 'imported' WHERE ability_source IS NULL;
