package dev.sio4ee.server;

/**
 * Hears the life of every socket of a server, in socket.io order (connected, then events in arrival order, then
 * disconnecting, then disconnected), for bridges such as the CDI event bridge. Called on the thread that handles
 * the socket; an exception is logged and never closes the connection.
 *
 * <pre>{@code
 * io.addListener(new ServerListener() {
 *     public void onConnected(Socket socket) { log(socket.nsp().name() + " " + socket.id()); }
 *     public void onEvent(Socket socket, String event, Args args, Ack ack) { ack.send("seen"); }
 * });
 * }</pre>
 */
public interface ServerListener {

    /**
     * A socket joined a namespace (after the middlewares, the CONNECT reply and before the namespace's own
     * connection handlers).
     * <pre>{@code public void onConnected(Socket s) { s.join("lobby"); }}</pre>
     *
     * @param socket the socket
     */
    default void onConnected(Socket socket) {
    }

    /**
     * A client event arrived (before the socket's own handlers).
     * <pre>{@code public void onEvent(Socket s, String event, Args args, Ack ack) { log(event); }}</pre>
     *
     * @param socket the socket
     * @param event  the event name
     * @param args   the arguments
     * @param ack    the acknowledgement callback (shared with the socket's handlers: only one answer is sent)
     */
    default void onEvent(Socket socket, String event, Args args, Ack ack) {
    }

    /**
     * A socket is leaving (its rooms are still joined).
     * <pre>{@code public void onDisconnecting(Socket s, DisconnectReason r, String d) { log(s.rooms()); }}</pre>
     *
     * @param socket      the socket
     * @param reason      why
     * @param description details, or null
     */
    default void onDisconnecting(Socket socket, DisconnectReason reason, String description) {
    }

    /**
     * A socket left.
     * <pre>{@code public void onDisconnected(Socket s, DisconnectReason r, String d) { log(r.text()); }}</pre>
     *
     * @param socket      the socket
     * @param reason      why
     * @param description details, or null
     */
    default void onDisconnected(Socket socket, DisconnectReason reason, String description) {
    }
}
