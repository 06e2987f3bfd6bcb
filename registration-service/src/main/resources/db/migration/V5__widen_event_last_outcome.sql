-- last_outcome carries the place-taking statement's decision to its RETURNING clause. It now holds
-- the names of the Java enum Placement (PLACED, WAITLISTED, FULL), passed in as parameters rather
-- than written in the SQL, and WAITLISTED is longer than 8 characters. Widening a varchar rewrites
-- nothing. Values written before (PLACE, WAIT) are never read back: each statement sets the column
-- before it returns it.
ALTER TABLE event ALTER COLUMN last_outcome TYPE varchar(16);
