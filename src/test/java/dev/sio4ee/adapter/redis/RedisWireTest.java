package dev.sio4ee.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.adapter.BroadcastFlags;
import dev.sio4ee.adapter.BroadcastOptions;
import dev.sio4ee.adapter.ClusterCodec;
import dev.sio4ee.adapter.SocketDetails;
import dev.sio4ee.protocol.Binary;
import dev.sio4ee.protocol.Packet;
import dev.sio4ee.protocol.PacketType;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The classic adapter's wire format against bytes that Node's own {@code @socket.io/redis-adapter} 8.3,
 * {@code @socket.io/redis-emitter} 5.1 and {@code notepack.io} produced at build time
 * ({@code src/test/node/capture-redis-wire.mjs}, run by Maven before the tests, and here if it was not), both ways:
 * our decoder reads theirs, our encoder writes their bytes, and Node's decoder reads ours.
 */
class RedisWireTest {
    static final Path NODE_DIR = Path.of("src/test/node");
    private static final Path WIRE_DIR = Path.of("target/redis-wire");
    private static final HexFormat HEX = HexFormat.of();
    private static JsonObject captured;
    private static JsonArray notepack;

    @BeforeAll
    static void readCaptures() throws Exception {
        if (!Files.exists(WIRE_DIR.resolve("node-adapter.json"))) {
            node("capture-redis-wire.mjs", WIRE_DIR.toAbsolutePath().toString());
        }
        captured = json(Files.readString(WIRE_DIR.resolve("node-adapter.json"))).asJsonObject();
        notepack = json(Files.readString(WIRE_DIR.resolve("notepack.json"))).asJsonArray();
    }

