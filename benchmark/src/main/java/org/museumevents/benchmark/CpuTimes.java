package org.museumevents.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the machine's CPU went while a part ran: the CPU time of each process of the run, read
 * from Linux's {@code /proc} ({@link #take}, at any moments the caller picks) and compared between
 * two readings as milliseconds per unit of work (a registration, a statement) and as cores. Issue
 * 13 asks for each bottleneck to be found; on a machine where the load, the SMTP sink, PostgreSQL,
 * Kafka and every service share the cores, this is the first thing to read.
 *
 * <p>Groups: each service process ({@link LocalPlatform#services()}); {@code PostgreSQL}, every
 * process named {@code postgres} on the machine, with the time of its children that have ended
 * (a backend that closed between two readings is counted in its postmaster's; the embedded
 * server's processes are not the platform's children, {@code pg_ctl} detaches them, so run the
 * benchmark where no other PostgreSQL works); {@code Kafka and the platform}, the local platform's
 * own JVM (the broker runs in it); {@code Gatling}, the benchmark's other child processes (the
 * simulation's JVM, running at both readings); {@code SMTP sink and benchmark}, this JVM's own time
 * (the JDBC clients of the SQL ceiling included). Off Linux every reading is empty.
 */
final class CpuTimes {

    /** Linux's USER_HZ, the unit of /proc's times: 100 on every architecture Linux runs Java on. */
    private static final double TICKS_PER_SECOND = 100;

    /**
     * One reading.
     *
     * @param ticks clock ticks (1/100 s) used so far, by group, in the order of {@link #take}
     * @param machineBusy the machine's busy ticks over all its cores ({@code /proc/stat}: every
     *     column but idle and iowait)
     * @param at when read (the wall clock, to compare with the registrations' {@code created_at})
     */
    record Reading(Map<String, Long> ticks, long machineBusy, Instant at) {}

    private CpuTimes() {}

    /** Reads every group's CPU time now; empty off Linux. */
    static Optional<Reading> take(LocalPlatform platform) {
        if (!Files.isReadable(Path.of("/proc/self/stat"))) {
            return Optional.empty();
        }
        Map<String, Long> ticks = new LinkedHashMap<>();
        platform.services().forEach((name, process) -> ticks.put(name, own(process.pid())));
        ProcessHandle root = platform.process();
        ticks.put(
                "PostgreSQL",
                ProcessHandle.allProcesses()
                        .filter(p -> "postgres".equals(comm(p.pid())))
                        .mapToLong(p -> withEndedChildren(p.pid()))
                        .sum());
        ticks.put("Kafka and the platform", own(root.pid()));
        ticks.put(
                "Gatling",
                ProcessHandle.current()
                        .children()
                        .filter(child -> child.pid() != root.pid())
                        .mapToLong(child -> own(child.pid()))
                        .sum());
        ticks.put("SMTP sink and benchmark", own(ProcessHandle.current().pid()));
        return Optional.of(new Reading(ticks, machineBusy(), Instant.now()));
    }

    /**
     * What each group used between two readings, per unit of {@code work} done between them (a
     * registration): CPU milliseconds per unit, and cores (CPU seconds a second), e.g. {@code
     * "registration-service 1.52 ms (0.78 cores); ...; the whole machine 3.51 ms (1.81 cores)"}.
     */
    static String between(Reading before, Reading after, long work) {
        double seconds = Duration.between(before.at(), after.at()).toNanos() / 1e9;
        StringBuilder text = new StringBuilder();
        after.ticks().forEach((group, ticks) -> {
            double used = (ticks - before.ticks().getOrDefault(group, 0L)) / TICKS_PER_SECOND;
            text.append("%s %.2f ms (%.2f cores); ".formatted(group, 1000 * used / work, used / seconds));
        });
        double busy = (after.machineBusy() - before.machineBusy()) / TICKS_PER_SECOND;
        text.append("the whole machine %.2f ms (%.2f cores)".formatted(1000 * busy / work, busy / seconds));
        return text.toString();
    }

    /**
     * The first and the last of {@code readings} (oldest first) that lie inside {@code from} to
     * {@code to}; empty when fewer than two do.
     */
    static Optional<List<Reading>> within(List<Reading> readings, Instant from, Instant to) {
        List<Reading> inside = readings.stream()
                .filter(r -> !r.at().isBefore(from) && !r.at().isAfter(to))
                .toList();
        return inside.size() < 2
                ? Optional.empty()
                : Optional.of(List.of(inside.get(0), inside.get(inside.size() - 1)));
    }

    /** A process's own user and system ticks; 0 once it has gone. */
    static long own(long pid) {
        List<String> fields = statFields(pid);
        return fields.size() > 12 ? Long.parseLong(fields.get(11)) + Long.parseLong(fields.get(12)) : 0;
    }

    /**
     * A process's own ticks and those of its children that have ended and that it has waited for
     * ({@code cutime}, {@code cstime}): for a postmaster, the backends of closed connections.
     */
    static long withEndedChildren(long pid) {
        List<String> fields = statFields(pid);
        return fields.size() > 14
                ? Long.parseLong(fields.get(11))
                        + Long.parseLong(fields.get(12))
                        + Long.parseLong(fields.get(13))
                        + Long.parseLong(fields.get(14))
                : 0;
    }

    /** The fields of /proc/pid/stat after the command name, from the state on (state is index 0). */
    static List<String> statFields(long pid) {
        try {
            return parseStat(Files.readString(Path.of("/proc", String.valueOf(pid), "stat")));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** {@code "12 (java) S 1 ..."} to {@code ["S", "1", ...]}: the name may hold spaces and parentheses. */
    static List<String> parseStat(String stat) {
        return List.of(stat.substring(stat.lastIndexOf(')') + 2).trim().split(" "));
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), "comm"))
                    .trim();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /**
     * The machine's busy ticks over every core: /proc/stat's first line, user to steal (guest time
     * is already in user), less idle and iowait; 0 when unreadable.
     */
    private static long machineBusy() {
        try {
            String[] cpu =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < cpu.length && i <= 8; i++) {
                if (i != 4 && i != 5) { // idle, iowait
                    busy += Long.parseLong(cpu[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
