package dev.sio4ee.it;

import static dev.sio4ee.it.DemoPage.browser;
import static dev.sio4ee.it.DemoPage.delivered;
import static dev.sio4ee.it.DemoPage.login;
import static dev.sio4ee.it.DemoPage.messages;
import static dev.sio4ee.it.DemoPage.send;
import static dev.sio4ee.it.DemoPage.shot;
import static dev.sio4ee.it.DemoPage.shown;
import static dev.sio4ee.it.DemoPage.text;
import static dev.sio4ee.it.DemoPage.users;
import static dev.sio4ee.it.DemoPage.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.DemoNetwork;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The demo chat as shipped (target/sio4ee.war, its CDI observer beans and the client bundle it serves) in two
 * headless Chromium browsers: alice with the default transports (upgraded to WebSocket), bob forced to
 * long-polling by the page's {@code ?transport=polling} flag. They chat in a room (delivered ticks, typing
 * indicator), join a new room, talk in private; then the server drops bob's transport: his page shows the reconnect banner, misses a
 * message while the network stays cut, and shows it once reconnected, banner gone. Screenshots go to
 * target/screenshots/.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoChatIT {

    @ArquillianResource
    URL deployed;

    private ChromeDriver alice;
    private ChromeDriver bob;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // the demo WAR that `mvn package` built, plus a test-only switch that cuts the network
        return ShrinkWrap.create(ZipImporter.class, "demo.war").importFrom(new File("target/sio4ee.war"))
                .as(WebArchive.class)
                .addClasses(DemoNetwork.class, DemoNetwork.Cut.class);
    }

    @AfterEach
    void quit() {
        for (WebDriver d : new WebDriver[] {alice, bob}) {
            if (d != null) {
                d.quit();
            }
        }
    }

    @Test
    void shouldChatInRoomsAndPrivatelyAndComeBackAfterTheTransportDrops() throws Exception {
        String page = Deployments.loopback(deployed).toString();
        String server = System.getProperty("arquillian.launch", "server");
        alice = browser();
        bob = browser();

        login(alice, page, "alice");
        login(bob, page + "?transport=polling", "bob");
        waitFor(bob, d -> text(d, "transport").equals("polling"));
        waitFor(alice, d -> text(d, "transport").equals("websocket"));
        waitFor(alice, d -> users(d).equals(List.of("alice", "bob")));
        waitFor(bob, d -> users(d).equals(List.of("alice", "bob")));
        assertThat(text(alice, "title")).isEqualTo("#lobby");
        assertThat(DemoPage.consoleErrors(alice)).as("console errors of a fresh page (a missing icon, ...)").isEmpty();

        // a room message: delivered tick for alice, the message for bob (over polling), and back
        send(alice, "hello from alice");
        waitFor(alice, d -> delivered(d, "hello from alice"));
        waitFor(bob, d -> shown(d, "hello from alice"));
        send(bob, "hi alice, bob here on long-polling");
        waitFor(bob, d -> delivered(d, "hi alice, bob here on long-polling"));
        waitFor(alice, d -> shown(d, "hi alice, bob here on long-polling"));
        shot(bob, server + "-1-bob-lobby");

        // typing indicator (volatile emits): bob types over polling, alice sees it; it goes when he clears it
        bob.findElement(By.id("text")).sendKeys("I am typi");
        waitFor(alice, d -> text(d, "typing").equals("bob is typing…"));
        shot(alice, server + "-1-alice-lobby-typing");
        bob.findElement(By.id("text")).clear();
        bob.findElement(By.id("text")).sendKeys(" ", Keys.BACK_SPACE);
        waitFor(alice, d -> text(d, "typing").isEmpty());

        // a new room: bob creates it, alice joins it from the directory
        DemoPage.meetInNewRoom(bob, alice, "alice", "it-room", "only for it-room");
        bob.findElement(By.id("leave")).click();
        waitFor(bob, d -> d.findElements(By.cssSelector("#rooms li.joined[data-room='it-room']")).isEmpty());
        waitFor(alice, d -> d.findElement(By.id("messages")).getText().contains("bob left #it-room"));

        // a private message from alice to bob
        DemoPage.privateMessage(alice, "alice", bob, "bob", "psst, just for you");
        shot(bob, server + "-2-bob-private");

        // the server drops bob's transport and refuses new sessions for a while: the banner shows
        bob.findElement(By.cssSelector("#rooms li[data-room='lobby'] button")).click();
        waitFor(bob, d -> text(d, "title").equals("#lobby"));
        alice.findElement(By.cssSelector("#rooms li[data-room='lobby'] button")).click();
        waitFor(alice, d -> text(d, "title").equals("#lobby"));
        assertThat(network(page, "drop=bob")).contains("\"closed\":1");
        waitFor(bob, d -> d.findElement(By.id("banner")).isDisplayed());
        assertThat(text(bob, "banner")).contains("Reconnecting");
        send(alice, "sent while bob was away");
        waitFor(alice, d -> delivered(d, "sent while bob was away"));
        shot(bob, server + "-3-bob-reconnecting");
        assertThat(shown(bob, "sent while bob was away")).isFalse();

        // the network is back: bob reconnects, the banner goes, and the missed message is there
        network(page, "restore");
        waitFor(bob, d -> !d.findElement(By.id("banner")).isDisplayed());
        // connection state recovery (the demo turns it on): same session, the server replayed the missed message
        waitFor(bob, d -> d.findElement(By.id("toast")).getText().contains("Session recovered"));
        waitFor(bob, d -> shown(d, "sent while bob was away"));
        assertThat(messages(bob).stream().filter(t -> t.equals("sent while bob was away")).count())
                .as("shown once").isEqualTo(1);
        send(bob, "back again");
        waitFor(bob, d -> delivered(d, "back again"));
        waitFor(alice, d -> shown(d, "back again"));
        shot(bob, server + "-4-bob-back");
        shot(alice, server + "-4-alice-back");
    }

    private static String network(String page, String query) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(page + "test/network?" + query)).timeout(DemoPage.WAIT).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
