package dev.sio4ee.jakarta;

import dev.sio4ee.engine.EngineServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;

/**
 * The long-polling transport: every request under the Engine.IO path goes to the engine in asynchronous mode
 * with non-blocking reads and writes ({@link ServletExchange}), so neither a waiting GET nor a slow client holds a
 * thread. Before that, a GET for the browser client ({@code socket.io.js},
 * {@code socket.io.min.js}, ...) is answered from the {@link ClientBundle} when there is one (Node's
 * {@code serveClient}). Registered by {@link SocketIoBootstrap}; not meant to be declared by hand.
 */
public class EngineIoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient EngineServer engine;
    private final long asyncTimeout;
    private final transient ClientBundle client;

    /**
     * Creates the servlet for an engine, serving no client files.
     * <pre>{@code servletContext.addServlet("sio4ee", new EngineIoServlet(engine));}</pre>
     *
     * @param engine the engine
     */
    public EngineIoServlet(EngineServer engine) {
        this(engine, null);
    }

    /**
     * Creates the servlet for an engine that also serves the browser client.
     * <pre>{@code new EngineIoServlet(engine, ClientBundle.load(loader).orElse(null))}</pre>
     *
     * @param engine the engine
     * @param client the client files to serve, or null to serve none
     */
    public EngineIoServlet(EngineServer engine, ClientBundle client) {
        this.engine = engine;
        this.client = client;
        // a GET is always answered within pingInterval (the ping); this only catches lost requests
        this.asyncTimeout = engine.options().pingInterval() + engine.options().pingTimeout() + 5_000;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        long arrival = System.nanoTime();
        if (client != null) {
            Optional<ClientBundle.Reply> reply = client.answer(req.getMethod(), req.getPathInfo(),
                    req.getHeader("If-None-Match"), req.getHeader("Accept-Encoding"));
            if (reply.isPresent()) {
                ClientBundle.Reply r = reply.get();
                resp.setStatus(r.status());
                r.headers().forEach(resp::setHeader);
                if (r.body().length > 0) {
                    resp.setContentLength(r.body().length);
                    resp.getOutputStream().write(r.body());
                }
                return;
            }
        }
        ServletExchange exchange = new ServletExchange(req, resp, asyncTimeout, arrival);
        try {
            engine.handlePolling(exchange);
        } finally {
            exchange.serviceReturned();
        }
    }
}
