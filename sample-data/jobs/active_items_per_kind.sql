-- Daily counts per event kind of the active items' events, read from the output of the
-- snapshot job (active_item_events) for the same day: a job downstream of another.
SELECT kind, count(*) AS events, count(DISTINCT item_id) AS items
FROM active_item_events
WHERE partition_date = {DATE}
GROUP BY kind
