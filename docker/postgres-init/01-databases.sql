-- One database per service (each service owns its schema through Flyway).
CREATE DATABASE catalog;
CREATE DATABASE registration;
CREATE DATABASE notification;
