-- Events of the items that were ACTIVE on the day, read from the validity intervals
-- of item_history (the version of each item valid on that day).
SELECT e.event_id, e.item_id, e.kind, e.date
FROM item_events e
WHERE e.item_id IN (SELECT id FROM item_history_asof({DATE}) WHERE status = 'ACTIVE')
  AND e.date = {DATE}
