package dev.sio4ee.jakarta;

import dev.sio4ee.engine.EngineServer;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The long-polling transport: every request under the Engine.IO path goes to the engine in asynchronous mode,
 * so a waiting GET holds no thread. Registered by {@link SocketIoBootstrap}; not meant to be declared by hand.
 */
public class EngineIoServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    private final transient EngineServer engine;
    private final long asyncTimeout;

    /**
     * Creates the servlet for an engine.
     * <pre>{@code servletContext.addServlet("sio4ee", new EngineIoServlet(engine));}</pre>
     *
     * @param engine the engine
     */
    public EngineIoServlet(EngineServer engine) {
        this.engine = engine;
        // a GET is always answered within pingInterval (the ping); this only catches lost requests
        this.asyncTimeout = engine.options().pingInterval() + engine.options().pingTimeout() + 5_000;
    }

    @Override
    protected void service(HttpServletRequest req, HttpServletResponse resp) {
        ServletExchange exchange = new ServletExchange(req, resp, asyncTimeout);
        try {
            engine.handlePolling(exchange);
        } finally {
            exchange.serviceReturned();
        }
    }
}
