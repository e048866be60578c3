-- Detection reads one symptom (all contacts) of every version hour by hour, over weeks (CUSUM since release,
-- product-wide surges). With key phrases the rollup holds many symptoms per hour, so (product, hour) would visit
-- them all; this index reads only the wanted symptom's rows, without the heap.
CREATE INDEX hourly_rollup_by_symptom ON hourly_rollup (product, symptom, hour) INCLUDE (version, customers);
