package dev.sio4ee.server;

import dev.sio4ee.adapter.Adapter;
import dev.sio4ee.adapter.AdapterHost;
import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.RoomListener;
import dev.sio4ee.adapter.SocketDetails;
import dev.sio4ee.protocol.Packet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The adapter of a {@link ParentNamespace}: it holds no socket and forwards the operations that target sockets
 * to the adapters of the children.
 */
final class ParentBroadcastAdapter implements Adapter {
    private final AdapterHost host;
    private final ParentNamespace parent;

    ParentBroadcastAdapter(AdapterHost host) {
        this.host = host;
        this.parent = (ParentNamespace) ((Namespace.Host) host).namespace();
    }

    @Override
    public AdapterHost host() {
        return host;
    }

    @Override
    public void addAll(String id, Set<String> rooms) {
        throw new UnsupportedOperationException("a parent namespace holds no socket");
    }

    @Override
    public void del(String id, String room) {
    }

    @Override
    public void delAll(String id) {
    }

    @Override
    public Map<String, Set<String>> rooms() {
        return Map.of();
    }

    @Override
    public Map<String, Set<String>> sids() {
        return Map.of();
    }

    @Override
    public void broadcast(Packet packet, BroadcastOptions opts) {
        parent.children().forEach(c -> c.broadcast(packet, opts));
    }

    @Override
    public void broadcastWithAck(Packet packet, BroadcastOptions opts, IntConsumer clientCount,
                                 Consumer<Packet> ack) {
        throw new UnsupportedOperationException("acknowledgements are not supported on parent namespaces");
    }

    @Override
    public CompletionStage<Set<String>> sockets(Set<String> rooms) {
        return CompletableFuture.completedFuture(Set.of());
    }

    @Override
    public Set<String> socketRooms(String id) {
        return Set.of();
    }

    @Override
    public CompletionStage<List<SocketDetails>> fetchSockets(BroadcastOptions opts) {
        throw new UnsupportedOperationException("fetchSockets() is not supported on parent namespaces");
    }

    @Override
    public void addSockets(BroadcastOptions opts, Set<String> rooms) {
        parent.children().forEach(c -> c.adapter().addSockets(opts, rooms));
    }

    @Override
    public void delSockets(BroadcastOptions opts, Set<String> rooms) {
        parent.children().forEach(c -> c.adapter().delSockets(opts, rooms));
    }

    @Override
    public void disconnectSockets(BroadcastOptions opts, boolean close) {
        parent.children().forEach(c -> c.adapter().disconnectSockets(opts, close));
    }

    @Override
    public void serverSideEmit(Packet packet) {
        throw new UnsupportedOperationException("serverSideEmit() is not supported on parent namespaces");
    }

    @Override
    public CompletionStage<List<Packet>> serverSideEmitWithAck(Packet packet, long timeoutMillis) {
        throw new UnsupportedOperationException("serverSideEmit() is not supported on parent namespaces");
    }

    @Override
    public CompletionStage<Integer> serverCount() {
        return CompletableFuture.completedFuture(1);
    }

    @Override
    public void addRoomListener(RoomListener listener) {
    }

    @Override
    public void removeRoomListener(RoomListener listener) {
    }

    @Override
    public void close() {
    }
}
