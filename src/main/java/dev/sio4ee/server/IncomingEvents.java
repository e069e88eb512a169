package dev.sio4ee.server;

import dev.sio4ee.protocol.Packet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The path of the events a socket receives, as socket.io's {@code onevent}/{@code dispatch}: the {@code onAny}
 * listeners, then the packet middlewares, then the server listeners and the handlers of the event; a
 * middleware's error goes to the error listeners instead.
 */
final class IncomingEvents {
    private static final System.Logger LOG = System.getLogger(IncomingEvents.class.getName());

    private final Socket socket;
    private final Map<String, List<EventHandler>> handlers = new ConcurrentHashMap<>();
    private final List<AnyListener> anyListeners = new CopyOnWriteArrayList<>();
    private final List<PacketMiddleware> middlewares = new CopyOnWriteArrayList<>();
    private final List<Consumer<Exception>> errorListeners = new CopyOnWriteArrayList<>();

    IncomingEvents(Socket socket) {
        this.socket = socket;
    }

    void on(String event, EventHandler handler) {
        handlers.computeIfAbsent(event, k -> new CopyOnWriteArrayList<>()).add(Objects.requireNonNull(handler));
    }

    void off(String event, EventHandler handler) {
        List<EventHandler> list = handlers.get(event);
        if (list != null) {
            list.remove(handler);
        }
    }

    List<AnyListener> anyListeners() {
        return anyListeners;
    }

    void use(PacketMiddleware middleware) {
        middlewares.add(Objects.requireNonNull(middleware, "middleware"));
    }

    void onError(Consumer<Exception> listener) {
        errorListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** An EVENT packet arrived from the client. */
    void receive(Packet packet) {
        String event = Args.eventName(packet);
        Args args = Args.ofEvent(packet);
        Ack ack = packet.id() == null ? Ack.NONE : new ClientAck(socket, packet.id());
        for (AnyListener l : anyListeners) {
            Listeners.run(() -> l.onEvent(event, args), "onAny listener");
        }
        if (middlewares.isEmpty()) {
            dispatch(event, args, ack);
            return;
        }
        IncomingEvent incoming = new IncomingEvent(event, args, ack);
        PacketMiddlewareChain.run(List.copyOf(middlewares), incoming, error -> {
            if (error != null) {
                fail(error);
            } else if (socket.connected()) {
                dispatch(incoming.name(), incoming.args(), incoming.ack());
            }
        });
    }

    private void dispatch(String event, Args args, Ack ack) {
        socket.nsp().server().listeners().forEach(l -> Listeners.run(() -> l.onEvent(socket, event, args, ack),
                "server listener"));
        List<EventHandler> list = handlers.get(event);
        if (list != null) {
            for (EventHandler h : list) {
                Listeners.run(() -> h.onEvent(args, ack), "handler of \"" + event + "\"");
            }
        }
    }

    private void fail(Exception error) {
        if (errorListeners.isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}: event refused by a middleware: {1}", socket, error.getMessage());
        }
        for (Consumer<Exception> l : errorListeners) {
            Listeners.run(() -> l.accept(error), "error listener");
        }
    }
}
