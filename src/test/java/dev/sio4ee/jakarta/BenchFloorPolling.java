package dev.sio4ee.jakarta;

import dev.sio4ee.it.app.BenchStats;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor of the benchmark (bench/) over HTTP long-polling, and its memory probe: the least an asynchronous
 * servlet can do to answer the load generator's polling echo. A GET without sid opens a session, a POST of
 * {@code 40} or {@code 42<id>["echo",args]} queues the answer, and a GET takes what is queued or waits for it.
 * Only the bench WAR has it (bench/build-war.sh), at {@code /floor/socket.io/} and {@code /floor/bench/mem}.
 */
@WebServlet(urlPatterns = {"/floor/socket.io/*", "/floor/bench/mem"}, asyncSupported = true)
public class BenchFloorPolling extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Poll> SESSIONS = new ConcurrentHashMap<>();
    private static final AtomicLong IDS = new AtomicLong();

    /** One polling session: the packets to send, and the GET waiting for them. */
    private static final class Poll {
        final Queue<String> out = new ArrayDeque<>();
        AsyncContext waiting;
    }

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if (req.getServletPath().endsWith("/mem")) {
            BenchStats.write(resp, "payara-floor", BenchFloorSocket.OPEN.get());
            return;
        }
        String sid = req.getParameter("sid");
        if (sid == null) {
            String id = "floor" + IDS.incrementAndGet();
            SESSIONS.put(id, new Poll());
            write(resp, BenchFloorSocket.OPEN_PACKET.replace("\"floor\"", "\"" + id + "\""));
            return;
        }
        Poll poll = SESSIONS.get(sid);
        if (poll == null) {
            resp.sendError(400, "unknown sid");
            return;
        }
        String body;
        synchronized (poll) {
            body = drain(poll);
            if (body == null) {
                poll.waiting = req.startAsync();
                poll.waiting.setTimeout(30_000);
                return;
            }
        }
        write(resp, body);
    }

    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String sid = String.valueOf(req.getParameter("sid"));
        Poll poll = SESSIONS.get(sid);
        String packet = new String(req.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (poll == null) {
            resp.sendError(400, "unknown sid");
            return;
        }
        String answer = packet.startsWith("42") ? BenchFloorSocket.echoAck(packet)
                : packet.equals("40") ? "40{\"sid\":\"floor\"}" : null;
        if (packet.equals("1")) {
            SESSIONS.remove(sid);
        }
        AsyncContext parked = null;
        String body = null;
        synchronized (poll) {
            if (answer != null) {
                poll.out.add(answer);
            }
            if (poll.waiting != null && !poll.out.isEmpty()) {
                parked = poll.waiting;
                poll.waiting = null;
                body = drain(poll);
            }
        }
        write(resp, "ok");
        if (parked != null) { // answered on the container's async thread, as sio4ee does (ServletExchange)
            AsyncContext a = parked;
            String b = body;
            a.start(() -> {
                try {
                    write((HttpServletResponse) a.getResponse(), b);
                } catch (IOException e) {
                    log("floor: write failed", e);
                } finally {
                    a.complete();
                }
            });
        }
    }

    private static String drain(Poll poll) {
        if (poll.out.isEmpty()) {
            return null;
        }
        String body = String.join("\u001e", poll.out);
        poll.out.clear();
        return body;
    }

    private static void write(HttpServletResponse resp, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        resp.setContentType("text/plain; charset=UTF-8");
        resp.setContentLength(bytes.length);
        resp.getOutputStream().write(bytes);
    }
}
