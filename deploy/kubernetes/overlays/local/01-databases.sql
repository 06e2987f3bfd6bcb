-- One database per service, as docker/postgres-init/01-databases.sql, plus the gateway's own
-- (shared rate-limit buckets and sessions). Kustomize reads no file outside this directory, hence the copy.
CREATE DATABASE catalog;
CREATE DATABASE registration;
CREATE DATABASE notification;
CREATE DATABASE gateway;
