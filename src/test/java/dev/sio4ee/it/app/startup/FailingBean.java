package dev.sio4ee.it.app.startup;

import jakarta.ejb.Stateless;

/**
 * Test application: a stateless session bean whose method throws, the way a guard refused before sio4ee's guards
 * returned their refusal. Calling it shows what the server logs for an EJB system exception, so the test can tell
 * that its log capture would see one.
 */
@Stateless
public class FailingBean {

    /** Throws a system exception (on purpose). */
    public void fail() {
        throw new IllegalStateException("members only (thrown on purpose by StartupIT's control call)");
    }
}
