package dev.sio4ee.server;

import dev.sio4ee.adapter.LocalSocket;
import dev.sio4ee.adapter.SocketDetails;
import dev.sio4ee.protocol.Packet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The adapter's view of a {@link Socket}. */
final class LocalView implements LocalSocket {
    private final Socket socket;

    LocalView(Socket socket) {
        this.socket = socket;
    }

    @Override
    public String id() {
        return socket.id();
    }

    @Override
    public void write(Packet packet, List<Object> frames, boolean isVolatile) {
        socket.deliver(packet, frames, isVolatile);
    }

    @Override
    public void expectAck(int ackId, Consumer<Packet> onAck) {
        socket.acks().register(ackId, null, onAck, null);
    }

    @Override
    public void join(Set<String> rooms) {
        socket.join(rooms);
    }

    @Override
    public void leave(String room) {
        socket.leave(room);
    }

    @Override
    public void disconnect(boolean close) {
        socket.disconnect(close);
    }

    @Override
    public SocketDetails details() {
        Map<String, Object> data = socket.data();
        Map<String, Object> copy;
        synchronized (data) {
            copy = new LinkedHashMap<>(data);
        }
        return new SocketDetails(socket.id(), socket.handshake().toJson(), socket.rooms(), copy);
    }
}
