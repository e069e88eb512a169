/**
 * The demo chat of the WAR (page in src/main/webapp): an example to copy, not part of the library. Its whole
 * server side is CDI: {@link dev.sio4ee.demo.NicknameGuard} admits a nickname to {@code /chat} (a
 * {@link dev.sio4ee.cdi.ConnectionGuard}), {@link dev.sio4ee.demo.ChatObserver} observes the socket events, and
 * {@link dev.sio4ee.demo.ChatLog} keeps each room's last messages. The {@code sio4ee-classes} jar leaves this
 * package out.
 *
 * <pre>{@code
 * void message(@Observes @NamespaceName("/chat") @EventName("message") SocketEventReceived e) {
 *     e.socket().to(room).emit("message", line.toMap());
 *     e.ack().send(Map.of("ok", true, "id", line.id()));
 * }
 * }</pre>
 */
package dev.sio4ee.demo;
