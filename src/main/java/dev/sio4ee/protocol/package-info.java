/**
 * The Socket.IO protocol v5 packet codec (the default socket.io-parser format), on top of JSON-P.
 *
 * <h2>Wire format</h2>
 * <pre>
 * &lt;type&gt;[&lt;# of attachments&gt;-][&lt;namespace&gt;,][&lt;ack id&gt;][&lt;JSON payload&gt;]  + the binary attachments
 * </pre>
 * <table>
 * <caption>Examples (each is sent inside an Engine.IO MESSAGE, i.e. prefixed by {@code 4})</caption>
 * <tr><td>{@code 0}</td><td>CONNECT to {@code /}</td></tr>
 * <tr><td>{@code 0/admin,{"sid":"oSO0OpakMV_3jnilAAAA"}}</td><td>CONNECT to {@code /admin} with a payload</td></tr>
 * <tr><td>{@code 4{"message":"Not authorized"}}</td><td>CONNECT_ERROR</td></tr>
 * <tr><td>{@code 1/admin,}</td><td>DISCONNECT from {@code /admin}</td></tr>
 * <tr><td>{@code 2["foo"]}</td><td>EVENT</td></tr>
 * <tr><td>{@code 212["foo"]}</td><td>EVENT with ack id 12</td></tr>
 * <tr><td>{@code 3/admin,13["bar"]}</td><td>ACK of event 13 on {@code /admin}</td></tr>
 * <tr><td>{@code 51-["baz",{"_placeholder":true,"num":0}]} + 1 binary message</td><td>BINARY_EVENT</td></tr>
 * <tr><td>{@code 61-15["bar",{"_placeholder":true,"num":0}]} + 1 binary message</td><td>BINARY_ACK</td></tr>
 * </table>
 *
 * <h2>Sending</h2>
 * Build a {@link dev.sio4ee.protocol.Packet} (the factories convert Java arguments, {@code byte[]} becoming
 * attachments) and encode it once with the thread-safe {@link dev.sio4ee.protocol.Encoder}; the immutable result
 * can be sent to any number of clients (a broadcast encodes once):
 * <pre>{@code
 * Encoder encoder = new Encoder();
 * List<Object> frames = encoder.encode(Packet.event("/", "news", List.of("hello", Map.of("img", pngBytes))));
 * // frames.get(0): 51-["news","hello",{"img":{"_placeholder":true,"num":0}}]   -> text message "4" + it
 * // frames.get(1): pngBytes                                                     -> binary message
 *
 * encoder.encode(Packet.ack("/", 12, List.of("ok")));                // ["312[\"ok\"]"]
 * encoder.encode(Packet.connect("/admin", sidObject));               // ["0/admin,{\"sid\":\"...\"}"]
 * encoder.encode(Packet.connectError("/", "Not authorized"));       // ["4{\"message\":\"Not authorized\"}"]
 * }</pre>
 * JSON values ({@link jakarta.json.JsonValue}) are used as they are; other objects (POJOs, records) must be
 * converted to JSON-P or to maps and lists first (see {@link dev.sio4ee.protocol.Binary#deconstruct(Object)}).
 *
 * <h2>Receiving</h2>
 * One {@link dev.sio4ee.protocol.Decoder} per connection, fed with every Socket.IO message in order:
 * <pre>{@code
 * Decoder decoder = new Decoder(packet -> {
 *     switch (packet.type()) {
 *         case CONNECT -> connect(packet.nsp(), packet.data());          // JsonObject or null
 *         case EVENT -> {
 *             JsonArray args = packet.data().asJsonArray();             // ["name", ...args]
 *             List<?> javaArgs = (List<?>) Binary.reconstruct(args, packet.attachments()); // byte[] in place
 *             dispatch(packet.nsp(), javaArgs, packet.id());
 *         }
 *         case ACK -> ack(packet.nsp(), packet.id(), packet.data().asJsonArray());
 *         case DISCONNECT -> disconnect(packet.nsp());
 *         default -> { } // CONNECT_ERROR: sent by servers only
 *     }
 * });
 * try {
 *     decoder.add(textMessage);   // or decoder.add(binaryMessage)
 * } catch (ProtocolException e) {
 *     closeConnection();          // the client is not speaking Socket.IO v5
 * }
 * }</pre>
 * Decoded packets never have the types BINARY_EVENT or BINARY_ACK: a binary packet is an EVENT or ACK whose
 * {@link dev.sio4ee.protocol.Packet#attachments()} is not empty. Its placeholders stay in the JSON tree; find the
 * bytes with {@link dev.sio4ee.protocol.Binary#attachment(jakarta.json.JsonValue, java.util.List)} or convert the
 * whole tree with {@link dev.sio4ee.protocol.Binary#reconstruct(jakarta.json.JsonValue, java.util.List)}.
 *
 * <h2>Validation</h2>
 * The decoder throws {@link dev.sio4ee.protocol.ProtocolException}, and nothing else, for: an unknown type, a bad
 * attachment count or more than {@code maxAttachments} (default 10), an ack id above {@code Integer.MAX_VALUE},
 * malformed JSON (or nested deeper than 1000 levels), a payload not allowed for the type (CONNECT: object or
 * none; DISCONNECT: none; CONNECT_ERROR: object or string; EVENT: non-empty array starting with a string or a
 * number; ACK: array), a placeholder without a matching attachment, binary data when no binary packet is
 * expected, and text while attachments are expected. The reserved event names ({@code connect},
 * {@code disconnect}, ...) are not rejected here: the socket layer must do it.
 *
 * <p>This package depends only on the JDK and the {@code jakarta.json} API.
 */
package dev.sio4ee.protocol;
