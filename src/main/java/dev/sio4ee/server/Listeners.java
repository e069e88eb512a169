package dev.sio4ee.server;

/** Runs user code so that its exceptions are logged and never break the connection. */
final class Listeners {
    private static final System.Logger LOG = System.getLogger(Listeners.class.getName());

    private Listeners() {
    }

    static void run(Runnable call, String what) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, what + " failed", e);
        }
    }
}
