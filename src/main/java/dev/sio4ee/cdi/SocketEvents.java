package dev.sio4ee.cdi;

import dev.sio4ee.server.Ack;
import dev.sio4ee.server.Args;
import dev.sio4ee.server.DisconnectReason;
import dev.sio4ee.server.ServerListener;
import dev.sio4ee.server.Socket;
import jakarta.json.bind.Jsonb;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The event bridge: hears every socket of the server (static namespaces and dynamic children alike) and fires
 * {@link SocketConnected}, {@link SocketEventReceived}, {@link SocketDisconnecting} and {@link SocketDisconnected}
 * with the {@link NamespaceName} (and {@link EventName}) qualifiers. Synchronous observers run on the socket's serial
 * dispatcher (the server listener is called there), so they see a socket's life in order; an exception is logged
 * and the connection lives on.
 */
final class SocketEvents implements ServerListener {
    private static final System.Logger LOG = System.getLogger(SocketEvents.class.getName());

    private final Routes routes;
    private final Jsonb jsonb;
    private final Consumer<Runnable> around;

    /**
     * @param routes the observer routes
     * @param jsonb  the JSON-B instance given to {@link SocketEventReceived}
     * @param around runs a delivery in the application's context (class loader, request context)
     */
    SocketEvents(Routes routes, Jsonb jsonb, Consumer<Runnable> around) {
        this.routes = routes;
        this.jsonb = jsonb;
        this.around = around;
    }

    @Override
    public void onConnected(Socket socket) {
        deliver(new Routes.Key(SocketConnected.class, socket.nsp().name(), null), () -> new SocketConnected(socket));
    }

    @Override
    public void onEvent(Socket socket, String event, Args args, Ack ack) {
        deliver(new Routes.Key(SocketEventReceived.class, socket.nsp().name(), event),
                () -> new SocketEventReceived(socket, event, args, ack, jsonb));
    }

    @Override
    public void onDisconnecting(Socket socket, DisconnectReason reason, String description) {
        deliver(new Routes.Key(SocketDisconnecting.class, socket.nsp().name(), null),
                () -> new SocketDisconnecting(socket, reason, description));
    }

    @Override
    public void onDisconnected(Socket socket, DisconnectReason reason, String description) {
        deliver(new Routes.Key(SocketDisconnected.class, socket.nsp().name(), null),
                () -> new SocketDisconnected(socket, reason, description));
    }

    private void deliver(Routes.Key key, Supplier<Object> make) {
        Routes.Route route;
        try {
            route = routes.route(key, make);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not resolve the observers of " + describe(key), e);
            return;
        }
        if (!route.observed()) {
            return;
        }
        Object event = make.get();
        around.accept(() -> {
            if (route.sync()) {
                try {
                    route.target().fire(event);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "an observer of " + describe(key) + " failed", e);
                }
            }
            if (route.async()) {
                route.target().fireAsync(event).whenComplete((ignored, error) -> {
                    if (error != null) {
                        LOG.log(System.Logger.Level.WARNING, "an async observer of " + describe(key) + " failed",
                                error);
                    }
                });
            }
        });
    }

    static String describe(Routes.Key key) {
        return key.type().getSimpleName() + " @NamespaceName(\"" + key.namespace() + "\")"
                + (key.event() == null ? "" : " @EventName(\"" + key.event() + "\")");
    }
}
