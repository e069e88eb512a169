package dev.sio4ee.engine;

import dev.sio4ee.engine.spi.WebSocketPeer;
import java.util.ArrayList;
import java.util.List;

/** An in-memory {@link WebSocketPeer} that records the frames sent and the close. */
public final class FakePeer extends FakeRequest implements WebSocketPeer {
    private final List<Object> frames = new ArrayList<>();
    private final List<Integer> closeCalls = new ArrayList<>();
    private boolean writable = true;
    private long bufferedBytes;
    private int flushes;
    private final List<Integer> aborts = new ArrayList<>();
    private volatile java.util.concurrent.CountDownLatch flushReached;
    private volatile java.util.concurrent.CountDownLatch flushGo;
    private int closeCode = -1;
    private String closeReason;

    public FakePeer(String queryString) {
        super(queryString);
    }

    public FakePeer header(String name, String value) {
        addHeader(name, value);
        return this;
    }

    public synchronized void writable(boolean v) {
        writable = v;
    }

    @Override
    public synchronized void sendText(String text) {
        if (closeCode < 0) {
            frames.add(text);
        }
    }

    @Override
    public synchronized void sendBinary(byte[] data) {
        if (closeCode < 0) {
            frames.add(data); // as given, like SessionPeer (ByteBuffer.wrap): tests can check a frame is shared
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCalls.add(code);
        if (closeCode < 0) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public synchronized boolean isWritable() {
        return writable && closeCode < 0;
    }

    @Override
    public void flush() {
        java.util.concurrent.CountDownLatch reached = flushReached;
        if (reached != null) {
            flushReached = null;
            reached.countDown();
            try {
                if (!flushGo.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the latch");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            flushes++;
        }
    }

    @Override
    public synchronized long bufferedBytes() {
        return closeCode < 0 ? bufferedBytes : 0;
    }

    @Override
    public synchronized void abort(int code, String reason) {
        aborts.add(code);
        close(code, reason);
    }

    // ---- test side ----

    /** What {@link #bufferedBytes()} reports: the bytes a client that does not read left in the queue. */
    public synchronized void bufferedBytes(long v) {
        bufferedBytes = v;
    }

    /** The next {@link #flush()} signals {@code reached}, then waits for {@code go} (a write that blocks). */
    public void pauseInFlush(java.util.concurrent.CountDownLatch reached, java.util.concurrent.CountDownLatch go) {
        this.flushGo = go;
        this.flushReached = reached;
    }

    public synchronized int flushes() {
        return flushes;
    }

    public synchronized List<Integer> aborts() {
        return new ArrayList<>(aborts);
    }

    /** All frames: String for text, byte[] for binary. */
    public synchronized List<Object> frames() {
        return new ArrayList<>(frames);
    }

    /** Text frames only. */
    public synchronized List<String> texts() {
        return frames.stream().filter(String.class::isInstance).map(String.class::cast).toList();
    }

    /** Removes and returns the frames recorded so far. */
    public synchronized List<Object> takeFrames() {
        List<Object> copy = new ArrayList<>(frames);
        frames.clear();
        return copy;
    }

    public synchronized boolean closed() {
        return closeCode >= 0;
    }

    public synchronized int closeCode() {
        return closeCode;
    }

    public synchronized String closeReason() {
        return closeReason;
    }

    public synchronized List<Integer> closeCalls() {
        return new ArrayList<>(closeCalls);
    }
}
