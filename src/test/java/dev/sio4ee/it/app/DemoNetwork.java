package dev.sio4ee.it.app;

import dev.sio4ee.cdi.SocketIoRegistry;
import dev.sio4ee.engine.AllowRequest;
import dev.sio4ee.engine.EngineSession;
import dev.sio4ee.engine.spi.RequestInfo;
import dev.sio4ee.server.Socket;
import dev.sio4ee.server.SocketIoServer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Test application for the demo chat: a network cut the test controls. {@code GET /test/network?drop=bob}
 * closes the Engine.IO sessions of bob's sockets in {@code /chat} (the transport drops, the browser shows its
 * banner and reconnects) and refuses new handshakes until {@code GET /test/network?restore}, so the test can
 * send messages while bob is away.
 */
@WebServlet("/test/network")
public class DemoNetwork extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Inject
    transient SocketIoRegistry registry;

    @Inject
    transient SocketIoServer io;

    @Inject
    transient Cut cut;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        int closed = 0;
        String nickname = req.getParameter("drop");
        if (nickname != null) {
            cut.hold(true);
            for (Socket s : io.of("/chat").sockets().values()) {
                if (nickname.equals(s.data().get("nickname"))) {
                    EngineSession session = registry.engine().session(s.client().id()).orElse(null);
                    if (session != null) {
                        session.close();
                        closed++;
                    }
                }
            }
        }
        if (req.getParameter("restore") != null) {
            cut.hold(false);
        }
        resp.setContentType("application/json");
        resp.getWriter().write("{\"closed\":" + closed + ",\"holding\":" + cut.holding() + "}");
    }

    /** The allowRequest hook: while holding, no new Engine.IO session opens. */
    @ApplicationScoped
    public static class Cut implements AllowRequest {
        private volatile boolean holding;

        public void hold(boolean hold) {
            holding = hold;
        }

        public boolean holding() {
            return holding;
        }

        @Override
        public Verdict check(RequestInfo request) {
            return holding ? Verdict.reject("network cut by the test") : Verdict.ALLOW;
        }
    }
}
