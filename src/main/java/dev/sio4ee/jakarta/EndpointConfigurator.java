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
    private final UpgradeAddresses addresses;
    /** One per application, made while the application's class loader is the context class loader. */
    private final ClassLoader sendLoader = new SendLoader(Thread.currentThread().getContextClassLoader());

    EndpointConfigurator(EngineServer engine, UpgradeAddresses addresses) {
        this.engine = engine;
        this.addresses = addresses;
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        var headers = Requests.lowerCase(request.getHeaders());
        sec.getUserProperties().put(EngineIoEndpoint.HEADERS, headers);
        String address = addresses.take(Requests.first(headers, "sec-websocket-key"), System.nanoTime());
        if (address != null) {
            // only the upgrade filter leaves an address: it also checked the request (AllowRequest included)
            sec.getUserProperties().put(EngineIoEndpoint.ADDRESS, address);
        } else {
            sec.getUserProperties().remove(EngineIoEndpoint.ADDRESS);
        }
        if (request.getUserPrincipal() != null) {
            sec.getUserProperties().put(EngineIoEndpoint.PRINCIPAL, request.getUserPrincipal());
        } else {
            sec.getUserProperties().remove(EngineIoEndpoint.PRINCIPAL);
        }
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
