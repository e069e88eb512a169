package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build's server log check reads each server's record format and lets only marked records pass. */
class ServerLogCheckTest {

    @Test
    void shouldSplitPayaraAndWildFlyLogsIntoRecords() {
        List<ServerLogCheck.Record> records = ServerLogCheck.records(List.of(
                "Dec 08, 2026 12:15:55 AM org.apache.catalina.connector.CoyoteAdapter service",
                "SEVERE: An exception or error occurred in the container during the request processing",
                "java.lang.IllegalStateException: Internal org.glassfish.grizzly.http.server.Response has not been set",
                "\tat org.glassfish.grizzly.http.server.Response.checkResponse(Response.java:1841)",
                "",
                "Dec 08, 2026 12:15:55 AM org.jboss.weld.module.web.servlet.HttpContextLifecycle requestInitialized",
                "WARN: WELD-000714: HttpContextLifecycle guard leak detected.",
                "[2026-12-08T00:12:15.396+0000] [] [WARNING] [] [PayaraMicro] [tid: _ThreadID=1] Runtime directory",
                "2026-12-08 00:13:14,123 ERROR [io.undertow.request] (default task-1) UT005023: Exception handling",
                "java.lang.NullPointerException: null",
                "2026-12-08 00:13:15,000 INFO  [org.jboss.as] (Controller Boot Thread) WFLYSRV0025: started"));
        assertThat(records).extracting(ServerLogCheck.Record::line).containsExactly(1, 6, 8, 9, 11);
        assertThat(records).extracting(ServerLogCheck.Record::bad).containsExactly(true, true, false, true, false);
    }

    @Test
    void shouldFailOnUnmarkedRecordsAndPassMarkedOnes(@TempDir Path dir) throws Exception {
        Path payara = Files.createDirectories(dir.resolve("payara"));
        Files.write(payara.resolve("dev.sio4ee.it.SomeIT-output.txt"), List.of(
                "Dec 08, 2026 12:15:55 AM dev.sio4ee.cdi.Bridge fire",
                "SEVERE: observer failed",
                "java.lang.IllegalStateException: boom on purpose (sio4ee test)",
                "Dec 08, 2026 12:15:56 AM org.glassfish.grizzly.http.server.HttpServerFilter handleRead",
                "WARNING: a client went away"), StandardCharsets.UTF_8);
        Path wildfly = dir.resolve("server.log");
        Files.write(wildfly, List.of(
                "2026-12-08 00:13:14,123 WARN  [org.jboss.weld] (default task-1) WELD-000225: Bean store leak"),
                StandardCharsets.UTF_8);
        assertThatThrownBy(() -> ServerLogCheck.main(new String[] {
            "payara=" + payara, "wildfly=" + wildfly, "missing=" + dir.resolve("not-run.log")}))
                .hasMessageStartingWith("1 server log record(s)");

        Files.write(wildfly, List.of("2026-12-08 00:13:14,123 INFO  [org.jboss.as] (main) WFLYSRV0025: started"),
                StandardCharsets.UTF_8);
        ServerLogCheck.main(new String[] {"payara=" + payara, "wildfly=" + wildfly});
    }
}
