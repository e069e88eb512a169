package dev.sio4ee.engine.parser;

/**
 * The seven Engine.IO v4 packet types, with the digit that starts their encoding.
 *
 * <pre>{@code
 * EnginePacketType t = EnginePacketType.fromCode('4'); // MESSAGE
 * char c = EnginePacketType.PING.code();               // '2'
 * }</pre>
 */
public enum EnginePacketType {
    OPEN('0'), CLOSE('1'), PING('2'), PONG('3'), MESSAGE('4'), UPGRADE('5'), NOOP('6');

    private static final EnginePacketType[] BY_CODE = values();

    private final char code;

    EnginePacketType(char code) {
        this.code = code;
    }

    /**
     * The digit of this type on the wire.
     * <pre>{@code char c = EnginePacketType.MESSAGE.code(); // '4'}</pre>
     *
     * @return the type digit
     */
    public char code() {
        return code;
    }

    /**
     * Looks a type up by its digit.
     * <pre>{@code EnginePacketType.fromCode('6') == EnginePacketType.NOOP}</pre>
     *
     * @param code the first character of an encoded packet
     * @return the type, or {@code null} if the character is no packet type
     */
    public static EnginePacketType fromCode(char code) {
        int i = code - '0';
        return i >= 0 && i < BY_CODE.length ? BY_CODE[i] : null;
    }
}
