package io.wharf.edge.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.datatypes.MqttQos;
import com.hivemq.client.mqtt.mqtt5.Mqtt5BlockingClient;
import com.hivemq.client.mqtt.mqtt5.exceptions.Mqtt5DisconnectException;
import com.hivemq.client.mqtt.mqtt5.message.disconnect.Mqtt5DisconnectReasonCode;
import io.wharf.edge.EdgeSettings;
import io.wharf.edge.MqttEdge;
import io.wharf.edge.admin.AdminCredentials;
import io.wharf.edge.kafka.TopicLayout;
import io.wharf.edge.kafka.TopicProvisioner;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import io.wharf.schemas.analytics.FilterWindowStats;
import io.wharf.testing.KafkaExtension;
import io.wharf.testing.KafkaRecords;
import io.wharf.testing.TestKafka;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, headless, through chromedriver) on a real
 * two-edge cluster with an admin token: it shows both edges, finds a client connected to the other
 * edge, and kicks it; it shows a client's session, the analytics' topic rates and the retained
 * messages, and deletes one; and its drain button drains an edge.
 */
@ExtendWith(KafkaExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the drain comes last: it leaves an edge draining
@Timeout(180)
class DashboardIT {

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TOKEN = "dashboard-token-" + UUID.randomUUID();

    private static final List<MqttEdge> edges = new ArrayList<>();
    private static WharfTopics topics;
    private static WebDriver browser;

    @BeforeAll
    static void start(TestKafka kafka) {
        Assumptions.assumeTrue(
                Files.isExecutable(CHROMEDRIVER),
                "no " + CHROMEDRIVER + ": install Debian's chromium and chromium-driver to run the dashboard test");
        topics = new WharfTopics("dash-" + UUID.randomUUID().toString().substring(0, 8) + ".");
        TopicProvisioner.ensure(
                kafka.bootstrapServers(), Map.of(), topics, TopicLayout.defaults(), List.of(), Duration.ofSeconds(30));
        AdminCredentials credentials = new AdminCredentials(Optional.of(TOKEN), Optional.empty());
        for (String id : List.of("edge-a", "edge-b")) {
            edges.add(MqttEdge.start(EdgeSettings.forLocalKafka(id, kafka.bootstrapServers(), topics).toBuilder()
                    .adminAccess(credentials)
                    .build()));
        }
        ChromeOptions options = new ChromeOptions()
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1000");
        Path chromium = Path.of("/usr/bin/chromium");
        if (Files.isExecutable(chromium)) {
            options.setBinary(chromium.toString());
        }
        browser = new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(CHROMEDRIVER.toFile())
                        .build(),
                options);
        browser.manage().window().setSize(new Dimension(1400, 1000));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        edges.forEach(MqttEdge::close);
    }

    @Test
    @Order(1)
    void thePageServedWithAContentSecurityPolicyAndTheChartLibrary() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> page = http.send(
                HttpRequest.newBuilder(URI.create(base(edges.get(0)))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.headers().firstValue("content-security-policy"))
                .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
        HttpResponse<String> uplot = http.send(
                HttpRequest.newBuilder(URI.create(base(edges.get(0)) + "dashboard/vendor/uplot/uPlot.iife.min.js"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(uplot.statusCode()).isEqualTo(200);
        assertThat(uplot.body()).contains("uPlot");
        HttpResponse<String> outside = http.send(
                HttpRequest.newBuilder(URI.create(base(edges.get(0)) + "dashboard/..%2F..%2Fetc%2Fpasswd"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(outside.statusCode()).isEqualTo(404);
    }

    @Test
    @Order(2)
    void theOverviewShowsBothEdgesAndAClientOnTheOtherEdgeIsFoundAndKicked() throws Exception {
        AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
        Mqtt5BlockingClient client = connectedToEdgeB("dash-sensor-1", reason);

        WebDriverWait wait = openDashboard();

        wait.until(driver -> driver.findElements(By.cssSelector("#edges tbody tr td.state-serving"))
                        .size()
                == 2);
        assertThat(browser.findElements(By.cssSelector("#edges tbody tr")).stream()
                        .map(row -> row.getAttribute("data-edge-id"))
                        .toList())
                .containsExactly("edge-a", "edge-b");
        // Some traffic and a few polls, so that the charts have lines to show in the screenshot.
        client.subscribeWith().topicFilter("dash/#").send();
        Mqtt5BlockingClient publisher = MqttClient.builder()
                .useMqttVersion5()
                .identifier("dash-publisher")
                .serverHost("127.0.0.1")
                .serverPort(edges.get(0).mqttPort())
                .buildBlocking();
        publisher.connect();
        try {
            new WebDriverWait(browser, WAIT, Duration.ofMillis(100)).until(driver -> {
                publisher.publishWith().topic("dash/load").payload(new byte[16]).send();
                return Integer.parseInt(driver.findElement(By.id("edges")).getAttribute("data-samples")) >= 6;
            });
            assertThat(browser.findElements(By.cssSelector("#chart-connections canvas")))
                    .hasSize(1);
            screenshot();
        } finally {
            publisher.disconnect();
        }

        browser.findElement(By.id("client-filter")).sendKeys("dash-");
        browser.findElement(By.id("client-search")).click();
        By clientRow = By.cssSelector("#clients tbody tr[data-client-id='dash-sensor-1']");
        WebElement row = wait.until(ExpectedConditions.visibilityOfElementLocated(clientRow));
        assertThat(row.getText()).contains("edge-b", "yes");
        row.findElement(By.cssSelector("button.kick")).click();

        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.ADMINISTRATIVE_ACTION));
        wait.until(driver -> driver.findElements(
                        By.cssSelector("#clients tbody tr[data-client-id='dash-sensor-1'] button.kick"))
                .isEmpty());
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("kicked dash-sensor-1");
    }

    @Test
    @Order(3)
    void aClientsSessionDetailsTheTopicRatesAndTheRetainedMessagesAreShownAndOneRetainedIsDeleted(TestKafka kafka)
            throws Exception {
        Mqtt5BlockingClient device = MqttClient.builder()
                .useMqttVersion5()
                .identifier("dash-detailed")
                .serverHost("127.0.0.1")
                .serverPort(edges.get(1).mqttPort())
                .buildBlocking();
        device.connectWith().cleanStart(false).sessionExpiryInterval(600).send();
        device.subscribeWith()
                .topicFilter("detail/#")
                .qos(MqttQos.AT_LEAST_ONCE)
                .send();
        device.publishWith()
                .topic("detail/state")
                .retain(true)
                .payload("on".getBytes(StandardCharsets.UTF_8))
                .send();
        WharfTopic<String, FilterWindowStats> analytics = topics.analytics();
        Instant windowStart = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MINUTES);
        KafkaRecords.write(
                kafka.bootstrapServers(),
                new ProducerRecord<>(
                        analytics.name(),
                        analytics.keySerde().serializer().serialize(analytics.name(), "detail/#"),
                        analytics
                                .valueSerde()
                                .serializer()
                                .serialize(
                                        analytics.name(),
                                        FilterWindowStats.of(
                                                "detail/#", windowStart, windowStart.plusSeconds(60), 90, 900))));
        try {
            WebDriverWait wait = openDashboard();

            WebElement topicRow = wait.until(ExpectedConditions.visibilityOfElementLocated(
                    By.cssSelector("#topics tbody tr[data-filter='detail/#']")));
            assertThat(topicRow.getText()).contains("1.50", "90");
            assertThat(browser.findElements(By.cssSelector("#chart-topics canvas")))
                    .hasSize(1);

            WebElement filter = browser.findElement(By.id("client-filter"));
            filter.clear();
            filter.sendKeys("dash-detailed");
            browser.findElement(By.id("client-search")).click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(
                            By.cssSelector("#clients tbody tr[data-client-id='dash-detailed'] button.details")))
                    .click();
            wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("client-detail")));
            assertThat(browser.findElement(By.id("client-detail-title")).getText())
                    .contains("dash-detailed", "edge-b");
            assertThat(browser.findElement(By.id("detail-expiry")).getText()).isEqualTo("600 s");
            assertThat(browser.findElement(By.id("detail-queued")).getText()).matches("\\d+");
            assertThat(browser.findElement(By.id("detail-subscriptions")).getText())
                    .contains("detail/# (QoS 1)");

            browser.findElement(By.id("retained-filter")).sendKeys("detail/#");
            browser.findElement(By.id("retained-search")).click();
            By retainedRow = By.cssSelector("#retained tbody tr[data-topic='detail/state']");
            wait.until(ExpectedConditions.visibilityOfElementLocated(retainedRow));
            assertThat(browser.findElement(retainedRow).getText()).contains("on");
            browser.findElement(retainedRow)
                    .findElement(By.cssSelector("button.delete"))
                    .click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(retainedRow));
            assertThat(browser.findElement(By.id("notice")).getText())
                    .isEqualTo("cleared the retained message of detail/state");
        } finally {
            device.disconnect();
        }
    }

    @Test
    @Order(4)
    void theDrainButtonDrainsTheOtherEdgeWhoseClientsAreSentAway() {
        AtomicReference<Mqtt5DisconnectReasonCode> reason = new AtomicReference<>();
        Mqtt5BlockingClient client = connectedToEdgeB("dash-drained", reason);
        WebDriverWait wait = openDashboard();
        By drainB = By.cssSelector("#edges tbody tr[data-edge-id='edge-b'] button.drain");

        wait.until(ExpectedConditions.elementToBeClickable(drainB)).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();

        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(reason.get()).isEqualTo(Mqtt5DisconnectReasonCode.USE_ANOTHER_SERVER));
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector("#edges tbody tr[data-edge-id='edge-b'] td.state-draining"), "draining"));
        assertThat(browser.findElement(drainB).isEnabled()).isFalse();
        assertThat(browser.findElement(By.id("notice")).getText()).isEqualTo("edge edge-b drains");
        assertThat(browser.findElement(By.cssSelector("#edges tbody tr[data-edge-id='edge-a'] td.state-serving"))
                        .getText())
                .isEqualTo("serving");
    }

    /** A client of the second edge that keeps the reason code of the DISCONNECT it is sent. */
    private static Mqtt5BlockingClient connectedToEdgeB(
            String clientId, AtomicReference<Mqtt5DisconnectReasonCode> reason) {
        Mqtt5BlockingClient client = MqttClient.builder()
                .useMqttVersion5()
                .identifier(clientId)
                .serverHost("127.0.0.1")
                .serverPort(edges.get(1).mqttPort())
                .addDisconnectedListener(context -> {
                    if (context.getCause() instanceof Mqtt5DisconnectException disconnect) {
                        reason.set(disconnect.getMqttMessage().getReasonCode());
                    }
                })
                .buildBlocking();
        client.connect();
        return client;
    }

    /** Opens the dashboard on the first edge, with the token when the page asks for it (once per tab). */
    private static WebDriverWait openDashboard() {
        browser.get(base(edges.get(0)));
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(driver -> driver.findElement(By.id("token")).isDisplayed()
                || driver.findElement(By.id("main")).isDisplayed());
        if (browser.findElement(By.id("token")).isDisplayed()) {
            browser.findElement(By.id("token")).sendKeys(TOKEN);
            browser.findElement(By.id("login-button")).click();
        }
        return wait;
    }

    private static void screenshot() throws Exception {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Path target = Path.of("target", "dashboard-overview.png");
        Files.createDirectories(target.getParent());
        Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
    }

    private static String base(MqttEdge edge) {
        return "http://127.0.0.1:" + edge.httpPort() + "/";
    }
}
