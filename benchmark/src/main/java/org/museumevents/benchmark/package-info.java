/**
 * The benchmark of issue 13: starts the local platform as separate processes, measures each part
 * (registration throughput and latency, the raw-SQL ceiling, a burst on few places, mail latency,
 * reminder fan-out, public pages, memory) and prints one table with the machine it ran on.
 */
package org.museumevents.benchmark;
