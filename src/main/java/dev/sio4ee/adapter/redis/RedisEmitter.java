package dev.sio4ee.adapter.redis;

import dev.sio4ee.protocol.Binary;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Sends to the clients of a Socket.IO cluster from Java code outside the socket servers (a batch job, another WAR,
 * a plain {@code main}): the Java twin of Node's {@code @socket.io/redis-emitter} 5.1, with its wire format (uid
 * {@code "emitter"}, msgpack broadcasts on the classic adapter's channels, JSON requests), so sio4ee nodes and Node
 * nodes with the classic Redis adapter receive it alike. No CDI and no socket server needed: a Redis URI or an open
 * {@link RedisConnection}. Emitters and their {@link Operator}s are immutable and thread-safe.
 *
 * <pre>{@code
 * try (RedisEmitter io = RedisEmitter.create("redis://127.0.0.1:6379")) {
 *     io.emit("news", "hello everyone");
 *     io.of("/chat").to("room1").except("room2").emit("message", Map.of("text", "hi"), new byte[] {1, 2});
 *     io.in("room1").socketsJoin("room2");
 *     io.to("banned").disconnectSockets(true);
 *     io.serverSideEmit("reload", 42);
 * }
 * }</pre>
 */
public final class RedisEmitter implements AutoCloseable {
    /** Event names a client cannot receive, as Node's {@code RESERVED_EVENTS}. */
    public static final Set<String> RESERVED_EVENTS = Set.of("connect", "connect_error", "disconnect",
            "disconnecting", "newListener", "removeListener");

    private final RedisConnection redis;
    private final boolean ownsConnection;
    private final String key;
    private final String nsp;

