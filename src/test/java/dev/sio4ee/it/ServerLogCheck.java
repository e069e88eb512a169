package dev.sio4ee.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The build's check that a normal integration test run leaves the servers' logs clean: run by Maven after the
 * Arquillian tests of both servers ({@code check-server-logs} in pom.xml), it fails the build when a log record is
 * at SEVERE (Payara's JUL level; ERROR or FATAL in WildFly's log), or mentions a {@code NullPointerException} or
 * one of Weld's leak warnings (WELD-000714, WELD-000225, WELD-000335), unless the record says it was provoked
 * {@value #MARKER} (the tests that throw on purpose put that in their exception's message).
 *
 * <p>Arguments: files or folders to read, each as {@code name=path}; a folder is read for its
 * {@code *-output.txt} files (failsafe's capture of each test class's output, where the Payara Micro container
 * prints its server's console) and its {@code server.log*} files (WildFly's log, rotated or not). The build
 * deletes both before the tests, so what is there is this run's; a path that does not exist was not produced by
 * this run (its server's tests were skipped) and is passed over.
 *
 * <pre>{@code
 * java dev.sio4ee.it.ServerLogCheck payara=target/failsafe-reports/payara \
 *     wildfly=target/wildfly-39.0.1.Final/standalone/log
 * }</pre>
 */
public final class ServerLogCheck {
    /** What a record provoked on purpose by a test says. */
    public static final String MARKER = "on purpose";

    /** The first line of a record: JUL's simple format (Payara Micro's console), ODL, WildFly's pattern. */
    private static final Pattern RECORD_START = Pattern.compile(
            "^(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \\d{1,2}, \\d{4} \\d{1,2}:\\d{2}:\\d{2} [AP]M "
                    + "|\\[\\d{4}-\\d{2}-\\d{2}T|\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} )");
    /** A record at the highest level: JUL's "SEVERE: ...", ODL's "[SEVERE]", WildFly's " ERROR " / " FATAL ". */
    private static final Pattern SEVERE = Pattern.compile(
            "^SEVERE: |\\[SEVERE]|^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2},\\d{3} (?:ERROR|FATAL) ");
    /** What no record may mention, whatever its level. */
    private static final Pattern FORBIDDEN = Pattern.compile("NullPointerException|WELD-000714|WELD-000225|WELD-000335");

    private ServerLogCheck() {
    }

    /**
     * Reads the given logs and fails when a record must not be there.
     * <pre>{@code ServerLogCheck.main(new String[] {"wildfly=target/wildfly/standalone/log/server.log"});}</pre>
     *
     * @param args {@code name=path} pairs
     * @throws IOException if a log cannot be read
     */
    public static void main(String[] args) throws IOException {
        List<String> found = new ArrayList<>();
        int files = 0;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            String name = arg.substring(0, eq);
            Path path = Path.of(arg.substring(eq + 1));
            for (Path log : logs(path)) {
                files++;
                for (Record r : records(Files.readAllLines(log, StandardCharsets.UTF_8))) {
                    if (r.bad() && !r.excused()) {
                        found.add(name + ": " + log.getFileName() + ":" + r.line() + "\n" + r.head(12));
                    }
                }
            }
        }
        System.out.printf("ServerLogCheck: %d log file(s) read, %d record(s) at SEVERE/ERROR or with a "
                + "NullPointerException or a Weld leak warning that no test provoked on purpose%n", files, found.size());
        if (!found.isEmpty()) {
            found.forEach(f -> System.out.println("---- " + f));
            throw new IllegalStateException(found.size() + " server log record(s) at SEVERE/ERROR or with a "
                    + "NullPointerException or a Weld leak warning (see above)");
        }
    }

    private static List<Path> logs(Path path) throws IOException {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(path)) {
            return s.filter(p -> p.getFileName().toString().endsWith("-output.txt")
                    || p.getFileName().toString().startsWith("server.log")).sorted().toList();
        }
    }

    /** Splits a log into records: a record starts at a line with a timestamp and runs until the next one. */
    static List<Record> records(List<String> lines) {
        List<Record> records = new ArrayList<>();
        List<String> current = new ArrayList<>();
        int start = 1;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (RECORD_START.matcher(line).find() && !current.isEmpty()) {
                records.add(new Record(start, current));
                current = new ArrayList<>();
                start = i + 1;
            }
            current.add(line);
        }
        if (!current.isEmpty()) {
            records.add(new Record(start, current));
        }
        return records;
    }

    /** One log record: its first line's number and its lines (message, then any stack trace). */
    record Record(int line, List<String> lines) {
        Record {
            lines = List.copyOf(lines);
        }

        boolean bad() {
            return lines.stream().anyMatch(l -> SEVERE.matcher(l).find() || FORBIDDEN.matcher(l).find());
        }

        boolean excused() {
            return lines.stream().anyMatch(l -> l.contains(MARKER));
        }

        String head(int max) {
            String head = String.join("\n", lines.subList(0, Math.min(max, lines.size())));
            return lines.size() > max ? head + "\n\t... (" + (lines.size() - max) + " more lines)" : head;
        }
    }
}
