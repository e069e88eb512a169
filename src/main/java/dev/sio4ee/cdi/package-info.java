/**
 * The CDI face of sio4ee: Socket.IO traffic as CDI events, connection guards as beans, and the registry that
 * owns the server of the web application.
 *
 * <h2>Observing sockets</h2>
 * The application-scoped {@link dev.sio4ee.cdi.SocketIoRegistry} starts with the web application and fires, for
 * every socket of every namespace (dynamic children included):
 * <ul>
 *   <li>{@link dev.sio4ee.cdi.SocketConnected}: the socket joined a namespace (qualifier {@code @NamespaceName});</li>
 *   <li>{@link dev.sio4ee.cdi.SocketEventReceived}: the client emitted an event (qualifiers {@code @NamespaceName}
 *       and {@code @EventName}); typed arguments through JSON-B, binary attachments, and the client's
 *       acknowledgement callback {@code ack()}, answered once with {@code ack().send(...)};</li>
 *   <li>{@link dev.sio4ee.cdi.SocketDisconnecting}: it is leaving, its rooms still readable;</li>
 *   <li>{@link dev.sio4ee.cdi.SocketDisconnected}: it left, with the reason.</li>
 * </ul>
 * An observer without qualifier sees every namespace (and every event name); {@code @NamespaceName("/chat")} narrows
 * to one namespace, {@code @EventName("msg")} to one event name, both together to one event of one namespace.
 * Namespaces named by an observer's {@code @NamespaceName} are created (static) when the server starts: to watch the
 * children of a dynamic namespace, observe without {@code @NamespaceName} and read {@code e.socket().nsp().name()}.
 *
 * <pre>{@code
 * @ApplicationScoped
 * public class Chat {
 *     @Inject SocketIoServer io;
 *
 *     void joined(@Observes @NamespaceName("/chat") SocketConnected e) {
 *         e.socket().join("lobby");
 *         io.of("/chat").to("lobby").except(e.socket().id()).emit("user joined", e.socket().id());
 *     }
 *
 *     void message(@Observes @NamespaceName("/chat") @EventName("chat message") SocketEventReceived e) {
 *         ChatLine line = e.arg(0, ChatLine.class);          // JSON-B
 *         e.socket().to("lobby").emit("chat message", line.text());
 *         e.ack().send("delivered");                                // answers the client's callback, once
 *     }
 *
 *     void left(@Observes SocketDisconnected e) {           // every namespace
 *         log.info(e.socket().id() + " left: " + e.reason().text());
 *     }
 * }
 * }</pre>
 *
 * <h2>Order, threads and contexts</h2>
 * Synchronous observers ({@code @Observes}), guards and handlers run on the connection's serial dispatcher over
 * the container's {@code java:comp/DefaultManagedExecutorService} (sio4ee's own bounded pool when the platform has
 * none): one delivery at a time per connection, so for one socket they see connected, then its events in arrival
 * order, then disconnecting, then disconnected; different connections run in parallel. They never run on an HTTP
 * request's, a WebSocket container's or a timer's thread, nor on another connection's: a disconnection that
 * socket A's observer asks for socket B is queued on B's dispatcher, and ping or ack timeouts are handed to the
 * socket's. A slow observer delays only its own connection (heartbeats go on); a connection whose queued
 * deliveries pass the limit is closed with {@code transport error}. Hand slow work to {@code @ObservesAsync}
 * observers, which run on the CDI container's executor. Both run with the application's class loader and a
 * request context of their own, activated for the delivery and destroyed after it. An observer that throws is logged and the connection lives on; as CDI does, an
 * exception in a synchronous observer stops the delivery of that one event to the observers after it.
 * Nothing is built or fired for an event type and qualifier set that no observer watches; asynchronous
 * delivery happens only when an async observer exists.
 *
 * <h2>Enterprise beans and transactions</h2>
 * Observers may be {@code @Stateless} or {@code @Singleton} session beans (their public business methods) or
 * {@code @Transactional} beans: each delivery then runs in the container transaction. To emit only what a
 * transaction committed, fire an application event inside it and emit from a transactional observer:
 * <pre>{@code
 * @Stateless
 * public class Orders {
 *     @Inject Event<OrderPlaced> placed;
 *     public void place(String socketId, String item) {
 *         // ... JDBC / JPA work ...
 *         placed.fire(new OrderPlaced(socketId, item));
 *     }
 * }
 *
 * @ApplicationScoped
 * public class OrderNotifier {
 *     @Inject SocketIoServer io;
 *     void committed(@Observes(during = TransactionPhase.AFTER_SUCCESS) OrderPlaced o) {
 *         io.of("/shop").to(o.socketId()).emit("order committed", o.item());   // never on rollback
 *     }
 * }
 * }</pre>
 *
 * <h2>Guards</h2>
 * Beans implementing {@link dev.sio4ee.cdi.ConnectionGuard} decide who may join a namespace (socket.io's
 * {@code use()} middleware): with {@code @NamespaceName} for one namespace, without for all, in
 * {@code @jakarta.annotation.Priority} order (lowest first, unprioritised last), before the namespace's own
 * middlewares. A refusal is an ordinary outcome, so a guard returns it: {@code Optional.empty()} lets the
 * connection through, a {@link dev.sio4ee.server.ConnectError} refuses it and the client's {@code connect_error}
 * receives its message and data. Nothing is thrown, so a {@code @Stateless} guard refuses without an EJB system
 * exception (no discarded bean, no rolled-back transaction, no error in the server log). The guard also gets the
 * Jakarta Security caller of the HTTP handshake ({@code HttpServletRequest#getUserPrincipal} for polling, the
 * WebSocket handshake's principal for WebSocket), or null when anonymous; it stays readable as
 * {@code socket.handshake().principal()}.
 * <pre>{@code
 * @Stateless @NamespaceName("/admin") @Priority(10)
 * public class AdminsOnly implements ConnectionGuard {
 *     public Optional<ConnectError> check(Socket socket, Principal caller) {
 *         return caller == null ? Optional.of(new ConnectError("not authorized", Map.of("code", 401)))
 *                 : Optional.empty();
 *     }
 * }
 * }</pre>
 *
 * <h2>Plain Java configuration</h2>
 * Beans implementing {@link dev.sio4ee.cdi.SocketIoSetup} set the server's options (Engine.IO's too: path, ping,
 * CORS, largest message, transports) and configure it with socket.io's own API when it starts;
 * {@code @Inject SocketIoServer io} sends from any bean, a setup bean included; {@code @Inject SocketIoRegistry}
 * gives the engine and the JSON-B instance. A {@code dev.sio4ee.*} setting that is set (system property,
 * environment variable, MicroProfile Config, context-param) wins over the options chosen in Java.
 */
package dev.sio4ee.cdi;
