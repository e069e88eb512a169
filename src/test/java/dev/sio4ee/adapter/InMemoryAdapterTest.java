package dev.sio4ee.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.protocol.Packet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class InMemoryAdapterTest {

    /** A namespace with fake sockets recording what the adapter does to them. */
    static final class FakeHost implements AdapterHost {
        final Map<String, FakeSocket> sockets = new LinkedHashMap<>();
        final AtomicInteger ids = new AtomicInteger();
        InMemoryAdapter adapter;

        @Override
        public String name() {
            return "/nsp";
        }

        @Override
        public int nextAckId() {
            return ids.getAndIncrement();
        }

        @Override
        public LocalSocket localSocket(String id) {
            return sockets.get(id);
        }

        @Override
        public void onServerSideEmit(Packet packet, Consumer<List<?>> ack) {
        }

        FakeSocket add(String id, String... rooms) {
            FakeSocket s = new FakeSocket(id, this);
            sockets.put(id, s);
            adapter.addAll(id, Set.of(id));
            adapter.addAll(id, new java.util.LinkedHashSet<>(List.of(rooms)));
            return s;
        }
    }

    static final class FakeSocket implements LocalSocket {
        final String id;
        final FakeHost host;
        final List<List<Object>> written = new ArrayList<>();
        final List<Packet> packets = new ArrayList<>();
        final Map<Integer, Consumer<Packet>> acks = new LinkedHashMap<>();
        final List<String> log = new ArrayList<>();

        FakeSocket(String id, FakeHost host) {
            this.id = id;
            this.host = host;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public void write(Packet packet, List<Object> frames, boolean isVolatile) {
            packets.add(packet);
            written.add(frames);
            log.add("write volatile=" + isVolatile);
        }

        @Override
        public void expectAck(int ackId, Consumer<Packet> onAck) {
            acks.put(ackId, onAck);
        }

        @Override
        public void join(Set<String> rooms) {
            host.adapter.addAll(id, rooms);
        }

        @Override
        public void leave(String room) {
            host.adapter.del(id, room);
        }

        @Override
        public void disconnect(boolean close) {
            log.add("disconnect close=" + close);
            host.adapter.delAll(id);
        }

        @Override
        public SocketDetails details() {
            return new SocketDetails(id, jakarta.json.JsonValue.EMPTY_JSON_OBJECT, host.adapter.socketRooms(id),
                    Map.of("k", id));
        }
    }

    private final FakeHost host = new FakeHost();
    private final InMemoryAdapter adapter = new InMemoryAdapter(host);

    {
        host.adapter = adapter;
    }

    @Test
    void shouldAddAndDeleteRooms() {
        adapter.addAll("s1", Set.of("r1", "r2"));
        adapter.addAll("s2", Set.of("r1"));
        assertThat(adapter.rooms()).containsOnlyKeys("r1", "r2");
        assertThat(adapter.rooms().get("r1")).containsExactlyInAnyOrder("s1", "s2");
        assertThat(adapter.socketRooms("s1")).containsExactlyInAnyOrder("r1", "r2");
        adapter.del("s1", "r2");
        assertThat(adapter.rooms()).containsOnlyKeys("r1");
        adapter.delAll("s1");
        assertThat(adapter.sids()).containsOnlyKeys("s2");
        assertThat(adapter.socketRooms("s1")).isEmpty();
        adapter.delAll("s2");
        assertThat(adapter.rooms()).isEmpty();
    }

    @Test
    void shouldReturnSnapshotsThatDoNotChange() {
        adapter.addAll("s1", Set.of("r1"));
        Map<String, Set<String>> rooms = adapter.rooms();
        adapter.addAll("s2", Set.of("r1"));
        assertThat(rooms.get("r1")).containsExactly("s1");
    }

    @Test
    void shouldEmitRoomEvents() {
        List<String> events = new ArrayList<>();
        RoomListener listener = new RoomListener() {
            @Override
            public void onCreateRoom(String room) {
                events.add("create-room " + room);
            }

            @Override
            public void onDeleteRoom(String room) {
                events.add("delete-room " + room);
            }

            @Override
            public void onJoinRoom(String room, String id) {
                events.add("join-room " + room + " " + id);
            }

            @Override
            public void onLeaveRoom(String room, String id) {
                events.add("leave-room " + room + " " + id);
            }
        };
        adapter.addRoomListener(listener);
        adapter.addAll("s1", Set.of("r1"));
        adapter.addAll("s2", Set.of("r1"));
        adapter.addAll("s2", Set.of("r1"));
        adapter.del("s1", "r1");
        adapter.del("s1", "r1");
        adapter.delAll("s2");
        adapter.removeRoomListener(listener);
        adapter.addAll("s3", Set.of("r9"));
        assertThat(events).containsExactly("create-room r1", "join-room r1 s1", "join-room r1 s2",
                "leave-room r1 s1", "leave-room r1 s2", "delete-room r1");
    }

    @Test
    void shouldBroadcastToEverySocketEncodingOnce() {
        FakeSocket s1 = host.add("s1");
        FakeSocket s2 = host.add("s2");
        adapter.broadcast(Packet.event("/", "hello", List.of("world")), BroadcastOptions.ALL);
        assertThat(s1.written).containsExactly(List.of("2/nsp,[\"hello\",\"world\"]"));
        assertThat(s2.written.get(0)).isSameAs(s1.written.get(0));
        assertThat(s1.packets.get(0).nsp()).isEqualTo("/nsp");
    }

    @Test
    void shouldBroadcastToRoomsWithoutDuplicatesAndWithExceptions() {
        FakeSocket s1 = host.add("s1", "r1", "r2");
        FakeSocket s2 = host.add("s2", "r2", "banned");
        FakeSocket s3 = host.add("s3");
        FakeSocket s4 = host.add("s4", "r2");
        adapter.broadcast(Packet.event("/", "a", null),
                new BroadcastOptions(Set.of("r1", "r2"), Set.of("banned", "s4"), BroadcastFlags.NONE));
        assertThat(s1.written).hasSize(1);
        assertThat(s2.written).isEmpty();
        assertThat(s3.written).isEmpty();
        assertThat(s4.written).isEmpty();
    }

    @Test
    void shouldPassTheVolatileFlag() {
        FakeSocket s1 = host.add("s1");
        adapter.broadcast(Packet.event("/", "a", null), BroadcastOptions.ALL.withFlags(
                BroadcastFlags.NONE.withVolatile(true)));
        assertThat(s1.log).containsExactly("write volatile=true");
    }

    @Test
    void shouldBroadcastWithAckAndCountClients() {
        FakeSocket s1 = host.add("s1", "r");
        FakeSocket s2 = host.add("s2", "r");
        host.add("s3");
        List<Integer> counts = new ArrayList<>();
        List<Packet> acks = new ArrayList<>();
        adapter.broadcastWithAck(Packet.event("/", "q", null), BroadcastOptions.rooms("r"), counts::add, acks::add);
        assertThat(counts).containsExactly(2);
        int id = s1.packets.get(0).id();
        assertThat(s2.packets.get(0).id()).isEqualTo(id);
        assertThat(s1.written.get(0)).containsExactly("2/nsp," + id + "[\"q\"]");
        s1.acks.get(id).accept(Packet.ack("/nsp", id, List.of("a")));
        assertThat(acks).hasSize(1);
    }

    @Test
    void shouldListSocketsAndFetchThem() {
        host.add("s1", "r1");
        host.add("s2");
        adapter.addAll("ghost", Set.of("r1"));
        assertThat(adapter.sockets(Set.of()).toCompletableFuture().join()).containsExactly("s1", "s2");
        assertThat(adapter.sockets(Set.of("r1")).toCompletableFuture().join())
                .as("only sockets the host knows").containsExactly("s1");
        List<SocketDetails> fetched = adapter.fetchSockets(BroadcastOptions.rooms("r1")).toCompletableFuture().join();
        assertThat(fetched).extracting(SocketDetails::id).containsExactly("s1");
        assertThat(fetched.get(0).rooms()).containsExactlyInAnyOrder("s1", "r1");
        assertThat(fetched.get(0).data()).containsEntry("k", "s1");
    }

    @Test
    void shouldAddDelAndDisconnectSockets() {
        FakeSocket s1 = host.add("s1", "r1");
        FakeSocket s2 = host.add("s2");
        adapter.addSockets(BroadcastOptions.rooms("r1"), Set.of("x", "y"));
        assertThat(adapter.socketRooms("s1")).contains("x", "y");
        assertThat(adapter.socketRooms("s2")).doesNotContain("x");
        adapter.delSockets(BroadcastOptions.ALL, Set.of("x"));
        assertThat(adapter.rooms()).doesNotContainKey("x").containsKey("y");
        adapter.disconnectSockets(BroadcastOptions.ALL.withExcept(Set.of("r1")), true);
        assertThat(s2.log).containsExactly("disconnect close=true");
        assertThat(s1.log).isEmpty();
    }

    @Test
    void shouldCountOneServerAndAnswerServerSideEmitWithNothing() {
        assertThat(adapter.serverCount().toCompletableFuture().join()).isEqualTo(1);
        assertThat(adapter.serverSideEmitWithAck(Packet.event("/", "x", null), 10).toCompletableFuture().join())
                .isEmpty();
        assertThat(adapter.host()).isSameAs(host);
    }

    @Test
    void shouldForgetEverythingOnClose() {
        host.add("s1", "r1");
        adapter.close();
        assertThat(adapter.rooms()).isEmpty();
        assertThat(adapter.sids()).isEmpty();
    }

    @Test
    void shouldKeepBroadcastOptionsImmutable() {
        Set<String> rooms = new java.util.HashSet<>(Set.of("a"));
        BroadcastOptions opts = new BroadcastOptions(rooms, null, null);
        rooms.add("b");
        assertThat(opts.rooms()).containsExactly("a");
        assertThat(opts.except()).isEmpty();
        assertThat(opts.flags()).isEqualTo(BroadcastFlags.NONE);
        assertThat(BroadcastFlags.NONE.withLocal(true).local()).isTrue();
        assertThat(BroadcastFlags.NONE.local()).isFalse();
    }
}
