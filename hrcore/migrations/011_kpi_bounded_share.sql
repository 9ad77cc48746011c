-- 011: an indicator may be declared a bounded share (a coverage or pass rate that cannot exceed 100 %,
-- DOMAIN.md §4): only such indicators refuse actuals above 100 % or below 0; a completion rate above 100 %
-- is rewarded by the linear rule up to its cap.
ALTER TABLE kpi_indicators ADD COLUMN bounded_share BOOLEAN DEFAULT false;
-- The shipped indicators that are shares of a whole (seed 003's pass and coverage rates, the demo's yields and
-- on-time rates) are declared so in a library made before this migration; every other indicator is not.
UPDATE kpi_indicators SET bounded_share = true
WHERE indicator_id IN ('career_plan_completion', 'key_hire_probation', 'gross_margin', 'collection_rate',
                       'customer_satisfaction', 'first_contact_resolution', 'first_pass_yield', 'on_time_delivery',
                       'stock_accuracy', 'milestone_on_time', 'key_task_completion');
