package dev.sio4ee.it;

import static dev.sio4ee.it.DemoPage.browser;
import static dev.sio4ee.it.DemoPage.delivered;
import static dev.sio4ee.it.DemoPage.login;
import static dev.sio4ee.it.DemoPage.send;
import static dev.sio4ee.it.DemoPage.shot;
import static dev.sio4ee.it.DemoPage.shown;
import static dev.sio4ee.it.DemoPage.text;
import static dev.sio4ee.it.DemoPage.users;
import static dev.sio4ee.it.DemoPage.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.jakarta.Settings;
import java.io.File;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo chat on two servers of one cluster, in two headless Chromium pages: server 1 is the demo WAR deployed
 * on the server under test (Payara Micro, then WildFly) with the sharded Redis adapter turned on by context-params;
 * server 2 is the same WAR on a Payara Micro process of its own, configured by environment variables
 * ({@code SIO4EE_ADAPTER=redis-sharded}, {@code SIO4EE_REDIS_URI}); both on one real redis-server. alice on server
 * 1 and bob on server 2 see each other online, chat in the lobby (delivered ticks come back across Redis), meet in a
 * room bob creates, talk in private, and alice sees bob go offline. Screenshots go to target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoClusterIT {
    private static final File WAR = new File("target/sio4ee.war");
    private static final ClassRedis REDIS = new ClassRedis();
    private static PayaraMicroNode server2;

    @ArquillianResource
    URL deployed;

    private ChromeDriver alice;
    private ChromeDriver bob;

    @Deployment(testable = false)
    static WebArchive deployment() {
        startCluster(); // server 2 boots while the container deploys server 1
        String webXml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                <context-param><param-name>%s</param-name><param-value>redis-sharded</param-value></context-param>
                <context-param><param-name>%s</param-name><param-value>%s</param-value></context-param>
                <context-param><param-name>%s</param-name><param-value>dynamic</param-value></context-param>
                </web-app>
                """.formatted(Settings.ADAPTER, Settings.REDIS_URI, REDIS.get().uri(), Settings.REDIS_SUBSCRIPTION_MODE);
        return ShrinkWrap.create(ZipImporter.class, "demo1.war").importFrom(WAR).as(WebArchive.class)
                .setWebXML(new StringAsset(webXml));
    }

    private static synchronized void startCluster() {
        if (server2 == null) {
            server2 = PayaraMicroNode.start("demo-server2", WAR, "demo2", Map.of(
                    Settings.environmentName(Settings.ADAPTER), "redis-sharded",
                    Settings.environmentName(Settings.REDIS_URI), REDIS.get().uri(),
                    Settings.environmentName(Settings.REDIS_SUBSCRIPTION_MODE), "dynamic"));
        }
    }

    @AfterEach
    void quit() {
        for (WebDriver d : new WebDriver[] {alice, bob}) {
            if (d != null) {
                d.quit();
            }
        }
    }

    @AfterAll
    static void stopCluster() {
        if (server2 != null) {
            server2.close();
        }
        REDIS.close();
    }

    @Test
    void shouldChatAcrossTwoServers() throws Exception {
        String page1 = Deployments.loopback(deployed).toString();
        String page2 = server2.awaitReady().toString();
        String server = System.getProperty("arquillian.launch", "server");
        alice = browser();
        bob = browser();

        login(alice, page1, "alice");
        login(bob, page2, "bob");
        // presence: each server asks the cluster (fetchSockets through Redis) who is online
        waitFor(alice, d -> users(d).equals(List.of("alice", "bob")));
        waitFor(bob, d -> users(d).equals(List.of("alice", "bob")));

        // the lobby: messages cross both ways, and the delivered tick (an ack) comes back
        send(alice, "hello from server 1");
        waitFor(alice, d -> delivered(d, "hello from server 1"));
        waitFor(bob, d -> shown(d, "hello from server 1"));
        send(bob, "hi alice, this is server 2");
        waitFor(bob, d -> delivered(d, "hi alice, this is server 2"));
        waitFor(alice, d -> shown(d, "hi alice, this is server 2"));
        shot(alice, server + "-cluster-1-alice-lobby");

        // a room bob creates on server 2 shows in alice's directory on server 1; she joins, they talk in it
        DemoPage.meetInNewRoom(bob, alice, "alice", "cluster-room", "only for cluster-room");
        // a private message from server 1 to a user on server 2
        DemoPage.privateMessage(alice, "alice", bob, "bob", "psst, across the cluster");
        shot(bob, server + "-cluster-2-bob-private");

        // bob closes his page: server 1 learns it through the cluster
        bob.quit();
        bob = null;
        waitFor(alice, d -> users(d).equals(List.of("alice")));
        assertThat(users(alice)).containsExactly("alice");
    }
}
