-- Events of the items that are ACTIVE, as the job was first written.
-- Not reproducible: it reads `item` as it is today, so a rerun of an old day
-- filters with today's statuses.
SELECT e.event_id, e.item_id, e.kind, e.date
FROM item_events e
WHERE e.item_id IN (SELECT id FROM item WHERE item.status = 'ACTIVE')
  AND e.date = {DATE}
