package dev.sio4ee.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sio4ee.protocol.Packet;
import jakarta.json.JsonValue;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * One argument rule for every send method (issue 13): each value is one Socket.IO argument and a {@code List} is
 * one JSON array, as in socket.io; an {@link Args} passed alone is the argument list itself (socket.io's
 * {@code emit(event, ...args)}). And the named accessors of {@link Args} answer null for a missing argument.
 */
class ArgumentsTest {
    private final Harness h = new Harness();

    private RawClient connected(AtomicReference<Socket> socket) {
        h.io.onConnection(socket::set);
        RawClient c = h.client();
        c.connect("/");
        return c;
    }

    @Test
    void aListIsOneArrayArgumentForEmitAndForAck() {
        h.io.onConnection(s -> s.on("ask", (args, ack) -> {
            s.emit("pair", List.of(1, 2));
            ack.send(List.of("a", "b"));
        }));
        RawClient c = h.client();
        c.connect("/");
        c.send("25[\"ask\"]");
        assertThat(c.drain()).containsExactly("2[\"pair\",[1,2]]", "35[[\"a\",\"b\"]]");
    }

    @Test
    void receivedArgsPassedAloneAreSentAsReceivedByEverySendMethod() {
        AtomicReference<Args> received = new AtomicReference<>();
        h.io.onConnection(s -> s.on("relay", (args, ack) -> {
            received.set(args);
            ack.send(args);
        }));
        RawClient c = h.client();
        String id = c.connect("/");
        c.send("27[\"relay\",1,\"two\",{\"k\":[3]}]");
        assertThat(c.nextText()).isEqualTo("37[1,\"two\",{\"k\":[3]}]");
        Args args = received.get();
        Socket socket = h.socket("/", id);

        socket.emit("x", args);
        socket.send(args);
        socket.asVolatile().emit("x", args);
        h.io.emit("x", args);
        h.io.to(id).emit("x", args);
        h.io.of("/").send(args);
        Harness.await(h.io.fetchSockets()).get(0).emit("x", args);
        assertThat(c.drain()).containsExactly(
                "2[\"x\",1,\"two\",{\"k\":[3]}]",
                "2[\"message\",1,\"two\",{\"k\":[3]}]",
                "2[\"x\",1,\"two\",{\"k\":[3]}]",
                "2[\"x\",1,\"two\",{\"k\":[3]}]",
                "2[\"x\",1,\"two\",{\"k\":[3]}]",
                "2[\"message\",1,\"two\",{\"k\":[3]}]",
                "2[\"x\",1,\"two\",{\"k\":[3]}]");

        socket.emitWithAck("q", args);
        socket.timeout(1_000).emitWithAck("q", args);
        h.io.timeout(1_000).emitWithAck("q", args);
        assertThat(c.drain()).containsExactly("20[\"q\",1,\"two\",{\"k\":[3]}]", "21[\"q\",1,\"two\",{\"k\":[3]}]",
                "22[\"q\",1,\"two\",{\"k\":[3]}]");
    }

    @Test
    void argsAmongOtherValuesIsOneArrayArgument() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        RawClient c = connected(socket);
        Args args = Args.of(1, "two");
        socket.get().emit("wrapped", "from", args);
        socket.get().emit("one", List.copyOf(args));
        assertThat(c.drain()).containsExactly("2[\"wrapped\",\"from\",[1,\"two\"]]", "2[\"one\",[1,\"two\"]]");
    }

    @Test
    void aBinaryEventRelayedKeepsItsAttachments() {
        h.io.onConnection(s -> s.on("file", (args, ack) -> {
            s.emit("file", args);
            ack.send(args);
        }));
        RawClient c = h.client();
        c.connect("/");
        c.send("51-3[\"file\",\"a.png\",{\"_placeholder\":true,\"num\":0}]").send(new byte[] {7, 8});
        assertThat(c.nextText()).isEqualTo("51-[\"file\",\"a.png\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(c.nextBinary()).containsExactly(7, 8);
        assertThat(c.nextText()).isEqualTo("61-3[\"a.png\",{\"_placeholder\":true,\"num\":0}]");
        assertThat(c.nextBinary()).containsExactly(7, 8);
    }

    @Test
    void aJavaArrayPassedAloneIsTheVarargsArrayAndAListWrapsIt() {
        AtomicReference<Socket> socket = new AtomicReference<>();
        RawClient c = connected(socket);
        String[] names = {"a", "b"};
        socket.get().emit("spread", (Object[]) names);
        socket.get().emit("one", List.of(names));
        assertThat(c.drain()).containsExactly("2[\"spread\",\"a\",\"b\"]", "2[\"one\",[\"a\",\"b\"]]");
    }

    @Test
    void argsOfArgsAloneIsTheSameListAndEachOtherValueIsOneArgument() {
        Args args = Args.of(1, "two");
        assertThat(Args.of(args)).isSameAs(args);
        assertThat(Args.of(List.of(1, 2))).hasSize(1);
        assertThat(Args.of(List.of(1, 2)).json(0).toString()).isEqualTo("[1,2]");
        assertThat(Args.of("a", args)).hasSize(2);
    }

    @Test
    void anEventPacketOfEncodedArgumentsEqualsTheConvertedOne() {
        Args args = Args.of("x", new byte[] {1}, Map.of("b", new byte[] {2}));
        Packet direct = Packet.event("/", "ev", args);
        Packet converted = Packet.event("/", "ev", List.copyOf(args));
        assertThat(direct).isEqualTo(converted);
        assertThat(direct.attachments()).hasSize(2);
    }

    @Test
    void namedAccessorsAnswerNullForAMissingArgumentAndGetThrows() {
        Args none = Args.EMPTY;
        assertThat(none.string(0)).isNull();
        assertThat(none.number(0)).isNull();
        assertThat(none.bytes(0)).isNull();
        assertThat(none.json(0)).isNull();
        assertThat(none.json(-1)).isNull();
        assertThatThrownBy(() -> none.get(0)).isInstanceOf(IndexOutOfBoundsException.class);

        Args one = Args.of((Object) null);
        assertThat(one.json(0)).as("a JSON null is not a missing argument").isEqualTo(JsonValue.NULL);
        assertThat(one.get(0)).isNull();
        assertThat(one.string(1)).isNull();
    }

    @Test
    void aHandlerReadingAMissingArgumentGetsNull() {
        AtomicReference<String> text = new AtomicReference<>("unset");
        h.io.onConnection(s -> s.on("say", (args, ack) -> {
            text.set(args.string(0));
            ack.send(args.size());
        }));
        RawClient c = h.client();
        c.connect("/");
        c.send("21[\"say\"]");
        assertThat(c.nextText()).isEqualTo("31[0]");
        assertThat(text.get()).isNull();
    }
}
