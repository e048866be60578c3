-- Detection compares each version with its predecessor at the same age: one version's symptoms over a day, years
-- after that day maybe. The primary key (product, version, symptom, hour) would visit every hour of every symptom of
-- the version to find that day's (about 20 ms a version at 1 M contacts); this index reads only the day's rows,
-- without the heap.
CREATE INDEX hourly_rollup_by_version ON hourly_rollup (product, version, hour) INCLUDE (symptom, customers);
