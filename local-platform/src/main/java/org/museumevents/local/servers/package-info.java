/**
 * The real servers the services need, run in this process: PostgreSQL (embedded binaries, one
 * database per service), a Kafka broker in KRaft mode, and an SMTP server. Their data lives in the
 * platform's data folder and survives restarts (the emails received do not).
 */
package org.museumevents.local.servers;
