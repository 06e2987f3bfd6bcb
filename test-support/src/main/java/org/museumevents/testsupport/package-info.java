/** Real PostgreSQL, Kafka and SMTP servers and real JWTs, shared by the services' tests. */
package org.museumevents.testsupport;
