/**
 * Rooms and fan-out, one {@link dev.sio4ee.adapter.Adapter} per namespace: the surface of Node's
 * {@code socket.io-adapter}. This package knows packets ({@code dev.sio4ee.protocol}) but not the server: the
 * namespace is seen through {@link dev.sio4ee.adapter.AdapterHost} and its sockets through
 * {@link dev.sio4ee.adapter.LocalSocket}.
 *
 * <h2>Using an adapter</h2>
 * The server creates one adapter per namespace with the factory of its options (default
 * {@link dev.sio4ee.adapter.InMemoryAdapter}); applications reach it through {@code namespace.adapter()}.
 * <pre>{@code
 * Adapter adapter = io.of("/chat").adapter();
 * adapter.rooms();                       // {"lobby" -> [id1, id2], id1 -> [id1], ...} (this server, snapshot)
 * adapter.sids();                        // {id1 -> [id1, "lobby"], ...}
 * adapter.addRoomListener(new RoomListener() {
 *     public void onJoinRoom(String room, String id) { audit(id + " joined " + room); }
 * });
 * }</pre>
 *
 * <h2>Targets: {@link dev.sio4ee.adapter.BroadcastOptions}</h2>
 * {@code rooms} (empty = every socket) minus the members of {@code except}; a socket id is a room of its own, so
 * {@code except(Set.of(socketId))} excludes one socket. Each socket is reached once however many target rooms it
 * is in. {@link dev.sio4ee.adapter.BroadcastFlags}: {@code isVolatile} (drop for clients that cannot take the
 * packet now), {@code compress}, {@code local} (never leave this server), {@code timeout} (acks).
 * <pre>{@code
 * adapter.broadcast(Packet.event("/chat", "news", List.of("hi")),
 *         new BroadcastOptions(Set.of("lobby"), Set.of(senderId), BroadcastFlags.NONE));
 * }</pre>
 * A broadcast is encoded once; the same frame list is handed to every {@link dev.sio4ee.adapter.LocalSocket}.
 *
 * <h2>Room events</h2>
 * {@code create-room(room)} then {@code join-room(room, id)} when a socket enters a room new on this server;
 * {@code leave-room(room, id)} then {@code delete-room(room)} when the last local member leaves. Fired after the
 * maps changed, outside the adapter's lock, on the calling thread; local only (never propagated in a cluster).
 *
 * <h2>Connection-state recovery</h2>
 * {@link dev.sio4ee.adapter.SessionAwareAdapter} (the default adapter when the server's recovery option is on)
 * appends an offset to every EVENT broadcast without ack id that is not volatile, keeps those packets and the
 * {@link dev.sio4ee.adapter.Session}s of dropped sockets for {@code maxDisconnectionDuration}, and answers
 * {@code restoreSession(pid, offset)} with the packets the session's rooms missed; a sweep on the host's
 * scheduler ({@link dev.sio4ee.adapter.AdapterHost#schedule}) forgets what expired. Other adapters inherit
 * {@code persistSession}/{@code restoreSession} that keep nothing.
 * <pre>{@code
 * adapter.persistSession(new Session(id, pid, Set.of(id, "lobby"), Map.of("user", "alice"), List.of()));
 * adapter.restoreSession(pid, offset).thenAccept(s -> { if (s != null) s.missedPackets().forEach(replay); });
 * }</pre>
 *
 * <h2>Clusters: {@link dev.sio4ee.adapter.ClusterAdapter}</h2>
 * The seam for several servers, modeled on Node's {@code cluster-adapter.ts}: it keeps the local rooms and
 * fan-out of {@link dev.sio4ee.adapter.InMemoryAdapter}, publishes every operation that targets sockets
 * ({@code broadcast} with or without acks, {@code addSockets}, {@code delSockets}, {@code disconnectSockets}) as a
 * {@link dev.sio4ee.adapter.ClusterMessage} to the other servers unless {@code flags.local()}, and collects one
 * response per other server for {@code fetchSockets} and {@code serverSideEmitWithAck} (failing with a
 * {@link java.util.concurrent.TimeoutException} on the host's scheduler, after {@code flags.timeout} or
 * {@value dev.sio4ee.adapter.ClusterAdapter#DEFAULT_TIMEOUT} ms). {@code serverSideEmit} reaches the other servers
 * only, never the emitter. Messages keep Node's type codes and field names; packets and socket snapshots travel
 * as JSON with their binary values as attachments. A transport (Redis, JMS, ...) only writes three methods and
 * feeds what it receives to {@code onMessage}:
 * <pre>{@code
 * final class BusAdapter extends ClusterAdapter {
 *     BusAdapter(AdapterHost host, Bus bus) { super(host); this.bus = bus; bus.subscribe(host.name(), this::onMessage); }
 *     protected CompletionStage<String> doPublish(ClusterMessage m) { return bus.publishToAll(m); }
 *     protected CompletionStage<Void> doPublishResponse(String uid, ClusterMessage m) { return bus.sendTo(uid, m); }
 *     public CompletionStage<Integer> serverCount() { return bus.memberCount(host().name()); }
 * }
 * SocketIoServer io = new SocketIoServer(SocketIoOptions.defaults().withAdapter(h -> new BusAdapter(h, bus)), s);
 * io.serverSideEmit("cache:invalidate", "user:42");      // the other servers' onServerSideEmit handlers
 * io.in("room1").fetchSockets();                          // the sockets of every server
 * }</pre>
 * Messages from the adapter's own uid or for another namespace are ignored, so a transport may deliver to
 * everyone. Heartbeats (Node's {@code ClusterAdapterWithHeartbeat}) and recovery offsets across servers are not
 * implemented: the subclass supplies {@code serverCount()}.
 */
package dev.sio4ee.adapter;
