package dev.sio4ee.protocol;

/**
 * The seven Socket.IO v5 packet types, with their wire codes.
 *
 * <pre>{@code
 * PacketType t = PacketType.of(2);   // EVENT
 * int code = PacketType.ACK.code();  // 3
 * }</pre>
 */
public enum PacketType {
    /** Connection to a namespace (client request, or server approval carrying the socket id). */
    CONNECT(0),
    /** Disconnection from a namespace. */
    DISCONNECT(1),
    /** An event: the payload is {@code [name, ...args]}. */
    EVENT(2),
    /** The acknowledgement of an event: the payload is {@code [...args]}. */
    ACK(3),
    /** Refusal of a connection to a namespace. */
    CONNECT_ERROR(4),
    /** An {@link #EVENT} whose payload carries binary attachments (wire type only). */
    BINARY_EVENT(5),
    /** An {@link #ACK} whose payload carries binary attachments (wire type only). */
    BINARY_ACK(6);

    private static final PacketType[] BY_CODE = values();

    private final int code;

    PacketType(int code) {
        this.code = code;
    }

    /**
     * The wire code of this type, the first character of an encoded packet.
     *
     * <pre>{@code int c = PacketType.CONNECT_ERROR.code(); // 4}</pre>
     *
     * @return 0 to 6
     */
    public int code() {
        return code;
    }

    /**
     * The type with the given wire code.
     *
     * <pre>{@code PacketType t = PacketType.of(5); // BINARY_EVENT}</pre>
     *
     * @param code 0 to 6
     * @return the type
     * @throws IllegalArgumentException if the code is not 0 to 6
     */
    public static PacketType of(int code) {
        if (code < 0 || code >= BY_CODE.length) {
            throw new IllegalArgumentException("unknown packet type " + code);
        }
        return BY_CODE[code];
    }

    /**
     * Whether this is {@link #BINARY_EVENT} or {@link #BINARY_ACK}.
     *
     * <pre>{@code boolean b = PacketType.BINARY_ACK.isBinary(); // true}</pre>
     *
     * @return true for the two binary types
     */
    public boolean isBinary() {
        return this == BINARY_EVENT || this == BINARY_ACK;
    }

    /**
     * This type without its binary flavour: {@link #BINARY_EVENT} becomes {@link #EVENT}, {@link #BINARY_ACK}
     * becomes {@link #ACK}, the others are unchanged.
     *
     * <pre>{@code PacketType t = PacketType.BINARY_EVENT.plain(); // EVENT}</pre>
     *
     * @return the plain type
     */
    public PacketType plain() {
        return switch (this) {
            case BINARY_EVENT -> EVENT;
            case BINARY_ACK -> ACK;
            default -> this;
        };
    }

    /**
     * This type with its binary flavour: {@link #EVENT} becomes {@link #BINARY_EVENT}, {@link #ACK} becomes
     * {@link #BINARY_ACK}, the others are unchanged.
     *
     * <pre>{@code PacketType t = PacketType.ACK.binary(); // BINARY_ACK}</pre>
     *
     * @return the binary type, or this type if it has no binary flavour
     */
    public PacketType binary() {
        return switch (this) {
            case EVENT -> BINARY_EVENT;
            case ACK -> BINARY_ACK;
            default -> this;
        };
    }
}
