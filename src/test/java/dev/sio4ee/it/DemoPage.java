package dev.sio4ee.it;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.openqa.selenium.By;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The demo chat's page in headless Chromium (Debian's chromium and chromium-driver): what a person sees and does. */
final class DemoPage {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path SHOTS = Path.of("target", "screenshots");

    /**
     * Selenium warns that it has no DevTools module for this Chromium's version: the tests use WebDriver only.
     * Kept here so the logger (and its level) is not collected.
     */
    private static final java.util.logging.Logger CDP = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools.CdpVersionFinder");
    private static final java.util.logging.Logger CHROMIUM = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.chromium.ChromiumDriver");

    static {
        CDP.setLevel(java.util.logging.Level.SEVERE);
        CHROMIUM.setLevel(java.util.logging.Level.SEVERE);
    }

    private DemoPage() {
    }

    static ChromeDriver browser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(new File("/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1200,860");
        options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    static void login(WebDriver d, String url, String nickname) {
        d.get(url);
        waitFor(d, x -> x.findElement(By.id("nickname")).isDisplayed());
        d.findElement(By.id("nickname")).sendKeys(nickname);
        d.findElement(By.id("login-button")).click();
        waitFor(d, x -> x.findElement(By.id("app")).isDisplayed() && text(x, "me").equals(nickname));
        waitFor(d, x -> text(x, "title").equals("#lobby"));
    }

    /** The page's console errors so far (failed loads included), e.g. a 404 for a missing icon. */
    static List<String> consoleErrors(WebDriver d) {
        return d.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(e -> e.getMessage()).toList();
    }

    static void send(WebDriver d, String message) {
        WebElement input = d.findElement(By.id("text"));
        input.sendKeys(message);
        d.findElement(By.id("send")).click();
    }

    /**
     * {@code creator} (nickname {@code creatorName}) creates {@code room}; it shows in {@code joiner}'s directory,
     * the joiner ({@code joinerName}) joins it from there, the creator sees the join notice, and a message of the
     * joiner reaches the creator.
     */
    static void meetInNewRoom(WebDriver creator, WebDriver joiner, String joinerName, String room, String message) {
        creator.findElement(By.id("room-name")).sendKeys(room);
        creator.findElement(By.cssSelector("#room-form button")).click();
        waitFor(creator, d -> text(d, "title").equals("#" + room));
        By entry = By.cssSelector("#rooms li[data-room='" + room + "'] button");
        waitFor(joiner, d -> !d.findElements(entry).isEmpty());
        joiner.findElement(entry).click();
        waitFor(joiner, d -> text(d, "title").equals("#" + room));
        waitFor(creator, d -> d.findElement(By.id("messages")).getText().contains(joinerName + " joined #" + room));
        send(joiner, message);
        waitFor(creator, d -> shown(d, message));
    }

    /**
     * {@code from} (nickname {@code fromName}) opens a private conversation with {@code toName} and sends
     * {@code message}: delivered tick for the sender, an unread mark for the recipient, who opens it and reads it.
     */
    static void privateMessage(WebDriver from, String fromName, WebDriver to, String toName, String message) {
        from.findElement(By.cssSelector("#users li[data-user='" + toName + "'] button")).click();
        waitFor(from, d -> text(d, "title").equals("@" + toName));
        send(from, message);
        waitFor(from, d -> delivered(d, message));
        By unread = By.cssSelector("#dms li[data-user='" + fromName + "'] .unread");
        waitFor(to, d -> !d.findElements(unread).isEmpty());
        to.findElement(By.cssSelector("#dms li[data-user='" + fromName + "'] button")).click();
        waitFor(to, d -> text(d, "title").equals("@" + fromName) && shown(d, message));
    }

    static boolean delivered(WebDriver d, String message) {
        for (WebElement li : d.findElements(By.cssSelector("#messages li.msg.mine"))) {
            if (li.findElement(By.className("text")).getText().equals(message)) {
                return !li.findElements(By.cssSelector(".tick.delivered")).isEmpty();
            }
        }
        return false;
    }

    static boolean shown(WebDriver d, String message) {
        return messages(d).contains(message);
    }

    static List<String> messages(WebDriver d) {
        return d.findElements(By.cssSelector("#messages li.msg .text")).stream().map(WebElement::getText).toList();
    }

    static List<String> users(WebDriver d) {
        return d.findElements(By.cssSelector("#users li")).stream().map(li -> li.getAttribute("data-user")).toList();
    }

    static String text(WebDriver d, String id) {
        return d.findElement(By.id(id)).getText();
    }

    static void waitFor(WebDriver d, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(d, WAIT).ignoring(StaleElementReferenceException.class)
                .ignoring(NoSuchElementException.class).until(condition::apply);
    }

    static void shot(WebDriver d, String name) throws IOException {
        Files.createDirectories(SHOTS);
        File f = ((TakesScreenshot) d).getScreenshotAs(OutputType.FILE);
        Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
