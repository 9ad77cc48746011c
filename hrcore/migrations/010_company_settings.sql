-- 010: the company settings in one place (hrcore.company): the as-of date the demo kept under its own key
-- and the local average wage the watchlist kept among its settings move into the 'company' settings.
INSERT INTO app_meta
SELECT 'company', json_object(
    'as_of', (SELECT value FROM app_meta WHERE key = 'as_of'),
    'local_avg_wage', (SELECT CAST(json_extract(value, '$.local_avg_wage') AS DOUBLE)
                       FROM app_meta WHERE key = 'attrition_settings'))::VARCHAR
WHERE NOT EXISTS (SELECT 1 FROM app_meta WHERE key = 'company')
  AND EXISTS (SELECT 1 FROM app_meta WHERE key IN ('as_of', 'attrition_settings'));
DELETE FROM app_meta WHERE key = 'as_of';
