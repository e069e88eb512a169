package dev.sio4ee.adapter;

import dev.sio4ee.protocol.Packet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What an adapter may do with a socket connected to this server. The server implements it for each of its
 * sockets and hands it out through {@link AdapterHost#localSocket(String)}; the adapter never sees the server's
 * classes.
 *
 * <pre>{@code
 * LocalSocket s = host.localSocket(id);
 * if (s != null) s.write(packet, encoder.encode(packet), false);
 * }</pre>
 */
public interface LocalSocket {

    /**
     * The socket id.
     * <pre>{@code String id = socket.id();}</pre>
     *
     * @return the 20-character id
     */
    String id();

    /**
     * Writes an already-encoded packet (the same frames are written to every target of a broadcast).
     * <pre>{@code socket.write(packet, frames, flags.isVolatile());}</pre>
     *
     * @param packet     the packet, for the outgoing listeners ({@code onAnyOutgoing})
     * @param frames     the encoded packet: a {@code String}, then the {@code byte[]} attachments
     * @param isVolatile whether to drop the packet when the connection cannot take it now
     */
    void write(Packet packet, List<Object> frames, boolean isVolatile);

    /**
     * Waits for the client's ACK of the event sent with this id (used by {@code broadcastWithAck}).
     * <pre>{@code socket.expectAck(id, ack -> responses.add(ack));}</pre>
     *
     * @param ackId the ack id of the event
     * @param onAck receives the ACK packet (its data is the array of the client's arguments)
     */
    void expectAck(int ackId, Consumer<Packet> onAck);

    /**
     * Makes the socket join rooms, as {@code socket.join(rooms)} does.
     * <pre>{@code socket.join(Set.of("room1"));}</pre>
     *
     * @param rooms the rooms
     */
    void join(Set<String> rooms);

    /**
     * Makes the socket leave a room, as {@code socket.leave(room)} does.
     * <pre>{@code socket.leave("room1");}</pre>
     *
     * @param room the room
     */
    void leave(String room);

    /**
     * Disconnects the socket, as {@code socket.disconnect(close)} does.
     * <pre>{@code socket.disconnect(true);}</pre>
     *
     * @param close whether to close the underlying connection too
     */
    void disconnect(boolean close);

    /**
     * A snapshot of the socket for {@code fetchSockets()}.
     * <pre>{@code SocketDetails d = socket.details();}</pre>
     *
     * @return id, handshake, rooms and data
     */
    SocketDetails details();
}
