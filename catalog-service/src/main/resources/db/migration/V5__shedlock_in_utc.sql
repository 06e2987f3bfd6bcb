-- ShedLock on the database's clock writes and compares timezone('utc', CURRENT_TIMESTAMP), a UTC
-- wall-clock time without zone. In timestamptz columns PostgreSQL read it in the session's zone,
-- which the JDBC driver sets from the JVM's default zone: a service restarted in another zone found
-- its scheduling locks (the outbox relay's among them) held for hours, or not held at all (issue 12).
-- ShedLock's own schema uses timestamp columns, which hold that UTC wall time as it is.
ALTER TABLE shedlock
    ALTER COLUMN lock_until TYPE timestamp USING lock_until AT TIME ZONE 'UTC',
    ALTER COLUMN locked_at TYPE timestamp USING locked_at AT TIME ZONE 'UTC';

-- A lock written by an instance in a zone west of UTC was stored hours late: no lock of the
-- platform is taken for more than 10 minutes, so none may end later than that from now.
UPDATE shedlock
SET lock_until = timezone('utc', CURRENT_TIMESTAMP) + interval '10 minutes'
WHERE lock_until > timezone('utc', CURRENT_TIMESTAMP) + interval '10 minutes';
