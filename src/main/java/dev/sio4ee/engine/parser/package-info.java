/**
 * The Engine.IO v4 wire codec, with no dependency beyond the JDK.
 *
 * <p>A WebSocket frame carries one packet: a text frame is the type digit followed by the payload
 * ({@code 4hello}), a binary frame is a MESSAGE with the raw bytes. A long-polling body carries a payload:
 * packets separated by {@code \u001e}, where a binary MESSAGE is written {@code b} + base64.
 *
 * <pre>{@code
 * EnginePacket p = EngineParser.decodePacket("4hello");           // MESSAGE "hello"
 * String ws = EngineParser.encodePacket(EnginePacket.PING);        // "2"
 * String body = EngineParser.encodePayload(List.of(p, EnginePacket.message(new byte[] {1, 2, 3})));
 * // "4hello\u001ebAQID"
 * }</pre>
 *
 * <p>Every malformed input makes the decoder throw {@link dev.sio4ee.engine.parser.EngineParseException}; it never
 * throws anything else.
 */
package dev.sio4ee.engine.parser;
