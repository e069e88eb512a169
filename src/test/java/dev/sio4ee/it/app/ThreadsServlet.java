package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoRegistry;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;

/**
 * Test servlet of {@code RedisClusterIT}: {@code GET threads} lists this application's threads (those whose class
 * this application loaded, as the Redis client's Netty threads, and sio4ee's own {@code sio4ee-*} threads);
 * {@code GET threads?action=stop} first stops the server as an undeploy does ({@link SocketIoRegistry#stop()}),
 * then waits (at most 20 s) for those threads to end and lists the ones left.
 */
@WebServlet("/threads")
public class ThreadsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SocketIoRegistry registry;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        if ("stop".equals(req.getParameter("action"))) {
            registry.stop();
            for (int i = 0; i < 200 && !own().isEmpty(); i++) {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        JsonArrayBuilder names = Json.createArrayBuilder();
        own().forEach(t -> names.add(t.getName() + " (" + t.getClass().getName() + ")"));
        resp.setContentType("application/json");
        resp.getWriter().write(Json.createObjectBuilder().add("threads", names).build().toString());
    }

    private static List<Thread> own() {
        ClassLoader mine = ThreadsServlet.class.getClassLoader();
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getClass().getClassLoader() == mine || t.getName().startsWith("sio4ee-")).toList();
    }
}
