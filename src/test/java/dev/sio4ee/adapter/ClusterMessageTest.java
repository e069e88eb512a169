package dev.sio4ee.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.protocol.Packet;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ClusterMessageTest {

    @Test
    void messageTypesKeepTheCodesOfNode() {
        assertThat(Arrays.stream(ClusterMessage.Type.values()).map(t -> t.code() + "=" + t.name()).toList())
                .containsExactly("1=INITIAL_HEARTBEAT", "2=HEARTBEAT", "3=BROADCAST", "4=SOCKETS_JOIN",
                        "5=SOCKETS_LEAVE", "6=DISCONNECT_SOCKETS", "7=FETCH_SOCKETS", "8=FETCH_SOCKETS_RESPONSE",
                        "9=SERVER_SIDE_EMIT", "10=SERVER_SIDE_EMIT_RESPONSE", "11=BROADCAST_CLIENT_COUNT",
                        "12=BROADCAST_ACK", "13=ADAPTER_CLOSE");
        assertThat(ClusterMessage.Type.of(9)).isEqualTo(ClusterMessage.Type.SERVER_SIDE_EMIT);
        assertThatThrownBy(() -> ClusterMessage.Type.of(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void jsonFormRoundTrips() {
        JsonObject data = Json.createObjectBuilder().add("requestId", "abc").add("packet", "x").build();
        ClusterMessage m = new ClusterMessage("u1", "/chat", ClusterMessage.Type.SERVER_SIDE_EMIT_RESPONSE, data,
                List.of(new byte[] {1}));
        JsonObject json = m.toJson();
        assertThat(json.toString())
                .isEqualTo("{\"uid\":\"u1\",\"nsp\":\"/chat\",\"type\":10,\"data\":{\"requestId\":\"abc\",\"packet\":\"x\"}}");
        ClusterMessage back = ClusterMessage.fromJson(json, m.attachments());
        assertThat(back.uid()).isEqualTo("u1");
        assertThat(back.type()).isEqualTo(ClusterMessage.Type.SERVER_SIDE_EMIT_RESPONSE);
        assertThat(back.requestId()).isEqualTo("abc");
        assertThat(back.attachments().get(0)).containsExactly(1);
    }

    @Test
    void heartbeatsHaveAnEmptyPayloadAndNoRequestId() {
        ClusterMessage m = ClusterMessage.fromJson(Json.createObjectBuilder().add("uid", "u").add("nsp", "/")
                .add("type", 2).build(), null);
        assertThat(m.data()).isEmpty();
        assertThat(m.requestId()).isNull();
        assertThat(m.attachments()).isEmpty();
    }

    @Test
    void invalidJsonIsRejected() {
        assertThatThrownBy(() -> ClusterMessage.fromJson(Json.createObjectBuilder().add("uid", "u").build(), null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ClusterMessage.fromJson(Json.createObjectBuilder().add("uid", "u").add("nsp", "/")
                .add("type", "3").build(), null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void optionsKeepRoomsExceptAndFlags() {
        BroadcastOptions opts = new BroadcastOptions(Set.of("a"), Set.of("b"),
                BroadcastFlags.NONE.withVolatile(true).withCompress(false).withTimeout(50L));
        JsonObject json = ClusterCodec.options(opts);
        assertThat(json.toString()).isEqualTo(
                "{\"rooms\":[\"a\"],\"except\":[\"b\"],\"flags\":{\"volatile\":true,\"compress\":false,\"timeout\":50}}");
        assertThat(ClusterCodec.options(json)).isEqualTo(opts);
    }

    @Test
    void packetsTravelAsParserObjectsWithTheirAttachments() {
        Packet p = Packet.event("/x", "file", List.of(new byte[] {5})).withId(4);
        JsonObject json = ClusterCodec.packet(p, "/x");
        // EVENT (2) even with binary data, as Node's adapters publish it (their parser picks BINARY_EVENT when
        // writing to a client; a 5 here made Node receivers write a broken frame), in Node's key order
        assertThat(json.toString()).isEqualTo(
                "{\"type\":2,\"data\":[\"file\",{\"_placeholder\":true,\"num\":0}],\"nsp\":\"/x\",\"id\":4}");
        assertThat(ClusterCodec.packet(json, "/x", p.attachments())).isEqualTo(p);
    }
}
