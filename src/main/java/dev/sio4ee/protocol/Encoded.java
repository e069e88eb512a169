package dev.sio4ee.protocol;

import jakarta.json.JsonValue;
import java.util.List;

/**
 * A list of values that already has its wire form: JSON values whose binary parts are placeholders numbered into
 * its own attachments. {@link Binary#deconstruct(Object)} takes such a list as it is instead of converting every
 * value back and forth, so arguments received and sent on unchanged (an echo, a relay) cost no conversion.
 *
 * <pre>{@code
 * socket.on("echo", (args, ack) -> ack.send(args)); // Args is Encoded: its JSON goes out as it came in
 * }</pre>
 */
public interface Encoded {
    /**
     * The values as JSON, binary parts as placeholders.
     * <pre>{@code List<JsonValue> values = args.json();}</pre>
     *
     * @return the values
     */
    List<JsonValue> json();

    /**
     * The binary parts the placeholders refer to, by index.
     * <pre>{@code List<byte[]> bytes = args.attachments();}</pre>
     *
     * @return the attachments
     */
    List<byte[]> attachments();
}
