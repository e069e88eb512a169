package dev.sio4ee.admin;

import java.util.Locale;

/**
 * How much the admin UI hears, as the {@code mode} option of Node's {@code @socket.io/admin-ui}.
 *
 * <pre>{@code AdminMode mode = AdminMode.parse("production");}</pre>
 */
public enum AdminMode {
    /** Every socket, room and event in detail ({@code all_sockets}, {@code socket_connected}, ...) plus the stats. */
    DEVELOPMENT,
    /** Only the aggregated stats ({@code server_stats}), for busy servers. */
    PRODUCTION;

    /**
     * Reads {@code development} or {@code production}, any case.
     * <pre>{@code AdminMode.parse("development") // DEVELOPMENT}</pre>
     *
     * @param text the name
     * @return the mode
     * @throws IllegalArgumentException for any other name
     */
    public static AdminMode parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("admin UI mode must be development or production, got '" + text + "'");
        }
    }
}
