-- 009: an account names the employee it belongs to, and remembers its last failed sign-in.
--
-- employee_id: nobody may score, rate, certify, calibrate or approve their own record, which the store can
-- only refuse when it knows whose account is acting (optional: an outside administrator is nobody's record).
-- last_failed_at: sign-in counts an attempt before checking the password, so the failure itself is a change
-- of its own (the trail and the Users page show when the last wrong password came in).
ALTER TABLE users ADD COLUMN employee_id VARCHAR;
ALTER TABLE users ADD COLUMN last_failed_at TIMESTAMP;
