"""Regenerates the sample scenario (deterministic: fixed seed). Run from this folder: python3 generate.py"""
import csv, datetime, os, random

rng = random.Random(20240901)
start = datetime.date(2024, 9, 1)
days = [start + datetime.timedelta(d) for d in range(61)]       # 2024-09-01 .. 2024-10-31
missing_snapshot = datetime.date(2024, 10, 13)                   # one export that never arrived
adjectives = ["amber", "brisk", "cobalt", "dusty", "eager", "fable", "gilded", "hazel", "ivory", "jade"]
nouns = ["lamp", "kettle", "bench", "drone", "easel", "flute", "globe", "harp", "inkwell", "jar"]

items = {}          # id -> [name, status]
next_id = 1
def new_item():
    global next_id
    i = next_id; next_id += 1
    items[i] = [f"{rng.choice(adjectives)} {rng.choice(nouns)} {i}", "ACTIVE" if rng.random() < 0.7 else "PASSIVE"]
    return i
for _ in range(160):
    new_item()
gone = {}           # items that left, which may come back

os.makedirs("item_snapshots", exist_ok=True)
for f in os.listdir("item_snapshots"):
    os.remove(os.path.join("item_snapshots", f))
events = []
event_id = 1
for day in days:
    if day != start:
        for _ in range(rng.randint(0, 3)):
            new_item()
        for i in list(items):
            r = rng.random()
            if r < 0.04:
                items[i][1] = "PASSIVE" if items[i][1] == "ACTIVE" else "ACTIVE"
            elif r < 0.05:
                gone[i] = items.pop(i)
        for i in list(gone):
            if rng.random() < 0.08:
                items[i] = gone.pop(i)
    if day != missing_snapshot:
        with open(f"item_snapshots/item_{day.isoformat()}.csv", "w", newline="") as fh:
            w = csv.writer(fh, lineterminator="\n")
            w.writerow(["id", "name", "status", "snapshot_date"])
            for i in sorted(items):
                w.writerow([i, items[i][0], items[i][1], day.isoformat()])
    ids = sorted(items)
    for _ in range(rng.randint(250, 600)):
        i = rng.choice(ids)
        kind = rng.choices(["view", "click", "purchase"], [70, 25, 5])[0]
        events.append([event_id, i, kind, day.isoformat()])
        event_id += 1

# "Today" (a few days after the last snapshot) items have kept changing: this is the table the naive job reads.
for i in list(items):
    if rng.random() < 0.15:
        items[i][1] = "PASSIVE" if items[i][1] == "ACTIVE" else "ACTIVE"
with open("item.csv", "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["id", "name", "status"])
    for i in sorted(items):
        w.writerow([i, items[i][0], items[i][1]])
with open("item_events.csv", "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["event_id", "item_id", "kind", "date"])
    w.writerows(events)
