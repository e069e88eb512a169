package dev.sio4ee.jakarta;

import dev.sio4ee.engine.EngineServer;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Creates one {@link EngineIoEndpoint} per connection with the engine passed in, keeps the handshake headers
 * for it (Jakarta WebSocket 2.1 gives every connection its own copy of the user properties), and refuses
 * cross-origin pages that are not on the allow-list with HTTP 403.
 */
final class EndpointConfigurator extends ServerEndpointConfig.Configurator {
    private final EngineServer engine;
    /** One per application, made while the application's class loader is the context class loader. */
    private final ClassLoader sendLoader = new SendLoader(Thread.currentThread().getContextClassLoader());

    EndpointConfigurator(EngineServer engine) {
        this.engine = engine;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        sec.getUserProperties().put(EngineIoEndpoint.HEADERS, Requests.lowerCase(request.getHeaders()));
    }

    @Override
    public boolean checkOrigin(String originHeaderValue) {
        // the same-origin case needs the Host header, which checkOrigin does not see: the engine checks
        // the full policy on open; here only malformed origins are refused early
        return !dev.sio4ee.engine.Cors.isMalformed(originHeaderValue);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getEndpointInstance(Class<T> endpointClass) {
        if (endpointClass != EngineIoEndpoint.class) {
            throw new IllegalArgumentException("unexpected endpoint class " + endpointClass);
        }
        return (T) new EngineIoEndpoint(engine, sendLoader);
    }
}
