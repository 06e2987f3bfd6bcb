-- One database per service (each service owns its schema through Flyway).
CREATE DATABASE catalog;
CREATE DATABASE registration;
CREATE DATABASE notification;
-- The gateway's: what its instances share (rate limits, failed logins, sessions, authorizations).
CREATE DATABASE gateway;
