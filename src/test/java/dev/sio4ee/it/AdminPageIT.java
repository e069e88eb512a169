package dev.sio4ee.it;

import static dev.sio4ee.it.DemoPage.waitFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sio4ee.it.app.admin.AdminAppSetup;
import dev.sio4ee.it.app.admin.AdminStore;
import dev.sio4ee.jakarta.AdminSettings;
import io.socket.client.IO;
import io.socket.client.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The official admin UI page ({@code @socket.io/admin-ui} 0.5.1, served by the WAR at
 * {@code dev.sio4ee.ADMIN_UI_PATH}) in headless Chromium, as an operator uses it: a wrong password shows the UI's
 * error; the right one (the container's identity store) shows the two test clients (official Java client, one on
 * WebSocket, one on long-polling) with their rooms and transports; joining a room from the UI makes the client get a
 * broadcast to that room; disconnecting a socket from the UI disconnects it; the read-only UI ({@code /observer})
 * shows no disconnect action. The same deployment answers the hosted UI's CORS request with credentials.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageIT {
    private static final String HOSTED = "https://admin.socket.io";

    @ArquillianResource
    URL deployed;

    private ChromeDriver browser;
    private Socket red;
    private Socket blue;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.war("admin-page", new String[] {AdminSettings.ADMIN_UI, "true",
                AdminSettings.ADMIN_UI_AUTH, "container", AdminSettings.ADMIN_UI_PATH, "/admin-ui/",
                "dev.sio4ee.CORS_ORIGINS", HOSTED, "dev.sio4ee.CORS_CREDENTIALS", "true"},
                AdminAppSetup.class, AdminStore.class);
    }

    @AfterEach
    void close() {
        if (browser != null) {
            browser.quit();
        }
        for (Socket s : new Socket[] {red, blue}) {
            if (s != null) {
                s.close();
            }
        }
    }

    private Socket client(String base, String transport, String room, BlockingQueue<String> heard)
            throws Exception {
        IO.Options o = IO.Options.builder().setPath(URI.create(base).getPath() + "socket.io")
                .setTransports(new String[] {transport}).setReconnection(false).setForceNew(true).build();
        Socket s = IO.socket(URI.create(base.replaceAll("(https?://[^/]+).*", "$1")), o);
        CountDownLatch entered = new CountDownLatch(1);
        s.on("shout", args -> heard.add("shout:" + args[0]));
        s.on(Socket.EVENT_DISCONNECT, args -> heard.add("disconnect:" + args[0]));
        s.on(Socket.EVENT_CONNECT, args -> s.emit("enter", new Object[] {room}, ack -> entered.countDown()));
        s.connect();
        assertThat(entered.await(20, TimeUnit.SECONDS)).as("%s client joined %s", transport, room).isTrue();
        return s;
    }

    @Test
    void shouldShowAndSteerTheClientsInTheOfficialUi() throws Exception {
        String base = Deployments.loopback(deployed).toString();
        String origin = base.replaceAll("(https?://[^/]+).*", "$1");
        BlockingQueue<String> redHeard = new LinkedBlockingQueue<>();
        BlockingQueue<String> blueHeard = new LinkedBlockingQueue<>();
        red = client(base, "websocket", "red", redHeard);
        blue = client(base, "polling", "blue", blueHeard);

        browser = DemoPage.browser();
        browser.get(base + "admin-ui/");
        connect(browser, origin, "ops", "wrong");
        waitFor(browser, d -> d.getPageSource().contains("Invalid credentials"));
        DemoPage.shot(browser, "admin-ui-invalid-credentials");

        connect(browser, origin, "ops", "s3cret");
        waitFor(browser, d -> d.findElements(By.xpath("//input[@type='password']")).stream()
                .noneMatch(WebElement::isDisplayed));
        go(browser, "#/sockets/");
        waitFor(browser, d -> rowText(d, red.id()).contains("WebSocket")
                && rowText(d, blue.id()).contains("HTTP long-polling"));
        DemoPage.shot(browser, "admin-ui-sockets");
        // red's page lists its rooms; make it join "vip" there, then a broadcast to vip reaches it
        rowOf(browser, red.id()).findElement(By.xpath("./td[1]")).click();
        waitFor(browser, d -> d.getPageSource().contains("Join a room")
                && !d.findElements(By.xpath("//td[normalize-space(text())='red']")).isEmpty());
        WebElement room = browser.findElement(By.xpath("//label[text()='Join a room']/following-sibling::input"));
        room.sendKeys("vip");
        browser.findElement(By.xpath("//form[.//label[text()='Join a room']]//button[@type='submit']")).click();
        waitFor(browser, d -> !d.findElements(By.xpath("//td[normalize-space(text())='vip']")).isEmpty());
        DemoPage.shot(browser, "admin-ui-joined");
        blue.emit("shout", "vip", "hello vips");
        assertThat(redHeard.poll(10, TimeUnit.SECONDS)).isEqualTo("shout:hello vips");

        // disconnect blue from the sockets list
        go(browser, "#/sockets/");
        waitFor(browser, d -> rowText(d, blue.id()).contains("HTTP long-polling"));
        rowOf(browser, blue.id()).findElement(By.xpath(".//button")).click();
        assertThat(blueHeard.poll(10, TimeUnit.SECONDS)).isEqualTo("disconnect:io server disconnect");

        // the read-only UI: same list, no disconnect button. The page reloads where it was, the details page of
        // blue (the disconnect button's click also opened its row), which shows nothing for a socket that left: go
        // to the list after logging in, as above
        browser.executeScript("localStorage.setItem('namespace', '/observer'); localStorage.removeItem('session_id');"
                + "localStorage.removeItem('server_url');");
        browser.navigate().refresh(); // a get() of the same page with another hash would not reload it
        connect(browser, origin, "ops", "s3cret");
        waitFor(browser, d -> d.findElements(By.xpath("//input[@type='password']")).stream()
                .noneMatch(WebElement::isDisplayed));
        go(browser, "#/sockets/");
        waitFor(browser, d -> rowText(d, red.id()).contains("WebSocket"));
        assertThat(rowOf(browser, red.id()).findElements(By.xpath(".//button"))).isEmpty();
        DemoPage.shot(browser, "admin-ui-read-only");

        // the hosted UI's origin may connect with credentials
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "socket.io/?EIO=4&transport=polling")).header("Origin", HOSTED).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Access-Control-Allow-Origin")).contains(HOSTED);
        assertThat(r.headers().firstValue("Access-Control-Allow-Credentials")).contains("true");
    }

    /** Fills the UI's connection form (already pre-filled with this server's path and namespace) and submits it. */
    private static void connect(WebDriver d, String serverUrl, String user, String password) {
        waitFor(d, x -> field(x, "Server URL").isDisplayed());
        set(field(d, "Server URL"), serverUrl);
        set(field(d, "Username"), user);
        set(field(d, "Password"), password);
        d.findElement(By.xpath("//button[@type='submit' and contains(., 'Connect')]")).click();
    }

    private static WebElement field(WebDriver d, String label) {
        List<WebElement> inputs = d.findElements(By.xpath("//label[text()='" + label + "']/following-sibling::input"));
        return inputs.isEmpty() ? null : inputs.get(0);
    }

    private static void set(WebElement input, String value) {
        input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        input.sendKeys(value);
    }

    /** Moves within the page (no reload): the UI's router uses the hash. */
    private static void go(ChromeDriver d, String hash) {
        d.executeScript("location.hash = arguments[0];", hash);
    }

    private static String rowText(WebDriver d, String socketId) {
        WebElement row = rowOf(d, socketId);
        return row == null ? "" : row.getText();
    }

    private static WebElement rowOf(WebDriver d, String socketId) {
        List<WebElement> rows = d.findElements(By.xpath("//tr[td[text()='" + socketId + "']]"));
        return rows.isEmpty() ? null : rows.get(0);
    }
}
