/**
 * The Socket.IO v5 server, as Node's {@code socket.io} 4.8 behaves: {@link dev.sio4ee.server.SocketIoServer}
 * ({@code io}), {@link dev.sio4ee.server.Namespace}s, {@link dev.sio4ee.server.Socket}s, rooms and broadcasts
 * ({@link dev.sio4ee.server.BroadcastOperator}), acknowledgements, middlewares. It sits on the Engine.IO server
 * ({@code dev.sio4ee.engine}), the packet codec ({@code dev.sio4ee.protocol}) and the adapter
 * ({@code dev.sio4ee.adapter}), and knows no servlet, WebSocket or CDI API.
 *
 * <h2>Starting</h2>
 * <pre>{@code
 * EngineScheduler timers = new ExecutorScheduler("sio4ee-timer");           // one timer service for everything
 * SocketIoOptions options = SocketIoOptions.defaults()                     // one style: defaults().withX(...)
 *         .withConnectTimeout(10_000)
 *         .withEngine(engine -> engine.withPingInterval(10_000));          // the Engine.IO part of the options
 * EngineServer engine = new EngineServer(options.engine(), timers);
 * SocketIoServer io = new SocketIoServer(options, timers).attach(engine);
 * }</pre>
 * Every value is checked where the options are made: durations and sizes must be positive, an acknowledgement
 * timeout ({@code socket.timeout(ms)}, {@code io.timeout(ms)}) must not be negative; the message names the option.
 *
 * <h2>Events both ways</h2>
 * <pre>{@code
 * io.onConnection(socket -> {
 *     socket.emit("welcome", socket.id(), Map.of("motd", "hi"));        // 2["welcome","<id>",{"motd":"hi"}]
 *     socket.emit("file", new byte[] {1, 2});                             // 51-["file",{"_placeholder":true,"num":0}] + binary
 *     socket.on("chat message", (args, ack) -> {
 *         String text = args.string(0);                                   // JSON values; args.bytes(i) for binary
 *         socket.broadcast().emit("chat message", text);                  // everyone but the sender
 *         ack.send("delivered");                                          // 3<id>["delivered"], only once
 *     });
 *     socket.onAny((event, args) -> log(event));
 *     socket.timeout(5_000).emitWithAck("question").thenAccept(answer -> log(answer.get(0)));
 *     socket.onDisconnect((reason, description) -> log(reason.text()));   // "transport close", ...
 * });
 * }</pre>
 * The client may not send the reserved names ({@code connect}, {@code connect_error}, {@code disconnect},
 * {@code disconnecting}, {@code newListener}, {@code removeListener}): like socket.io-parser, such a packet is a
 * protocol error and closes the connection with {@code parse error}; the server may not emit them either
 * ({@link java.lang.IllegalArgumentException}). Argument values: JSON-P values, strings, numbers, booleans, null,
 * maps, lists, arrays, {@code byte[]} (at any depth); convert POJOs first (JSON-B lives in the CDI layer).
 *
 * <h2>One rule for arguments</h2>
 * Every send method ({@code emit}, {@code emitWithAck}, {@code send}, {@code serverSideEmit}, {@code ack.send})
 * takes its arguments as Java varargs, each value one Socket.IO argument, as in socket.io: a {@code List} is one
 * JSON array. An {@link dev.sio4ee.server.Args} passed alone is an argument list, sent as received (socket.io's
 * {@code emit(event, ...args)}). A missing argument reads as null through {@code args.string(i)},
 * {@code args.json(i)} and the other named accessors (socket.io's {@code undefined}); {@code args.get(i)} is
 * {@link java.util.List#get}'s and throws past the end.
 * <pre>{@code
 * socket.emit("pair", List.of(1, 2));                         // 2["pair",[1,2]]
 * socket.on("relay", (args, ack) -> {
 *     socket.broadcast().emit("relay", args);                 // the received arguments, as they came
 *     ack.send(args);
 * });
 * }</pre>
 *
 * <h2>Namespaces and middlewares</h2>
 * <pre>{@code
 * Namespace admin = io.of("/admin");
 * admin.use((socket, next) -> {
 *     if (valid(socket.handshake().auth())) next.proceed();
 *     else next.fail(new ConnectError("not authorized", Map.of("code", 401))); // 44/admin,{"message":...,"data":...}
 * });
 * ParentNamespace tenants = io.of(Pattern.compile("^/tenant-\\w+$")); // children created on first connection
 * tenants.onConnection(socket -> socket.emit("hello", socket.nsp().name()));
 * }</pre>
 * A CONNECT is answered {@code 0<nsp>,{"sid":"<socket id>"}}; a CONNECT to an unknown namespace gets
 * {@code 4<nsp>,{"message":"Invalid namespace"}}. A connection that joins no namespace within
 * {@code connectTimeout} (45 s) is closed. With {@code cleanupEmptyChildNamespaces}, a child of a dynamic
 * namespace disappears with its last socket.
 *
 * <h2>Rooms and broadcasts</h2>
 * <pre>{@code
 * socket.join("lobby");
 * io.to("lobby").except("muted").emit("news", "hello");      // encoded once, same frames for every target
 * io.asVolatile().emit("tick");                              // dropped for clients that cannot take it now
 * io.timeout(1_000).emitWithAck("vote").thenAccept(answers -> ...); // one Args per client
 * io.in("lobby").fetchSockets().thenAccept(list -> list.forEach(s -> s.emit("hi")));
 * io.in("lobby").socketsJoin("announcements");
 * io.in("banned").disconnectSockets(true);
 * }</pre>
 *
 * <h2>Disconnection reasons</h2>
 * {@link dev.sio4ee.server.DisconnectReason} carries socket.io's strings: {@code transport error},
 * {@code transport close}, {@code forced close}, {@code ping timeout}, {@code parse error},
 * {@code server shutting down} ({@code io.close()}), {@code forced server close} (connect timeout, invalid
 * state), {@code client namespace disconnect}, {@code server namespace disconnect}. The
 * {@code onDisconnecting} listeners run while the socket is still in its rooms.
 *
 * <h2>Packet middlewares</h2>
 * <pre>{@code
 * socket.use((event, next) -> {                                  // every incoming event, after onAny
 *     if (event.name().startsWith("admin:")) next.fail(new IllegalStateException("unauthorized event"));
 *     else next.proceed();                                        // may also event.rewrite(name, args)
 * });
 * socket.onError(err -> socket.disconnect());                      // the refused events' errors
 * }</pre>
 *
 * <h2>Connection-state recovery</h2>
 * Off by default; on with {@code SocketIoOptions.withConnectionStateRecovery(ConnectionStateRecovery.defaults())}
 * (two minutes, middlewares skipped). The CONNECT is then answered {@code {"sid":...,"pid":...}}, broadcast events
 * and {@code socket.emit}s (routed through the adapter to the socket's own room) get an offset as last argument,
 * and a client coming back within the window with {@code auth.pid} and {@code auth.offset} gets its socket back:
 * <pre>{@code
 * io.onConnection(socket -> {
 *     if (socket.recovered()) return;   // same id, rooms and data; missed events already sent, in order
 *     socket.join("lobby");
 * });
 * }</pre>
 * Restoring takes the namespace's recovery gate alone while broadcasts share it, and a recovered socket holds
 * what reaches it until its CONNECT answer is written, so no event is lost or doubled by the reconnection. The
 * store is the adapter's ({@link dev.sio4ee.adapter.SessionAwareAdapter} by default).
 *
 * <h2>Compression flag</h2>
 * {@code socket.compress(false)} and {@code io.compress(false)} exist for parity with Node: the flag reaches the
 * adapter (a cluster adapter forwards it); sio4ee's transports never compress a single packet (WebSocket
 * permessage-deflate is negotiated per connection by the container; polling responses are not gzipped).
 *
 * <h2>Hooks for bridges</h2>
 * {@link dev.sio4ee.server.ServerListener} sees every socket of every namespace, in socket.io order (connected,
 * events, disconnecting, disconnected); the CDI bridge is one. Exceptions of user code are logged and never close
 * a connection.
 *
 * <h2>Threading</h2>
 * Everything is thread-safe; emits and broadcasts may come from any thread. A connection's application code (its
 * sockets' handlers, middlewares, ack callbacks, connection and disconnect listeners, {@code onAnyOutgoing}
 * listeners) runs on the connection's serial dispatcher over the engine's executor
 * ({@link dev.sio4ee.engine.EngineServer#executor()}): one call at a time, in arrival order, never on the thread of
 * another connection, of a request or of a timer. A disconnection asked from elsewhere ({@code disconnect()} from
 * another socket's handler, {@code disconnectSockets}, a timeout) is queued on the socket's dispatcher; called
 * from the socket's own handler it runs at once, as in Node. Timers only schedule: the one shared
 * {@link dev.sio4ee.engine.EngineScheduler} hands ack and connect timeouts to the socket's dispatcher, and a
 * broadcast's ack timeout and the adapter's timers to the executor. Room listeners run on the thread that changed
 * the rooms, after the adapter's lock and the namespace's recovery gate are released.
 */
package dev.sio4ee.server;
