package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The benchmark's memory probe, the twin of GET /bench/mem in bench/node-server.mjs: after a full GC, the
 * process id, the heap in use and committed, the resident set size, the live threads and the number of Engine.IO
 * clients.
 */
@WebServlet("/bench/mem")
public class BenchStats extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SocketIoRegistry registry;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        write(resp, "sio4ee", registry.engine().clientsCount());
    }

    /**
     * Answers the memory probe: a full GC, then the heap in use, the committed heap, the resident set, the live
     * threads and clients.
     * <pre>{@code BenchStats.write(resp, "payara-floor", open.get());}</pre>
     *
     * @param resp    the response
     * @param server  the server's label
     * @param clients the connections the server holds
     * @throws IOException when the response cannot be written
     */
    public static void write(HttpServletResponse resp, String server, long clients) throws IOException {
        System.gc();
        System.gc();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        resp.setContentType("application/json");
        resp.getWriter().write("{\"server\":\"" + server + "\",\"pid\":" + ProcessHandle.current().pid()
                + ",\"heapUsed\":" + heap.getUsed() + ",\"heapTotal\":" + heap.getCommitted()
                + ",\"rss\":" + rss() + ",\"threads\":" + ManagementFactory.getThreadMXBean().getThreadCount()
                + ",\"clients\":" + clients + "}");
    }

    /** VmRSS of /proc/self/status in bytes, or -1 where there is no /proc. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
