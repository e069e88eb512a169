package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoRegistry;
import dev.sio4ee.server.SocketIoServer;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;

/**
 * Test application for the slow-clients IT, at {@code test/slow?action=...}: {@code heap} (bytes used after a
 * full GC), {@code broadcast} (count, size, volatileEvery: numbered broadcasts to everyone, and a volatile one
 * every so often), {@code flood} (id, count, size: distinct large messages to one socket), {@code reasons}
 * (disconnect reasons by socket id), {@code clients} (open Engine.IO sessions).
 */
@WebServlet("/test/slow")
public class SlowClientsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SocketIoRegistry registry;
    @Inject
    transient SlowClientsSetup setup;
    @Inject
    transient SocketIoServer io;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String answer = switch (req.getParameter("action")) {
            case "heap" -> String.valueOf(usedAfterGc());
            case "broadcast" -> broadcast(Integer.parseInt(req.getParameter("count")),
                    Integer.parseInt(req.getParameter("size")), Integer.parseInt(req.getParameter("volatileEvery")));
            case "flood" -> flood(req.getParameter("id"), Integer.parseInt(req.getParameter("count")),
                    Integer.parseInt(req.getParameter("size")));
            case "reasons" -> setup.reasons().entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n"));
            case "clients" -> String.valueOf(registry.engine().clientsCount());
            default -> "unknown action";
        };
        resp.setContentType("text/plain");
        resp.getWriter().write(answer);
    }

    private static long usedAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            used = Math.min(used, rt.totalMemory() - rt.freeMemory());
        }
        return used;
    }

    private String broadcast(int count, int size, int volatileEvery) {
        String pad = "b".repeat(size);
        long start = System.nanoTime();
        for (int i = 1; i <= count; i++) {
            io.emit("b", i, System.currentTimeMillis(), pad);
            if (volatileEvery > 0 && i % volatileEvery == 0) {
                io.asVolatile().emit("v", i);
            }
        }
        return String.valueOf((System.nanoTime() - start) / 1_000_000);
    }

    private String flood(String id, int count, int size) {
        String pad = "f".repeat(size);
        for (int i = 1; i <= count; i++) {
            io.to(id).emit("f", i, pad); // each emit encodes a new frame: distinct memory
        }
        return "flooded";
    }
}