    static void node(String script, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(NODE_DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }

    static JsonValue json(String text) {
        return Json.createReader(new StringReader(text)).readValue();
    }

    /** The captured messages of one step. */
    private static List<JsonObject> step(String label) {
        List<JsonObject> out = new ArrayList<>();
        for (JsonValue v : captured.getJsonArray("messages")) {
            if (v.asJsonObject().getString("label").equals(label)) {
                out.add(v.asJsonObject());
            }
        }
        assertThat(out).as("captured messages of " + label).isNotEmpty();
        return out;
    }

    private static byte[] bytes(JsonObject message) {
        return HEX.parseHex(message.getString("hex"));
    }

    private static Binary.Deconstructed decode(JsonObject message) {
        return ClassicWire.decode(bytes(message));
    }

    private static String uidA() {
        return captured.getString("uidA");
    }

    @Test
    void readsNodeBroadcastsAndWritesTheSameBytes() {
        JsonObject m = step("broadcast-all").get(0);
        assertThat(m.getString("channel")).isEqualTo("socket.io#/#");
        Binary.Deconstructed d = decode(m);
        JsonArray parts = d.data().asJsonArray();
        assertThat(parts.getString(0)).isEqualTo(uidA());
        Packet packet = ClusterCodec.packet(parts.get(1), "/", d.attachments());
        assertThat(packet.type()).isEqualTo(PacketType.EVENT);
        assertThat(packet.data().toString()).isEqualTo("[\"news\",1,\"two\",{\"_placeholder\":true,\"num\":0},"
                + "{\"nested\":true},null,1.5,-7,300,70000,5000000000]");
        assertThat(packet.attachments()).singleElement().satisfies(b -> assertThat(b).containsExactly(3, 4));
        assertThat(parts.get(2).toString()).isEqualTo("{\"rooms\":[],\"except\":[],\"flags\":{}}");
        // our encoder writes exactly Node's bytes for the same tree (int widths, float64, bin, key order)
        assertThat(MsgPack.encode(d.data(), d.attachments())).isEqualTo(bytes(m));

        JsonObject room = step("broadcast-room").get(0);
        assertThat(room.getString("channel")).isEqualTo("socket.io#/#room1#");
        BroadcastOptions opts = ClusterCodec.options(decode(room).data().asJsonArray().get(2));
        assertThat(opts.rooms()).containsExactly("room1");

        BroadcastOptions v = ClusterCodec.options(decode(step("broadcast-rooms-except-volatile").get(0)).data()
                .asJsonArray().get(2));
        assertThat(v.rooms()).containsExactly("r1", "r2");
        assertThat(v.except()).containsExactly("r3");
        assertThat(v.flags().isVolatile()).isTrue();
    }

    @Test
    void readsNodeBroadcastsWithAcks() {
        List<JsonObject> ms = step("broadcast-with-ack");
        JsonObject request = ms.get(0);
        assertThat(request.getString("channel")).isEqualTo("socket.io-request#/#");
        assertThat(bytes(request)[0]).as("msgpack, not JSON").isNotEqualTo((byte) '{');
        JsonObject r = decode(request).data().asJsonObject();
        assertThat(r.getString("uid")).isEqualTo(uidA());
        assertThat(r.getInt("type")).isEqualTo(ClassicWire.BROADCAST);
        assertThat(r.getString("requestId")).hasSize(6);
        assertThat(r.getJsonObject("packet").toString()).isEqualTo("{\"type\":2,\"data\":[\"ack-me\",\"q\"],\"nsp\":\"/\"}");
        assertThat(ClusterCodec.options(r.get("opts")).flags().timeout()).isEqualTo(2000L);

        JsonObject count = ms.stream().filter(x -> bytes(x)[0] == '{').findFirst().orElseThrow();
        assertThat(count.getString("channel")).isEqualTo("socket.io-response#/#");
        assertThat(decode(count).data().toString()).isEqualTo("{\"type\":8,\"requestId\":\""
                + r.getString("requestId") + "\",\"clientCount\":1}");
        JsonObject ack = ms.stream().filter(x -> x.getString("channel").startsWith("socket.io-response")
                && bytes(x)[0] != '{').findFirst().orElseThrow();
        JsonObject a = decode(ack).data().asJsonObject();
        assertThat(a.getInt("type")).isEqualTo(ClassicWire.BROADCAST_ACK);
        assertThat(a.getString("packet")).startsWith("answer-from-");
    }

    @Test
    void readsNodeRequestsAndResponses() {
        JsonObject fetch = decode(step("fetch-sockets").get(0)).data().asJsonObject();
        assertThat(fetch.toString()).isEqualTo("{\"uid\":\"" + uidA() + "\",\"requestId\":\""
                + fetch.getString("requestId") + "\",\"type\":5,\"opts\":{\"rooms\":[],\"except\":[]}}");
        Binary.Deconstructed response = decode(step("fetch-sockets").get(1));
        List<SocketDetails> sockets = ClusterCodec.sockets(response.data().asJsonObject().get("sockets"),
                response.attachments());
        assertThat(sockets).singleElement().satisfies(s -> {
            assertThat(s.id()).isEqualTo(captured.getString("clientB"));
            assertThat(s.rooms()).containsExactlyInAnyOrder(captured.getString("clientB"), "room1");
            assertThat(s.data()).containsEntry("user", "bob");
            assertThat(s.handshake().keySet()).contains("headers", "time", "address", "xdomain", "secure",
                    "issued", "url", "query", "auth");
            assertThat(s.handshake().getJsonObject("auth").getString("token")).isEqualTo("t");
        });

        JsonObject sse = decode(step("server-side-emit").get(0)).data().asJsonObject();
        assertThat(sse.getInt("type")).isEqualTo(ClassicWire.SERVER_SIDE_EMIT);
        assertThat(sse.containsKey("requestId")).isFalse();
        assertThat(sse.getJsonArray("data").getString(0)).isEqualTo("hello");

        List<JsonObject> withAck = step("server-side-emit-ack");
        JsonObject answer = decode(withAck.get(1)).data().asJsonObject();
        assertThat(withAck.get(1).getString("channel")).isEqualTo("socket.io-response#/#");
        assertThat(answer.getInt("type")).isEqualTo(ClassicWire.SERVER_SIDE_EMIT);
        assertThat(answer.getJsonObject("data").getString("answer")).isEqualTo("from-b");

        JsonObject rooms = decode(step("all-rooms").get(1)).data().asJsonObject();
        assertThat(ClusterCodec.strings(rooms.get("rooms"))).contains("room1", captured.getString("clientB"));
        assertThat(decode(step("all-rooms").get(0)).data().asJsonObject().getInt("type"))
                .isEqualTo(ClassicWire.ALL_ROOMS);

        JsonObject join = decode(step("sockets-join").get(0)).data().asJsonObject();
        assertThat(ClusterCodec.options(join.get("opts")).rooms()).containsExactly("room1");
        assertThat(ClusterCodec.strings(join.get("rooms"))).containsExactly("room2");
        assertThat(decode(step("sockets-leave").get(0)).data().asJsonObject().getInt("type"))
                .isEqualTo(ClassicWire.REMOTE_LEAVE);
        JsonObject disconnect = decode(step("disconnect-sockets").get(0)).data().asJsonObject();
        assertThat(disconnect.getInt("type")).isEqualTo(ClassicWire.REMOTE_DISCONNECT);
        assertThat(disconnect.getBoolean("close")).isTrue();
    }

    @Test
    void ourEmitterWritesExactlyTheBytesOfNodesEmitter() throws Exception {
        try (RedisServerFixture redis = RedisServerFixture.start();
             RedisConnection recorder = RedisConnection.open(redis.uri());
             RedisEmitter emitter = RedisEmitter.create(redis.uri())) {
            LinkedBlockingQueue<String[]> got = new LinkedBlockingQueue<>();
            recorder.subscriber((ch, m) -> got.add(new String[] {ch, HEX.formatHex(m)})).psubscribe("*")
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            emitter.to("room1").except("room3").emit("news", 1, "a", new byte[] {5, 6});
            emitter.of("/chat").volatileEmit().compress(false).emit("tick", Map.of("t", 1.25));
            emitter.in("room1").socketsJoin("room4", "room5");
            emitter.socketsLeave("room4");
            emitter.serverSideEmit("reload", "cfg", 2);
            emitter.in("nobody").disconnectSockets(true);
            for (String label : List.of("emitter-emit", "emitter-emit-all-volatile", "emitter-sockets-join",
                    "emitter-sockets-leave", "emitter-server-side-emit", "emitter-disconnect")) {
                JsonObject node = step(label).get(0);
                String[] ours = got.poll(5, TimeUnit.SECONDS);
                assertThat(ours).as(label).isNotNull();
                assertThat(ours[0]).as(label).isEqualTo(node.getString("channel"));
                assertThat(ours[1]).as(label).isEqualTo(node.getString("hex"));
            }
        }
    }

    @Test
    void readsAndWritesNotepackVectors() {
        for (JsonValue v : notepack) {
            JsonObject vector = v.asJsonObject();
            String name = vector.getString("name");
            byte[] wire = HEX.parseHex(vector.getString("hex"));
            Binary.Deconstructed d = MsgPack.decode(wire);
            assertThat(withBinaryAsHex(d.data(), d.attachments())).as(name)
                    .isEqualTo(withBinaryAsHex(vector.get("json"), List.of()));
            if (!name.startsWith("date") && !name.equals("undefined-in-map")) {
                assertThat(MsgPack.encode(d.data(), d.attachments())).as(name).isEqualTo(wire);
            }
        }
    }

    /**
     * Our tree with each placeholder replaced by {"$bin": hex}, the form the Node scripts write, and numbers
     * normalised (1E-300 and 1.0E-300 are one number).
     */
    static JsonValue withBinaryAsHex(JsonValue v, List<byte[]> attachments) {
        if (v instanceof jakarta.json.JsonNumber n) {
            return Json.createValue(n.bigDecimalValue().stripTrailingZeros());
        }
        if (Binary.isPlaceholder(v)) {
            return Json.createObjectBuilder().add("$bin", HEX.formatHex(Binary.attachment(v, attachments))).build();
        }
        if (v instanceof JsonArray a) {
            var b = Json.createArrayBuilder();
            a.forEach(x -> b.add(withBinaryAsHex(x, attachments)));
            return b.build();
        }
        if (v instanceof JsonObject o) {
            var b = Json.createObjectBuilder();
            o.forEach((k, x) -> b.add(k, withBinaryAsHex(x, attachments)));
            return b.build();
        }
        return v;
    }

    @Test
    void nodeReadsWhatWeWrite() throws Exception {
        Packet event = Packet.event("/", "news", List.of(1, "two", new byte[] {3, 4}, Map.of("k", 2.5)));
        BroadcastOptions opts = new BroadcastOptions(Set.of("r1"), Set.of("r2"),
                new BroadcastFlags(true, true, false, 1000L));
        List<byte[]> messages = List.of(
                ClassicWire.broadcast("javaid", event, "/", opts),
                MsgPack.encode(ClassicWire.object().add("uid", "javaid").add("requestId", "abcdef")
                        .add("type", ClassicWire.BROADCAST).add("packet", ClusterCodec.packet(event, "/"))
                        .add("opts", ClassicWire.options(opts)).build(), event.attachments()),
                ClassicWire.encode(ClassicWire.object().add("uid", "javaid").add("type", ClassicWire.SERVER_SIDE_EMIT)
                        .add("data", event.data()).build(), event.attachments()),
                ClassicWire.encode(ClassicWire.object().add("requestId", "abcdef").add("rooms",
                        ClusterCodec.strings(List.of("a", "b"))).build(), List.of()));
        Path in = Files.createTempFile("java-wire", ".json");
        Path out = Files.createTempFile("node-read", ".json");
        try {
            var hexes = Json.createArrayBuilder();
            messages.forEach(m -> hexes.add(HEX.formatHex(m)));
            Files.writeString(in, hexes.build().toString());
            node("decode-redis-wire.mjs", in.toAbsolutePath().toString(), out.toAbsolutePath().toString());
            JsonArray read = json(Files.readString(out)).asJsonArray();
            for (JsonValue r : read) {
                assertThat(r.asJsonObject().getBoolean("ok")).as(r.toString()).isTrue();
            }
            assertThat(read.getJsonObject(0).get("value").toString()).isEqualTo("[\"javaid\",{\"type\":2,"
                    + "\"data\":[\"news\",1,\"two\",{\"$bin\":\"0304\"},{\"k\":2.5}],\"nsp\":\"/\"},{\"rooms\":[\"r1\"],"
                    + "\"except\":[\"r2\"],\"flags\":{\"volatile\":true,\"compress\":true,\"timeout\":1000}}]");
            assertThat(read.getJsonObject(1).getJsonObject("value").getInt("type")).isEqualTo(7);
            assertThat(read.getJsonObject(2).getJsonObject("value").getJsonArray("data").get(3).toString())
                    .as("binary arguments of a server-side emit travel as msgpack bin, not JSON")
                    .isEqualTo("{\"$bin\":\"0304\"}");
            assertThat(read.getJsonObject(3).get("value").toString())
                    .isEqualTo("{\"requestId\":\"abcdef\",\"rooms\":[\"a\",\"b\"]}");
        } finally {
            Files.deleteIfExists(in);
            Files.deleteIfExists(out);
        }
    }
}
