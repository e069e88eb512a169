package dev.sio4ee.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.EchoSetup;
import io.socket.client.Ack;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URL;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.json.JSONObject;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The official Java client {@code io.socket:socket.io-client} 2.1.2 against the deployed WAR. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JavaClientIT {

    @ArquillianResource
    URL deployed;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("javaclient", new String[0], EchoSetup.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"polling", "websocket"})
    void shouldTalkToTheJavaClient(String transport) throws Exception {
        URL base = Deployments.loopback(deployed);
        IO.Options opts = IO.Options.builder()
                .setPath(base.getPath() + "socket.io/")
                .setTransports(new String[] {transport})
                .setReconnection(false)
                .setForceNew(true)
                .build();
        Socket socket = IO.socket("http://127.0.0.1:" + base.getPort(), opts);
        BlockingQueue<Object> got = new LinkedBlockingQueue<>();
        socket.on("welcome", args -> got.add("welcome:" + args[0]));
        socket.on(Socket.EVENT_CONNECT_ERROR, args -> got.add("error:" + args[0]));
        socket.connect();
        try {
            Object welcome = got.poll(20, TimeUnit.SECONDS);
            assertThat(welcome).isEqualTo("welcome:" + socket.id());
            assertThat(socket.id()).hasSize(20);

            socket.emit("echo", new Object[] {"hi", 7, new JSONObject().put("k", "v")},
                    (Ack) args -> got.add(args));
            Object[] echoed = (Object[]) got.poll(20, TimeUnit.SECONDS);
            assertThat(echoed).isNotNull();
            assertThat(echoed[0]).isEqualTo("hi");
            assertThat(echoed[1]).isEqualTo(7);
            assertThat(echoed[2].toString()).isEqualTo("{\"k\":\"v\"}");

            // this client sends the base64 of a binary packet with a trailing newline over polling
            socket.emit("echo", new Object[] {"bin", new byte[] {9, 8}}, (Ack) args -> got.add(args));
            Object[] binary = (Object[]) got.poll(20, TimeUnit.SECONDS);
            assertThat(binary).as("binary ack over " + transport).isNotNull();
            assertThat(binary[0]).isEqualTo("bin");
            assertThat((byte[]) binary[1]).containsExactly(9, 8);

            socket.on("room message", args -> got.add("room:" + args[0]));
            socket.emit("join", new Object[] {"java-room"}, (Ack) args -> got.add("ack:" + args[0]));
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("ack:joined java-room");
            socket.emit("to-room", "java-room", "hello java");
            assertThat(got.poll(20, TimeUnit.SECONDS)).isEqualTo("room:hello java");
        } finally {
            socket.disconnect();
            socket.close();
        }
    }
}
