package dev.sio4ee.jakarta;

import dev.sio4ee.engine.EngineServer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Checks WebSocket upgrade requests at the Engine.IO path before the container upgrades them, and answers a
 * refused one (unknown sid, bad origin, wrong transport or protocol version) with HTTP 400 and the error text,
 * as Node's engine.io does. Refusing before the upgrade also spares the container a connection closed inside its
 * own upgrade (Payara logs an error and recycles the response early when that happens).
 */
final class UpgradeFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private final transient EngineServer engine;
    private final transient UpgradeAddresses addresses;

    UpgradeFilter(EngineServer engine, UpgradeAddresses addresses) {
        this.engine = engine;
        this.addresses = addresses;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String upgrade = request.getHeader("Upgrade");
        if (upgrade != null && upgrade.equalsIgnoreCase("websocket")) {
            String refusal = engine.refuseUpgrade(new RequestView(request) { });
            if (refusal != null) {
                byte[] body = refusal.getBytes(StandardCharsets.UTF_8);
                response.setStatus(400);
                response.setHeader("Connection", "close");
                response.setContentType("text/html");
                response.setContentLength(body.length);
                response.getOutputStream().write(body);
                return;
            }
            addresses.remember(request.getHeader("Sec-WebSocket-Key"), request.getRemoteAddr(), System.nanoTime());
        }
        chain.doFilter(request, response);
    }
}
