package dev.sio4ee.jakarta;

import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.spi.WebSocketHandler;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import java.security.Principal;
import java.util.List;
import java.util.Map;

/**
 * The WebSocket transport: a programmatic JSR-356 endpoint at the Engine.IO path. One instance per connection,
 * created by {@link EndpointConfigurator} with the engine passed in (WildFly does not inject programmatic
 * endpoints), so nothing here looks beans up.
 */
public class EngineIoEndpoint extends Endpoint {
    private static final System.Logger LOG = System.getLogger(EngineIoEndpoint.class.getName());
    /** Session user property where the configurator leaves the handshake headers. */
    static final String HEADERS = "dev.sio4ee.handshake.headers";
    /** Session user property where the configurator leaves the client address seen by the upgrade filter. */
    static final String ADDRESS = "dev.sio4ee.handshake.address";
    /** Session user property where the configurator leaves the caller principal of the handshake. */
    static final String PRINCIPAL = "dev.sio4ee.handshake.principal";
    /** Session user property where Tyrus leaves the remote address. */
    static final String TYRUS_REMOTE_ADDRESS = "jakarta.websocket.endpoint.remoteAddress";

    private final EngineServer engine;
    private final ClassLoader sendLoader;
    private volatile WebSocketHandler handler;

    /**
     * Creates the endpoint for one connection.
     * <pre>{@code new EngineIoEndpoint(engine)}</pre>
     *
     * @param engine the engine
     */
    public EngineIoEndpoint(EngineServer engine) {
        this(engine, null);
    }

    /** With the class loader {@link SessionPeer} sends under (see {@link SendLoader}); null keeps the thread's. */
    EngineIoEndpoint(EngineServer engine, ClassLoader sendLoader) {
        this.engine = engine;
        this.sendLoader = sendLoader;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onOpen(Session session, EndpointConfig config) {
        int max = engine.options().maxHttpBufferSize();
        // one byte of slack so the engine, not the container, sees an oversized frame and closes with its reason
        session.setMaxTextMessageBufferSize(max + 1);
        session.setMaxBinaryMessageBufferSize(max + 1);
        // No container idle timeout: the engine's heartbeat closes dead sessions. A positive one raced on Payara:
        // Tyrus arms an idle task with the container default (0) when it creates the session, and that task, when
        // it runs after onOpen has set a positive timeout, closes the session at once ("idle timeout"), so a few
        // fresh connections were closed under load (bench/, 10,000 connections).
        IdleTimer.install(session); // before the next line, which re-arms the idle timer (see IdleTimer)
        session.setMaxIdleTimeout(0);
        Object h = session.getUserProperties().get(HEADERS);
        if (h == null) {
            h = config.getUserProperties().get(HEADERS);
        }
        Map<String, List<String>> headers = h instanceof Map<?, ?> m ? (Map<String, List<String>>) m : Map.of();
        Object address = session.getUserProperties().get(ADDRESS);
        boolean checked = address != null; // the upgrade filter saw and accepted this connection's request
        if (address == null) {
            address = session.getUserProperties().get(TYRUS_REMOTE_ADDRESS);
        }
        String remote = address != null ? String.valueOf(address) : forwardedFor(headers);
        // the handshake's caller, kept by the configurator (HandshakeRequest#getUserPrincipal, read while the
        // upgrade request is still being served); verified with a Jakarta Security caller on both servers
        Object p = session.getUserProperties().get(PRINCIPAL);
        if (p == null) {
            p = config.getUserProperties().get(PRINCIPAL);
        }
        Principal caller = p instanceof Principal pr ? pr : null;
        SessionPeer peer = new SessionPeer(session, headers, remote, caller, sendLoader, engine.scheduler());
        WebSocketHandler hd = engine.openWebSocket(peer, checked);
        handler = hd;
        peer.onWriteFailure(hd::onError);
        session.addMessageHandler(String.class,
                (MessageHandler.Whole<String>) text -> peer.reading(() -> hd.onText(text)));
        session.addMessageHandler(byte[].class,
                (MessageHandler.Whole<byte[]>) data -> peer.reading(() -> hd.onBinary(data)));
        session.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) pong -> peer.onPong());
    }

    private static String forwardedFor(Map<String, List<String>> headers) {
        String xff = Requests.first(headers, "x-forwarded-for");
        return xff == null ? "" : xff.split(",")[0].trim();
    }

    @Override
    public void onClose(Session session, CloseReason closeReason) {
        WebSocketHandler h = handler;
        if (h != null) {
            h.onClose(closeReason.getCloseCode().getCode(), closeReason.getReasonPhrase());
        }
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "websocket error", error);
        WebSocketHandler h = handler;
        if (h != null) {
            h.onError(error);
        }
    }
}
