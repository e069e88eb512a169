package dev.sio4ee.server;

import dev.sio4ee.protocol.Packet;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * What a recovered socket must write before anything else: the packets its client missed, then its CONNECT
 * answer, then the packets that reached it through the adapter meanwhile (held here). Thread-safe: once
 * {@link #release} has run, {@link #keep} returns false and writes go straight to the client, after the released
 * ones.
 */
final class RecoveryHold {
    private record Held(Packet packet, List<Object> frames) {
    }

    private final Object lock = new Object();
    private List<Packet> missed;
    private volatile List<Held> held = new ArrayList<>();

    RecoveryHold(List<Packet> missed) {
        this.missed = missed;
    }

    /** Holds a packet while the hold lasts (volatile packets are dropped); false once released. */
    boolean keep(Packet packet, List<Object> frames, boolean isVolatile) {
        if (held == null) {
            return false;
        }
        synchronized (lock) {
            if (held == null) {
                return false;
            }
            if (!isVolatile) {
                held.add(new Held(packet, frames));
            }
            return true;
        }
    }

    /** Writes the missed packets, the CONNECT answer and the held packets, in this order, and ends the hold. */
    void release(Consumer<Packet> writeMissed, Runnable writeConnect, BiConsumer<Packet, List<Object>> writeHeld) {
        synchronized (lock) {
            List<Held> pending = held;
            if (pending == null) {
                return;
            }
            missed.forEach(writeMissed);
            missed = List.of();
            writeConnect.run();
            pending.forEach(h -> writeHeld.accept(h.packet, h.frames));
            held = null;
        }
    }

    /** Ends the hold without writing (the socket was refused or closed). */
    void drop() {
        synchronized (lock) {
            held = null;
            missed = List.of();
        }
    }
}
