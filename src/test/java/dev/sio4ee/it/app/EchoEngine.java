package dev.sio4ee.it.app;

import dev.sio4ee.engine.EngineConnectionListener;
import dev.sio4ee.engine.EngineSession;
import dev.sio4ee.engine.EngineSessionListener;
import jakarta.enterprise.context.ApplicationScoped;

/** Test application: a raw Engine.IO echo (text and binary), deployed in the engine ITs' WAR. */
@ApplicationScoped
public class EchoEngine implements EngineConnectionListener {

    @Override
    public void onConnection(EngineSession session) {
        session.listener(new EngineSessionListener() {
            @Override
            public void onMessage(EngineSession s, String text) {
                if (text.startsWith("close-me")) {
                    s.close();
                } else {
                    s.send(text);
                }
            }

            @Override
            public void onMessage(EngineSession s, byte[] data) {
                s.send(data);
            }
        });
    }
}
