package dev.sio4ee.server;

import dev.sio4ee.adapter.BroadcastFlags;
import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.engine.EngineScheduler;
import dev.sio4ee.protocol.Packet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * A broadcast being configured (socket.io's {@code BroadcastOperator}): target rooms, excluded rooms and flags,
 * then a verb. Immutable: every modifier returns a new operator, so one can be kept and reused. A broadcast is
 * encoded once and the same frames are written to every target.
 *
 * <pre>{@code
 * BroadcastOperator lobby = io.to("lobby").except("banned");
 * lobby.emit("news", "hello");
 * lobby.timeout(1_000).emitWithAck("vote").thenAccept(answers -> log(answers.size()));
 * lobby.socketsJoin("announcements");
 * }</pre>
 */
public final class BroadcastOperator {
    private final Namespace nsp;
    private final Set<String> rooms;
    private final Set<String> except;
    private final BroadcastFlags flags;

    BroadcastOperator(Namespace nsp) {
        this(nsp, Set.of(), Set.of(), BroadcastFlags.NONE);
    }

    private BroadcastOperator(Namespace nsp, Set<String> rooms, Set<String> except, BroadcastFlags flags) {
        this.nsp = nsp;
        this.rooms = rooms;
        this.except = except;
        this.flags = flags;
    }

    private static Set<String> plus(Set<String> set, Collection<String> more) {
        Set<String> copy = new LinkedHashSet<>(set);
        copy.addAll(more);
        return java.util.Collections.unmodifiableSet(copy);
    }

    /**
     * Targets the rooms too (a socket in several of them receives the packet once).
     * <pre>{@code io.to("room1").to("room2").emit("hello");}</pre>
     *
     * @param more the rooms
     * @return a new operator
     */
    public BroadcastOperator to(String... more) {
        return to(Arrays.asList(more));
    }

    /**
     * Targets the rooms too.
     * <pre>{@code io.to(List.of("room1", "room2")).emit("hello");}</pre>
     *
     * @param more the rooms
     * @return a new operator
     */
    public BroadcastOperator to(Collection<String> more) {
        return new BroadcastOperator(nsp, plus(rooms, more), except, flags);
    }

    /**
     * Same as {@link #to(String...)}.
     * <pre>{@code io.in("room1").socketsJoin("room2");}</pre>
     *
     * @param more the rooms
     * @return a new operator
     */
    public BroadcastOperator in(String... more) {
        return to(more);
    }

    /**
     * Excludes the members of the rooms (a socket id is a room).
     * <pre>{@code io.except("room1").emit("hello");}</pre>
     *
     * @param more the excluded rooms
     * @return a new operator
     */
    public BroadcastOperator except(String... more) {
        return except(Arrays.asList(more));
    }

    /**
     * Excludes the members of the rooms.
     * <pre>{@code io.except(List.of(socketId)).emit("hello");}</pre>
     *
     * @param more the excluded rooms
     * @return a new operator
     */
    public BroadcastOperator except(Collection<String> more) {
        return new BroadcastOperator(nsp, rooms, plus(except, more), flags);
    }

    /**
     * Sets the compress flag (socket.io's {@code io.compress(false)}). The flag reaches the adapter in
     * {@link BroadcastOptions#flags()} (a cluster adapter forwards it to the other servers, as Node's do); sio4ee's
     * transports send every packet uncompressed whatever the flag: WebSocket compression (permessage-deflate) is
     * negotiated per connection by the container, and polling responses are not gzipped.
     * <pre>{@code io.compress(false).emit("hello");}</pre>
     *
     * @param compress whether the packet may be compressed
     * @return a new operator
     */
    public BroadcastOperator compress(boolean compress) {
        return new BroadcastOperator(nsp, rooms, except, flags.withCompress(compress));
    }

    /**
     * Lets the packet be dropped for clients that cannot take it now (socket.io's {@code volatile}).
     * <pre>{@code io.asVolatile().emit("tick");}</pre>
     *
     * @return a new operator
     */
    public BroadcastOperator asVolatile() {
        return new BroadcastOperator(nsp, rooms, except, flags.withVolatile(true));
    }

    /**
     * Restricts the broadcast to this server.
     * <pre>{@code io.local().emit("hello");}</pre>
     *
     * @return a new operator
     */
    public BroadcastOperator local() {
        return new BroadcastOperator(nsp, rooms, except, flags.withLocal(true));
    }

    /**
     * Bounds the wait of {@link #emitWithAck}.
     * <pre>{@code io.timeout(1_000).emitWithAck("ping");}</pre>
     *
     * @param millis the timeout, not negative
     * @return a new operator
     * @throws IllegalArgumentException for a negative timeout (see {@link BroadcastFlags})
     */
    public BroadcastOperator timeout(long millis) {
        return new BroadcastOperator(nsp, rooms, except, flags.withTimeout(millis));
    }

    /**
     * The targets and flags, as the adapter receives them.
     * <pre>{@code io.to("a").except("b").options().rooms() // [a]}</pre>
     *
     * @return the options
     */
    public BroadcastOptions options() {
        return new BroadcastOptions(rooms, except, flags);
    }

    /**
     * Emits to the matching sockets.
     * <pre>{@code io.to("room1").emit("hello", "world", new byte[] {1});}</pre>
     *
     * @param event the event name, not reserved
     * @param args  the arguments, each one argument ({@code byte[]} become attachments, a {@code List} is one
     *              array; an {@link Args} alone is sent as the argument list it is, see {@link Args})
     */
    public void emit(String event, Object... args) {
        Emitter.checkEventName(event);
        nsp.broadcast(Packet.event(nsp.name(), event, Args.list(args)), options());
    }

    /**
     * Emits to the matching sockets and collects one acknowledgement per socket, on every server. Without
     * {@link #timeout(long)} it waits for all of them.
     * <pre>{@code io.timeout(5_000).emitWithAck("ping").thenAccept(answers -> answers.forEach(a -> log(a)));}</pre>
     *
     * @param event the event name, not reserved
     * @param args  the arguments, each value one argument (a {@code List} is one array; an {@link Args}
     *              alone is sent as received: see {@link Args})
     * @return the answers, one per socket (empty when no socket matched); fails with
     *     {@link AckTimeoutException} (holding the answers received) after the timeout
     */
    public CompletionStage<List<Args>> emitWithAck(String event, Object... args) {
        Emitter.checkEventName(event);
        Packet packet = Packet.event(nsp.name(), event, Args.list(args));
        Collector collector = new Collector();
        if (flags.timeout() != null) {
            Executor executor = nsp.server().executor(); // the caller's callbacks never run on the timer thread
            collector.timer = nsp.server().scheduler().schedule(() -> executor.execute(collector::timeOut),
                    flags.timeout());
        }
        nsp.adapter().broadcastWithAck(packet, options(), collector::clientCount, collector::response);
        nsp.adapter().serverCount().thenAccept(collector::serverCount);
        return collector.result;
    }

    /** Counts the servers and clients that must answer, completes when all did or at the timeout. */
    private static final class Collector {
        final CompletableFuture<List<Args>> result = new CompletableFuture<>();
        final List<Args> responses = new ArrayList<>();
        volatile EngineScheduler.Cancellable timer = EngineScheduler.Cancellable.NONE;
        int expectedServers = -1;
        int actualServers;
        int expectedClients;

        synchronized void clientCount(int count) {
            expectedClients += count;
            actualServers++;
            check();
        }

        synchronized void response(Packet ack) {
            responses.add(Args.ofAck(ack));
            check();
        }

        synchronized void serverCount(int count) {
            expectedServers = count;
            check();
        }

        synchronized void timeOut() {
            result.completeExceptionally(new AckTimeoutException(responses));
        }

        private void check() {
            if (expectedServers == actualServers && responses.size() == expectedClients && !result.isDone()) {
                timer.cancel();
                result.complete(List.copyOf(responses));
            }
        }
    }

    /**
     * The matching sockets, on every server (unless {@link #local()}).
     * <pre>{@code io.in("room1").fetchSockets().thenAccept(list -> list.forEach(s -> s.leave("room1")));}</pre>
     *
     * @return the sockets
     */
    public CompletionStage<List<RemoteSocket>> fetchSockets() {
        return nsp.adapter().fetchSockets(options())
                .thenApply(list -> list.stream().map(d -> new RemoteSocket(nsp, d)).toList());
    }

    /**
     * Makes the matching sockets join the rooms.
     * <pre>{@code io.in("room1").socketsJoin("room2", "room3");}</pre>
     *
     * @param newRooms the rooms
     */
    public void socketsJoin(String... newRooms) {
        nsp.adapter().addSockets(options(), new LinkedHashSet<>(Arrays.asList(newRooms)));
    }

    /**
     * Makes the matching sockets leave the rooms.
     * <pre>{@code io.in("room1").socketsLeave("room2");}</pre>
     *
     * @param oldRooms the rooms
     */
    public void socketsLeave(String... oldRooms) {
        nsp.adapter().delSockets(options(), new LinkedHashSet<>(Arrays.asList(oldRooms)));
    }

    /**
     * Disconnects the matching sockets.
     * <pre>{@code io.in("room1").disconnectSockets(true);}</pre>
     *
     * @param close whether to close the underlying connections
     */
    public void disconnectSockets(boolean close) {
        nsp.adapter().disconnectSockets(options(), close);
    }
}
