package dev.sio4ee.server;

import dev.sio4ee.adapter.BroadcastFlags;
import dev.sio4ee.protocol.Packet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Emits to one socket with modifiers: socket.io's {@code socket.volatile}, {@code socket.compress(bool)} and
 * {@code socket.timeout(ms)}. Immutable: each modifier returns a new emitter. With connection-state recovery on,
 * an emit goes through the adapter to the socket's own room (as Node does), so that it gets an offset and is
 * replayed if the client was briefly away.
 *
 * <pre>{@code
 * socket.asVolatile().emit("position", 10, 20);
 * socket.compress(false).emit("raw", bytes);
 * socket.timeout(5_000).emitWithAck("question").thenAccept(answer -> log(answer.get(0)));
 * }</pre>
 */
public final class Emitter {
    private final Socket socket;
    private final BroadcastFlags flags;

    Emitter(Socket socket, BroadcastFlags flags) {
        this.socket = socket;
        this.flags = flags;
    }

    /**
     * The same emitter whose packets may be dropped when the connection cannot take them now.
     * <pre>{@code socket.timeout(1_000).asVolatile().emit("tick");}</pre>
     *
     * @return a new emitter
     */
    public Emitter asVolatile() {
        return new Emitter(socket, flags.withVolatile(true));
    }

    /**
     * The same emitter with the compress flag. It travels with the packet to the adapter; sio4ee's transports
     * send every packet uncompressed whatever the flag (see {@link Socket#compress(boolean)}).
     * <pre>{@code socket.timeout(1_000).compress(false).emit("raw", bytes);}</pre>
     *
     * @param compress whether the packet may be compressed
     * @return a new emitter
     */
    public Emitter compress(boolean compress) {
        return new Emitter(socket, flags.withCompress(compress));
    }

    /**
     * The same emitter with an acknowledgement timeout.
     * <pre>{@code socket.asVolatile().timeout(1_000).emitWithAck("ping");}</pre>
     *
     * @param millis the timeout, not negative
     * @return a new emitter
     * @throws IllegalArgumentException for a negative timeout (see {@link BroadcastFlags})
     */
    public Emitter timeout(long millis) {
        return new Emitter(socket, flags.withTimeout(millis));
    }

    /**
     * The flags this emitter sends with.
     * <pre>{@code socket.compress(false).flags().compress() // false}</pre>
     *
     * @return the flags
     */
    public BroadcastFlags flags() {
        return flags;
    }

    /**
     * Emits an event.
     * <pre>{@code socket.asVolatile().emit("hello", "world");}</pre>
     *
     * @param event the event name, not reserved
     * @param args  the arguments, each one argument ({@code byte[]} become attachments, a {@code List} is one
     *              array; an {@link Args} alone is sent as the argument list it is, see {@link Args})
     * @throws IllegalArgumentException for a reserved name or an argument that cannot become JSON
     */
    public void emit(String event, Object... args) {
        send(event(event, args));
    }

    /**
     * Emits an event and waits for the client's acknowledgement.
     * <pre>{@code socket.timeout(5_000).emitWithAck("ping").thenAccept(a -> log(a.string(0)));}</pre>
     *
     * @param event the event name, not reserved
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     * @return the client's answer; fails with {@link AckTimeoutException} after the timeout, or with an
     *     {@link IllegalStateException} if the socket disconnects first
     */
    public CompletionStage<Args> emitWithAck(String event, Object... args) {
        Packet packet = event(event, args).withId(socket.nsp().nextAckId());
        CompletableFuture<Args> answer = socket.expectAck(packet.id(), flags.timeout());
        send(packet);
        return answer;
    }

    private void send(Packet packet) {
        if (socket.nsp().server().options().recoveryEnabled()) {
            socket.emitThroughAdapter(packet, flags);
        } else {
            socket.notifyOutgoing(packet);
            socket.packet(packet, flags.isVolatile());
        }
    }

    private Packet event(String event, Object[] args) {
        checkEventName(event);
        return Packet.event(socket.nsp().name(), event, Args.list(args));
    }

    static void checkEventName(String event) {
        if (event == null || Socket.RESERVED_EVENTS.contains(event)) {
            throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
        }
    }
}
