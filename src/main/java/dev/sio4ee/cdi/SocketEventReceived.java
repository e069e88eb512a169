package dev.sio4ee.cdi;

import dev.sio4ee.server.Ack;
import dev.sio4ee.server.Args;
import dev.sio4ee.server.Socket;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Type;

/**
 * CDI event: a client emitted an event (socket.io's {@code socket.on(event, (...args, callback) => ...)}). Fired
 * with the qualifiers {@link NamespaceName} and {@link EventName}; synchronous observers of one socket see its
 * events in arrival order. It carries the same three things a handler gets: the arguments, the acknowledgement
 * callback ({@link #ack()}, answered with {@code ack().send(...)} as in a handler), and the socket.
 *
 * <pre>{@code
 * void message(@Observes @NamespaceName("/chat") @EventName("chat message") SocketEventReceived e) {
 *     ChatLine line = e.arg(0, ChatLine.class);              // JSON-B
 *     e.socket().to("lobby").emit("chat message", line.text());
 *     e.ack().send("stored");                                 // the client's callback, once
 * }
 * }</pre>
 */
public final class SocketEventReceived {
    private final Socket socket;
    private final String event;
    private final Args args;
    private final Ack ack;
    private final Jsonb jsonb;

    SocketEventReceived(Socket socket, String event, Args args, Ack ack, Jsonb jsonb) {
        this.socket = socket;
        this.event = event;
        this.args = args;
        this.ack = ack;
        this.jsonb = jsonb;
    }

    /**
     * The sending socket.
     * <pre>{@code e.socket().join("lobby");}</pre>
     *
     * @return the socket (live: it can emit, join, disconnect)
     */
    public Socket socket() {
        return socket;
    }

    /**
     * The event name.
     * <pre>{@code if (e.event().startsWith("admin:")) ...}</pre>
     *
     * @return the name
     */
    public String event() {
        return event;
    }

    /**
     * The arguments (JSON values and {@code byte[]} attachments); a missing one reads as null through the named
     * accessors (see {@link Args}).
     * <pre>{@code String text = e.args().string(0);}</pre>
     *
     * @return the arguments
     */
    public Args args() {
        return args;
    }

    /**
     * The client's acknowledgement callback ({@link Ack#requested()} false when it asked for none): answer it with
     * {@link Ack#send(Object...)}, once.
     * <pre>{@code
     * if (e.ack().requested()) e.ack().send("stored", 42);
     * e.ack().send(e.args());                                // an echo: the arguments as they came
     * }</pre>
     *
     * @return the callback
     */
    public Ack ack() {
        return ack;
    }

    /**
     * The argument at this index mapped to a Java type with JSON-B.
     * <pre>{@code ChatLine line = e.arg(0, ChatLine.class);}</pre>
     *
     * @param index the index
     * @param type  the target type
     * @param <T>   the type
     * @return the value, or null for a JSON null or a missing argument
     */
    public <T> T arg(int index, Class<T> type) {
        JsonValue json = args.json(index);
        return json == null ? null : jsonb.fromJson(json.toString(), type);
    }

    /**
     * The argument at this index mapped to a generic type with JSON-B.
     * <pre>{@code List<String> names = e.arg(0, new ArrayList<String>(){}.getClass().getGenericSuperclass());}</pre>
     *
     * @param index the index
     * @param type  the target type
     * @param <T>   the type
     * @return the value, or null for a JSON null or a missing argument
     */
    public <T> T arg(int index, Type type) {
        JsonValue json = args.json(index);
        return json == null ? null : jsonb.fromJson(json.toString(), type);
    }

    /**
     * The binary attachment at this argument index.
     * <pre>{@code byte[] image = e.bytes(1);}</pre>
     *
     * @param index the index
     * @return the bytes, or null if that argument is not binary or missing
     */
    public byte[] bytes(int index) {
        return args.bytes(index);
    }

    /**
     * A readable form.
     * <pre>{@code e.toString() // SocketEventReceived[/chat abc... "chat message" ["hi"]]}</pre>
     *
     * @return the description
     */
    @Override
    public String toString() {
        return "SocketEventReceived[" + socket.nsp().name() + " " + socket.id() + " \"" + event + "\" " + args.json()
                + "]";
    }
}
