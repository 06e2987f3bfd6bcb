-- One naming convention for tables across the services: singular nouns (event, series, outbox,
-- shedlock, processed_message, notification, registrant).
ALTER TABLE events RENAME TO event;
