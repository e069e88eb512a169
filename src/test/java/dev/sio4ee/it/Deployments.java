package dev.sio4ee.it;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.util.Arrays;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ExplodedImporter;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** Builds the test WARs: sio4ee as a library jar (as users consume it) plus a small test application. */
public final class Deployments {
    private Deployments() {
    }

    /**
     * sio4ee's compiled classes as WEB-INF/lib/sio4ee.jar (with its META-INF/beans.xml and the client bundle),
     * without the demo chat, as the {@code classes} jar ships it.
     */
    public static JavaArchive library() {
        return ShrinkWrap.create(ExplodedImporter.class, "sio4ee.jar")
                .importDirectory(new File("target/classes"),
                        path -> !path.get().startsWith("/dev/sio4ee/demo"))
                .as(JavaArchive.class);
    }

    /**
     * The libraries the WAR packs for the Redis adapters (Lettuce with Netty and Reactor, msgpack-core): the jars
     * of target/sio4ee/WEB-INF/lib, where {@code mvn package} put the project's runtime dependencies.
     */
    public static File[] redisLibraries() {
        File[] jars = new File("target/sio4ee/WEB-INF/lib").listFiles((dir, name) -> name.endsWith(".jar"));
        if (jars == null || Arrays.stream(jars).noneMatch(j -> j.getName().startsWith("lettuce-core"))) {
            throw new IllegalStateException("no lettuce-core jar in target/sio4ee/WEB-INF/lib (run mvn package)");
        }
        return jars;
    }

    /** A WAR with the library, the given test classes and context-params. */
    public static WebArchive war(String name, String[] contextParams, Class<?>... classes) {
        StringBuilder params = new StringBuilder();
        for (int i = 0; i + 1 < contextParams.length; i += 2) {
            params.append("<context-param><param-name>").append(contextParams[i])
                    .append("</param-name><param-value>").append(contextParams[i + 1])
                    .append("</param-value></context-param>\n");
        }
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                %s</web-app>
                """.formatted(params);
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addAsLibrary(library())
                .addClasses(classes)
                .addAsWebInfResource(new StringAsset(
                        "<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\" "
                                + "bean-discovery-mode=\"annotated\"/>"), "beans.xml")
                .setWebXML(new StringAsset(webXml));
    }

    /** Payara's URL carries the first non-loopback address; tests talk to loopback only. */
    public static URL loopback(URL deployed) {
        try {
            return URI.create(deployed.getProtocol() + "://127.0.0.1:" + deployed.getPort()
                    + deployed.getFile()).toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
