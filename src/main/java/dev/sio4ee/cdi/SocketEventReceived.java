package dev.sio4ee.cdi;

import dev.sio4ee.server.Ack;
import dev.sio4ee.server.Args;
import dev.sio4ee.server.Socket;
import jakarta.json.bind.Jsonb;
import java.lang.reflect.Type;

/**
 * CDI event: a client emitted an event. Fired with the qualifiers {@link Namespace} and {@link EventName};
 * synchronous observers of one socket see its events in arrival order.
 *
 * <pre>{@code
 * void message(@Observes @Namespace("/chat") @EventName("chat message") SocketEventReceived e) {
 *     ChatLine line = e.arg(0, ChatLine.class);
 *     e.socket().to("lobby").emit("chat message", line.text());
 *     e.ack("stored");
 * }
 * }</pre>
 *
 * @param socket the sending socket
 * @param event  the event name
 * @param args   the arguments (JSON values and {@code byte[]} attachments)
 * @param ack    the client's acknowledgement callback ({@link Ack#NONE} when it asked for none)
 * @param jsonb  the JSON-B instance used by {@link #arg(int, Class)}
 */
public record SocketEventReceived(Socket socket, String event, Args args, Ack ack, Jsonb jsonb) {

    /**
     * The argument at this index mapped to a Java type with JSON-B.
     * <pre>{@code ChatLine line = e.arg(0, ChatLine.class);}</pre>
     *
     * @param index the index
     * @param type  the target type
     * @param <T>   the type
     * @return the value, or null for a JSON null
     */
    public <T> T arg(int index, Class<T> type) {
        return jsonb.fromJson(args.json(index).toString(), type);
    }

    /**
     * The argument at this index mapped to a generic type with JSON-B.
     * <pre>{@code List<String> names = e.arg(0, new ArrayList<String>(){}.getClass().getGenericSuperclass());}</pre>
     *
     * @param index the index
     * @param type  the target type
     * @param <T>   the type
     * @return the value
     */
    public <T> T arg(int index, Type type) {
        return jsonb.fromJson(args.json(index).toString(), type);
    }

    /**
     * The binary attachment at this argument index.
     * <pre>{@code byte[] image = e.bytes(1);}</pre>
     *
     * @param index the index
     * @return the bytes
     */
    public byte[] bytes(int index) {
        return args.bytes(index);
    }

    /**
     * Answers the client's acknowledgement callback; only the first call sends.
     * <pre>{@code e.ack("stored", 42);}</pre>
     *
     * @param values the ack arguments ({@code byte[]} become attachments)
     * @return true if this call sent the acknowledgement
     */
    public boolean ack(Object... values) {
        return ack.send(values);
    }

    /**
     * Whether the client asked for an acknowledgement.
     * <pre>{@code if (e.ackRequested()) e.ack("ok");}</pre>
     *
     * @return true if the client passed an ack callback
     */
    public boolean ackRequested() {
        return ack.requested();
    }
}
