package dev.sio4ee.it.app;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test servlet of {@code RedeployIT}, in a probe WAR of its own: {@code GET jvm-threads} lists the live threads
 * of the whole JVM that a Redis-clustered sio4ee application starts (Lettuce's and Netty's, Reactor's, and
 * sio4ee's own {@code sio4ee-*} threads), by name and class, whichever application started them.
 */
@WebServlet("/jvm-threads")
public class JvmThreadsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        JsonArrayBuilder names = Json.createArrayBuilder();
        Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(JvmThreadsServlet::clusterThread)
                .forEach(t -> names.add(t.getName() + " (" + t.getClass().getName() + ")"));
        resp.setContentType("application/json");
        resp.getWriter().write(Json.createObjectBuilder().add("threads", names).build().toString());
    }

    static boolean clusterThread(Thread t) {
        String name = t.getName();
        String type = t.getClass().getName();
        return name.startsWith("lettuce-") || name.startsWith("sio4ee-") || type.startsWith("io.netty.")
                || type.startsWith("reactor.") || type.startsWith("io.lettuce.");
    }
}
