-- Events of the items that were ACTIVE on the day, read from that day's snapshot.
SELECT e.event_id, e.item_id, e.kind, e.date
FROM item_events e
WHERE e.item_id IN (SELECT id FROM item_snapshot
                    WHERE status = 'ACTIVE' AND snapshot_date = {DATE})
  AND e.date = {DATE}