    private RedisEmitter(RedisConnection redis, boolean ownsConnection, String key, String nsp) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.ownsConnection = ownsConnection;
        this.key = new RedisAdapterOptions(key, 1, false, RedisAdapterOptions.DEFAULT_KEY,
                RedisAdapterOptions.SubscriptionMode.DYNAMIC).key();
        this.nsp = nsp;
    }

    /**
     * An emitter with its own connection (closed by {@link #close()}), for the default key {@code "socket.io"}.
     * <pre>{@code RedisEmitter io = RedisEmitter.create("redis://127.0.0.1:6379");}</pre>
     *
     * @param uri the Redis URI (see {@link RedisConnection#open(String)})
     * @return the emitter of the main namespace
     */
    public static RedisEmitter create(String uri) {
        return new RedisEmitter(RedisConnection.open(uri), true, RedisAdapterOptions.DEFAULT_KEY, "/");
    }

    /**
     * An emitter on a connection of the application's (not closed by {@link #close()}).
     * <pre>{@code RedisEmitter io = RedisEmitter.create(redis, "socket.io");}</pre>
     *
     * @param redis the connection
     * @param key   the channel prefix of the cluster's adapters ({@code "socket.io"} by default)
     * @return the emitter of the main namespace
     */
    public static RedisEmitter create(RedisConnection redis, String key) {
        return new RedisEmitter(redis, false, key, "/");
    }

    /**
     * The emitter of another namespace (a missing leading slash is added, as Node's).
     * <pre>{@code io.of("/chat").emit("hello");}</pre>
     *
     * @param namespace the namespace
     * @return the emitter
     */
    public RedisEmitter of(String namespace) {
        String n = namespace.startsWith("/") ? namespace : "/" + namespace;
        return new RedisEmitter(redis, false, key, n);
    }

    /**
     * The namespace this emitter sends to.
     * <pre>{@code io.of("chat").namespace() // "/chat"}</pre>
     *
     * @return the namespace
     */
    public String namespace() {
        return nsp;
    }

    private Operator all() {
        return new Operator(this, Set.of(), Set.of(), null, null);
    }

    /**
     * Targets the clients in the rooms.
     * <pre>{@code io.to("room1").emit("hello");}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public Operator to(String... rooms) {
        return all().to(rooms);
    }

    /**
     * Same as {@link #to}.
     * <pre>{@code io.in("room1").socketsJoin("room2");}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public Operator in(String... rooms) {
        return all().to(rooms);
    }

    /**
     * Targets every client except those in the rooms.
     * <pre>{@code io.except("room1").emit("hello");}</pre>
     *
     * @param rooms the rooms
     * @return the operator
     */
    public Operator except(String... rooms) {
        return all().except(rooms);
    }

    /**
     * The following event may be lost if a client is not ready to receive it.
     * <pre>{@code io.volatileEmit().emit("tick");}</pre>
     *
     * @return the operator
     */
    public Operator volatileEmit() {
        return all().volatileEmit();
    }

    /**
     * Sets whether the following event is compressed.
     * <pre>{@code io.compress(false).emit("tick");}</pre>
     *
     * @param compress whether to compress
     * @return the operator
     */
    public Operator compress(boolean compress) {
        return all().compress(compress);
    }

    /**
     * Sends an event to every client of the namespace.
     * <pre>{@code io.emit("news", "hello", 42);}</pre>
     *
     * @param event the event name
     * @param args  its arguments (JSON values, strings, numbers, maps, lists, {@code byte[]}...)
     * @return completes with the number of Redis subscribers that received it; fails when Redis is unreachable
     */
    public CompletionStage<Long> emit(String event, Object... args) {
        return all().emit(event, args);
    }

    /**
     * Makes every client of the namespace join the rooms.
     * <pre>{@code io.socketsJoin("room1");}</pre>
     *
     * @param rooms the rooms
     * @return completes when published
     */
    public CompletionStage<Long> socketsJoin(String... rooms) {
        return all().socketsJoin(rooms);
    }

    /**
     * Makes every client of the namespace leave the rooms.
     * <pre>{@code io.socketsLeave("room1");}</pre>
     *
     * @param rooms the rooms
     * @return completes when published
     */
    public CompletionStage<Long> socketsLeave(String... rooms) {
        return all().socketsLeave(rooms);
    }

    /**
     * Disconnects every client of the namespace.
     * <pre>{@code io.disconnectSockets(true);}</pre>
     *
     * @param close whether to close the underlying connections too
     * @return completes when published
     */
    public CompletionStage<Long> disconnectSockets(boolean close) {
        return all().disconnectSockets(close);
    }

    /**
     * Sends an event to the server-side handlers of every server of the namespace (no acknowledgements, as
     * Node's emitter).
     * <pre>{@code io.serverSideEmit("reload", "config");}</pre>
     *
     * @param event the event name
     * @param args  its arguments
     * @return completes when published
     */
    public CompletionStage<Long> serverSideEmit(String event, Object... args) {
        Binary.Deconstructed d = arguments(event, args);
        JsonObject request = ClassicWire.object().add("uid", ClassicWire.EMITTER_UID)
                .add("type", ClassicWire.SERVER_SIDE_EMIT).add("data", d.data()).build();
        return publish(channels().request(), ClassicWire.encode(request, d.attachments()));
    }

    /**
     * Closes the connection if this emitter opened it ({@link #create(String)}).
     * <pre>{@code io.close();}</pre>
     */
    @Override
    public void close() {
        if (ownsConnection) {
            redis.close();
        }
    }

    private ClassicWire.Channels channels() {
        return new ClassicWire.Channels(key, nsp);
    }

    private CompletionStage<Long> publish(String channel, byte[] message) {
        return redis.publish(channel, message);
    }

    private static Binary.Deconstructed arguments(String event, Object... args) {
        Objects.requireNonNull(event, "event");
        List<Object> data = new ArrayList<>(args.length + 1);
        data.add(event);
        data.addAll(Arrays.asList(args));
        return Binary.deconstruct(data);
    }

    /**
     * Targets and flags of the next operation; immutable, each method returns a new operator.
     * <pre>{@code RedisEmitter.Operator op = io.to("room1").except("room2").volatileEmit();}</pre>
     *
     * @param emitter  the emitter (namespace and connection)
     * @param rooms    the target rooms (none: all)
     * @param except   the excluded rooms
     * @param volatile_ the volatile flag, or null when unset
     * @param compress the compress flag, or null when unset
     */
    public record Operator(RedisEmitter emitter, Set<String> rooms, Set<String> except, Boolean volatile_,
                           Boolean compress) {
        /**
         * Copies the room sets.
         * <pre>{@code new RedisEmitter.Operator(io, Set.of("r"), Set.of(), null, null)}</pre>
         *
         * @param emitter   see the record doc
         * @param rooms     see the record doc
         * @param except    see the record doc
         * @param volatile_ see the record doc
         * @param compress  see the record doc
         */
        public Operator {
            Objects.requireNonNull(emitter, "emitter");
            rooms = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(rooms));
            except = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(except));
        }

        /**
         * Adds target rooms.
         * <pre>{@code io.to("a").to("b").emit("hi");}</pre>
         *
         * @param more the rooms
         * @return the new operator
         */
        public Operator to(String... more) {
            Set<String> r = new LinkedHashSet<>(rooms);
            r.addAll(Arrays.asList(more));
            return new Operator(emitter, r, except, volatile_, compress);
        }

        /**
         * Same as {@link #to}.
         * <pre>{@code io.in("a").in("b").socketsJoin("c");}</pre>
         *
         * @param more the rooms
         * @return the new operator
         */
        public Operator in(String... more) {
            return to(more);
        }

        /**
         * Adds excluded rooms.
         * <pre>{@code io.to("a").except("b").emit("hi");}</pre>
         *
         * @param more the rooms
         * @return the new operator
         */
        public Operator except(String... more) {
            Set<String> e = new LinkedHashSet<>(except);
            e.addAll(Arrays.asList(more));
            return new Operator(emitter, rooms, e, volatile_, compress);
        }

        /**
         * Sets the volatile flag.
         * <pre>{@code io.to("a").volatileEmit().emit("tick");}</pre>
         *
         * @return the new operator
         */
        public Operator volatileEmit() {
            return new Operator(emitter, rooms, except, true, compress);
        }

        /**
         * Sets the compress flag.
         * <pre>{@code io.to("a").compress(false).emit("tick");}</pre>
         *
         * @param value whether to compress
         * @return the new operator
         */
        public Operator compress(boolean value) {
            return new Operator(emitter, rooms, except, volatile_, value);
        }

        /**
         * Sends an event to the targeted clients (msgpack {@code ["emitter", packet, opts]} on the namespace's
         * channel, or the room's channel for exactly one room).
         * <pre>{@code io.to("room1").emit("message", "hi", new byte[] {1});}</pre>
         *
         * @param event the event name (not a reserved one)
         * @param args  its arguments
         * @return completes with the number of Redis subscribers that received it
         * @throws IllegalArgumentException for a reserved event name
         */
        public CompletionStage<Long> emit(String event, Object... args) {
            if (RESERVED_EVENTS.contains(event)) {
                throw new IllegalArgumentException("\"" + event + "\" is a reserved event name");
            }
            Binary.Deconstructed d = arguments(event, args);
            JsonObject packet = ClassicWire.object().add("type", 2).add("data", d.data())
                    .add("nsp", emitter.nsp).build();
            JsonObjectBuilder flags = ClassicWire.object();
            if (volatile_ != null) {
                flags.add("volatile", volatile_);
            }
            if (compress != null) {
                flags.add("compress", compress);
            }
            JsonObject opts = ClassicWire.object().add("rooms", dev.sio4ee.adapter.ClusterCodec.strings(rooms))
                    .add("flags", flags).add("except", dev.sio4ee.adapter.ClusterCodec.strings(except)).build();
            JsonValue message = ClassicWire.JSON.createArrayBuilder().add(ClassicWire.EMITTER_UID).add(packet)
                    .add(opts).build();
            ClassicWire.Channels ch = emitter.channels();
            String channel = rooms.size() == 1 ? ch.broadcast() + rooms.iterator().next() + "#" : ch.broadcast();
            return emitter.publish(channel, MsgPack.encode(message, d.attachments()));
        }

        /**
         * Makes the targeted clients join the rooms.
         * <pre>{@code io.in("room1").socketsJoin("room2", "room3");}</pre>
         *
         * @param newRooms the rooms
         * @return completes when published
         */
        public CompletionStage<Long> socketsJoin(String... newRooms) {
            return request(ClassicWire.REMOTE_JOIN, ClassicWire.object()
                    .add("rooms", dev.sio4ee.adapter.ClusterCodec.strings(Arrays.asList(newRooms))));
        }

        /**
         * Makes the targeted clients leave the rooms.
         * <pre>{@code io.in("room1").socketsLeave("room2");}</pre>
         *
         * @param oldRooms the rooms
         * @return completes when published
         */
        public CompletionStage<Long> socketsLeave(String... oldRooms) {
            return request(ClassicWire.REMOTE_LEAVE, ClassicWire.object()
                    .add("rooms", dev.sio4ee.adapter.ClusterCodec.strings(Arrays.asList(oldRooms))));
        }

        /**
         * Disconnects the targeted clients.
         * <pre>{@code io.in("room1").disconnectSockets(false);}</pre>
         *
         * @param close whether to close the underlying connections too
         * @return completes when published
         */
        public CompletionStage<Long> disconnectSockets(boolean close) {
            return request(ClassicWire.REMOTE_DISCONNECT, ClassicWire.object().add("close", close));
        }

        private CompletionStage<Long> request(int type, JsonObjectBuilder rest) {
            JsonObjectBuilder b = ClassicWire.object().add("type", type).add("opts", ClassicWire.object()
                    .add("rooms", dev.sio4ee.adapter.ClusterCodec.strings(rooms))
                    .add("except", dev.sio4ee.adapter.ClusterCodec.strings(except)));
            rest.build().forEach(b::add);
            return emitter.publish(emitter.channels().request(), ClassicWire.encode(b.build(), List.of()));
        }
    }
}
