/**
 * The host-neutral I/O contract between the Engine.IO server and whatever carries the bytes.
 *
 * <p>The container glue (package {@code dev.sio4ee.jakarta}) implements {@link dev.sio4ee.engine.spi.PollingExchange}
 * over a servlet {@code AsyncContext} and {@link dev.sio4ee.engine.spi.WebSocketPeer} over a JSR-356
 * {@code Session}; tests implement both in memory. Nothing here knows servlets or WebSockets APIs, so the engine
 * above it runs anywhere.
 *
 * <pre>{@code
 * // long-polling: hand every request under the path to the engine
 * engine.handlePolling(exchange);
 * // WebSocket: on open, get the handler that receives the frames
 * WebSocketHandler h = engine.openWebSocket(peer);
 * }</pre>
 */
package dev.sio4ee.engine.spi;
