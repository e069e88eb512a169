/**
 * The Engine.IO v4 server: sessions, transports (HTTP long-polling and WebSocket), heartbeats, upgrades,
 * limits and the protocol's error answers. It depends only on the JDK, the codec in
 * {@code dev.sio4ee.engine.parser} and the I/O contract in {@code dev.sio4ee.engine.spi}, so it runs the same
 * inside Payara, WildFly or a unit test.
 *
 * <h2>Usage</h2>
 * <pre>{@code
 * EngineServer engine = new EngineServer(
 *         EngineOptions.defaults().withPingInterval(25_000).withPingTimeout(20_000),
 *         new ExecutorScheduler("sio4ee-timer"));
 * engine.onConnection(session -> session.listener(new EngineSessionListener() {
 *     public void onMessage(EngineSession s, String text) { s.send(text); }      // echo text
 *     public void onMessage(EngineSession s, byte[] data) { s.send(data); }      // echo binary
 *     public void onClose(EngineSession s, CloseReason r, String d) { log(r.text()); }
 * }));
 * }</pre>
 *
 * <h2>Behaviour</h2>
 * <ul>
 *   <li>Handshake over polling ({@code GET ?EIO=4&transport=polling}) or directly over WebSocket; the OPEN
 *       packet carries {@code sid}, {@code upgrades}, {@code pingInterval}, {@code pingTimeout},
 *       {@code maxPayload}.</li>
 *   <li>The server pings every pingInterval and closes with "ping timeout" when no packet came back within
 *       pingTimeout.</li>
 *   <li>Upgrade: {@code 2probe}/{@code 3probe} on the new WebSocket, NOOPs release the pending GET, {@code 5}
 *       switches; packets written meanwhile wait in the session's buffer and leave on the new transport.</li>
 *   <li>Errors are answered as {@code 400 {"code":N,"message":"..."}} (403 for Forbidden): see
 *       {@link dev.sio4ee.engine.EngineError}.</li>
 *   <li>Cross-origin browsers are refused unless listed in {@link dev.sio4ee.engine.EngineOptions#corsOrigins()}.</li>
 * </ul>
 */
package dev.sio4ee.engine;
