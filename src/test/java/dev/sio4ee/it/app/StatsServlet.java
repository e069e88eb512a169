package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoRegistry;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Test application: tells the tests how many Engine.IO sessions the server holds. */
@WebServlet("/test/stats")
public class StatsServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SocketIoRegistry registry;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        resp.setContentType("application/json");
        resp.getWriter().write("{\"clientsCount\":" + registry.engine().clientsCount() + "}");
    }
}
