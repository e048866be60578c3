-- Exposure per hour without reading the whole installation history at every evaluation (owner: installbase).
-- installation_hourly holds, per (product, version, hour), how many installations began in (hour - 1 h, hour]
-- and how many ended then, so "active installs of every version, hour by hour" is one indexed read of a few
-- thousand rows. A trigger keeps it in step in the same transaction as the installation rows: an insert counts a
-- start (and an end when the row is inserted already ended); relinking ended_at moves the end.
CREATE TABLE installation_hourly (
    product text        NOT NULL,
    version text        NOT NULL,
    hour    timestamptz NOT NULL,
    starts  bigint      NOT NULL DEFAULT 0,
    ends    bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (product, version, hour)
);

-- The first whole hour at or after t: an installation at 10:30 is active from 11:00 on.
CREATE FUNCTION installation_hour(t timestamptz) RETURNS timestamptz LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT (date_trunc('hour', (t - interval '1 microsecond') AT TIME ZONE 'UTC') + interval '1 hour') AT TIME ZONE 'UTC'
$$;

CREATE FUNCTION installation_hourly_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO installation_hourly AS h (product, version, hour, starts)
        VALUES (NEW.product, NEW.version, installation_hour(NEW.installed_at), 1)
        ON CONFLICT (product, version, hour) DO UPDATE SET starts = h.starts + 1;
    ELSIF OLD.ended_at IS NOT NULL THEN
        UPDATE installation_hourly SET ends = ends - 1
         WHERE product = OLD.product AND version = OLD.version AND hour = installation_hour(OLD.ended_at);
    END IF;
    IF NEW.ended_at IS NOT NULL THEN
        INSERT INTO installation_hourly AS h (product, version, hour, ends)
        VALUES (NEW.product, NEW.version, installation_hour(NEW.ended_at), 1)
        ON CONFLICT (product, version, hour) DO UPDATE SET ends = h.ends + 1;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER installation_hourly_on_insert AFTER INSERT ON installation
    FOR EACH ROW EXECUTE FUNCTION installation_hourly_count();
CREATE TRIGGER installation_hourly_on_end AFTER UPDATE OF ended_at ON installation
    FOR EACH ROW WHEN (OLD.ended_at IS DISTINCT FROM NEW.ended_at) EXECUTE FUNCTION installation_hourly_count();

INSERT INTO installation_hourly (product, version, hour, starts, ends)
SELECT product, version, hour, sum(starts), sum(ends) FROM (
    SELECT product, version, installation_hour(installed_at) AS hour, 1 AS starts, 0 AS ends FROM installation
    UNION ALL
    SELECT product, version, installation_hour(ended_at), 0, 1 FROM installation WHERE ended_at IS NOT NULL
) x GROUP BY 1, 2, 3;
