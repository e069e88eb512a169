package dev.sio4ee.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.engine.EngineOptions;
import dev.sio4ee.engine.EngineServer;
import dev.sio4ee.engine.FakePeer;
import dev.sio4ee.engine.ManualScheduler;
import dev.sio4ee.engine.spi.WebSocketHandler;
import dev.sio4ee.server.SocketIoOptions;
import dev.sio4ee.server.SocketIoServer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real engine and Socket.IO server on a manual clock, and raw clients over fake WebSocket peers. */
final class Wire {
    private static final Pattern SID = Pattern.compile(".*\\{\"sid\":\"([^\"]+)\"}");

    final ManualScheduler clock = new ManualScheduler();
    final EngineServer engine = new EngineServer(EngineOptions.defaults(), clock, Runnable::run);
    final SocketIoServer io = new SocketIoServer(SocketIoOptions.defaults(), clock).attach(engine);

    Client client(Principal caller) {
        FakePeer peer = new FakePeer("EIO=4&transport=websocket");
        peer.setPrincipal(caller);
        return new Client(peer, engine.openWebSocket(peer));
    }

    /** One raw Socket.IO client. */
    static final class Client {
        final FakePeer peer;
        final WebSocketHandler handler;
        private int cursor = 1; // frame 0 is the Engine.IO open packet

        Client(FakePeer peer, WebSocketHandler handler) {
            this.peer = peer;
            this.handler = handler;
        }

        Client send(String socketIoPacket) {
            handler.onText("4" + socketIoPacket);
            return this;
        }

        /** Sends CONNECT and returns the reply (CONNECT with the sid, or CONNECT_ERROR). */
        String connect(String nsp, String auth) {
            send("0" + ("/".equals(nsp) ? "" : nsp + ",") + (auth == null ? "" : auth));
            return next();
        }

        /** Connects and returns the socket id. */
        String join(String nsp) {
            String reply = connect(nsp, null);
            Matcher m = SID.matcher(reply);
            assertThat(m.matches()).as(reply).isTrue();
            return m.group(1);
        }

        /** The Socket.IO text frames received and not read yet (pings skipped). */
        List<String> drain() {
            List<String> out = new ArrayList<>();
            List<Object> frames = peer.frames();
            while (cursor < frames.size()) {
                Object f = frames.get(cursor++);
                if (f instanceof String s && s.startsWith("4")) {
                    out.add(s.substring(1));
                }
            }
            return out;
        }

        String next() {
            List<String> frames = drain();
            assertThat(frames).as("expected one frame").hasSize(1);
            return frames.get(0);
        }

        void close() {
            handler.onClose(1000, "");
        }
    }
}
