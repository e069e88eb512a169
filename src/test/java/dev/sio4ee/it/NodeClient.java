package dev.sio4ee.it;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.File;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a script of src/test/node under Node.js with the official clients installed there by npm. */
final class NodeClient {
    private NodeClient() {
    }

    static File dir() {
        File d = new File(System.getProperty("sio4ee.node.dir", "src/test/node"));
        if (!new File(d, "node_modules").isDirectory()) {
            throw new IllegalStateException("the npm clients are not installed in " + d.getAbsolutePath()
                    + " (the build runs `npm install` there in pre-integration-test)");
        }
        return d;
    }

    /** Runs {@code node script args...} and returns the JSON object of its last stdout line. */
    static JsonObject run(long timeoutSeconds, String script, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", script));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir()).redirectErrorStream(false).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("node " + script + " did not finish within " + timeoutSeconds + " s");
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
        if (!last.startsWith("{")) {
            throw new AssertionError("node " + script + " exited " + p.exitValue() + " without a result; stdout: "
                    + out + " stderr: " + err);
        }
        return Json.createReader(new StringReader(last)).readObject();
    }
}
