package dev.sio4ee.server;

import dev.sio4ee.protocol.Packet;
import java.util.concurrent.atomic.AtomicBoolean;

/** Answers one client event with an ACK packet, once. */
final class ClientAck implements Ack {
    private final Socket socket;
    private final int ackId;
    private final AtomicBoolean sent = new AtomicBoolean();

    ClientAck(Socket socket, int ackId) {
        this.socket = socket;
        this.ackId = ackId;
    }

    @Override
    public boolean requested() {
        return true;
    }

    @Override
    public boolean send(Object... args) {
        if (!sent.compareAndSet(false, true)) {
            return false;
        }
        socket.packet(Packet.ack(socket.nsp().name(), ackId, Args.list(args)), false);
        return true;
    }
}
