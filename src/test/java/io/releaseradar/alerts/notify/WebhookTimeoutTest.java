package io.releaseradar.alerts.notify;

import static io.releaseradar.testsupport.Api.as;
import static io.releaseradar.testsupport.Api.uniqueProduct;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.releaseradar.alerts.AlertView;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.Roles;
import io.releaseradar.testsupport.Db;
import jakarta.inject.Inject;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A webhook that accepts the connection and never answers does not hold the alert worker: after
 * radar.alerts.webhook-timeout (5 s in the test profile) the attempt counts as failed and is retried, and the retry
 * reaches the subscriber once it answers again. Nor does one that answers and then stalls in the body: the status
 * is all that is read, so an error answer is retried and a 2xx delivered at once. And a stopping application lets the
 * call in flight finish and be recorded, and makes no further one.
 */
@QuarkusTest
@TestProfile(NotifyTestProfile.class)
class WebhookTimeoutTest {

    @Inject
    AlertEvents events;
    @Inject
    AlertDeliveryWorker worker;
    @Inject
    AgroalDataSource ds;

    @Test
    void aWebhookThatNeverAnswersIsRetriedAndTheWorkerGoesOn() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                WebhookReceiver receiver = WebhookReceiver.start()) {
            serve(silent, held, s -> {
                // read nothing, answer nothing
            });
            AlertView alert = openedFor(silent);
            Instant t0 = Instant.now();

            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> worker.deliverDue(t0),
                    "the worker returns although the webhook never answers");
            List<Object> row = row(alert);
            assertThat(row.subList(0, 2)).containsExactly("PENDING", 1);
            assertThat((String) row.get(2)).contains("webhook not reached").containsIgnoringCase("timed out");
            assertThat(held).as("the request did reach the silent server").isNotEmpty();

            subscribe(alert.product(), receiver.url()); // the subscriber answers again (its URL is read at send time)
            worker.deliverDue(t0.plus(Duration.ofMinutes(1)));
            assertThat(row(alert).subList(0, 2)).containsExactly("SENT", 2);
            assertThat(receiver.calls()).hasSize(1);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /**
     * A receiver that reads each request, writes {@code head} (a status line and headers promising a body of 100,000
     * bytes) and the first bytes of that body, then stalls with the connection open.
     */
    private static void stallAfter(ServerSocket server, String head, List<Socket> held) {
        serve(server, held, s -> {
            readRequest(s);
            s.getOutputStream().write((head + "Content-Length: 100000\r\n\r\nbusy, try again later")
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush(); // and nothing more
        });
    }

    /** What a test server does with one accepted connection. */
    private interface Connection {
        void handle(Socket s) throws IOException, InterruptedException;
    }

    /**
     * Accepts connections on {@code server} until it is closed, in a daemon thread, keeping each in {@code held} (the
     * test closes them) and handing it to {@code connection}.
     */
    private static void serve(ServerSocket server, List<Socket> held, Connection connection) {
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    held.add(s);
                    connection.handle(s);
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        });
        t.setDaemon(true);
        t.start();
    }

    /** Reads one HTTP request, headers and body, from the connection. */
    private static void readRequest(Socket s) throws IOException {
        BufferedInputStream in = new BufferedInputStream(s.getInputStream());
        int length = 0;
        for (String line = readLine(in); !line.isEmpty(); line = readLine(in)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.readNBytes(length);
    }

    private static String readLine(BufferedInputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != -1 && c != '\n'; c = in.read()) {
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Test
    void anErrorAnswerWhoseBodyStallsIsRetriedAtOnceAndItsBodyIsNeitherAwaitedNorKept() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            stallAfter(stalling, "HTTP/1.1 503 Service Unavailable\r\n", held);
            AlertView alert = openedFor(stalling);
            Instant t0 = Instant.now();

            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> worker.deliverDue(t0),
                    "the worker returns although the answer's body never ends");
            assertThat(Duration.between(t0, Instant.now())).as("not held until the webhook timeout (5 s)")
                    .isLessThan(Duration.ofSeconds(5));
            List<Object> row = row(alert);
            assertThat(row.subList(0, 2)).containsExactly("PENDING", 1);
            // The status and our words only: what a receiver answers (here "busy, try again later") could be
            // anything, e.g. an internal service's data when the receiver is not what it claims to be.
            assertThat((String) row.get(2)).isEqualTo("webhook answered 503, will retry");
            assertThat(held).as("the request did reach the stalling server").isNotEmpty();
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void aTwoHundredWhoseBodyStallsIsDeliveredWithoutWaitingForTheBody() throws IOException {
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket stalling = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            stallAfter(stalling, "HTTP/1.1 200 OK\r\n", held);
            AlertView alert = openedFor(stalling);
            Instant t0 = Instant.now();

            assertTimeoutPreemptively(Duration.ofSeconds(60), () -> worker.deliverDue(t0));
            assertThat(row(alert).subList(0, 2)).containsExactly("SENT", 1);
            assertThat(Duration.between(t0, Instant.now())).as("not held until the webhook timeout (5 s)")
                    .isLessThan(Duration.ofSeconds(5));
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    /**
     * A rolling update stops the application while a batch is being sent: the worker finishes the send in flight,
     * commits it as SENT, and sends nothing more, leaving the batch's other row due for whoever runs next. Before,
     * the stop rolled the batch back and the row already sent went out again.
     */
    @Test
    void aStoppingWorkerFinishesTheSendInFlightAndLeavesTheRestOfTheBatchDue() throws Exception {
        List<Socket> held = new CopyOnWriteArrayList<>();
        CountDownLatch reached = new CountDownLatch(1);
        CountDownLatch answer = new CountDownLatch(1);
        AtomicInteger requests = new AtomicInteger();
        try (ServerSocket slow = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            // answers each call once the test lets it: the application is told to stop meanwhile
            serve(slow, held, s -> {
                readRequest(s);
                requests.incrementAndGet();
                reached.countDown();
                answer.await(30, TimeUnit.SECONDS);
                s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                s.close();
            });
            String product = uniqueProduct();
            String url = "http://127.0.0.1:" + slow.getLocalPort() + "/hook";
            subscribe(product, product, url);
            subscribe(product + "-second", product, url);
            AlertView alert = AlertEvents.alert(product, Severity.HIGH);
            events.opened(alert);
            Instant t0 = Instant.now();

            CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> worker.deliverDue(t0));
            try {
                assertThat(reached.await(30, TimeUnit.SECONDS)).as("a webhook call in flight").isTrue();
                CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(
                        () -> worker.gate().stop(Duration.ofSeconds(20)));
                await().atMost(Duration.ofSeconds(10)).until(worker.gate()::stopping);
                assertThat(stopped).as("stop waits while the call is in flight").isNotDone();
                answer.countDown();
                assertThat(stopped.get(30, TimeUnit.SECONDS)).as("the batch finished within the wait").isTrue();
                // stop returned after the batch committed: the call in flight is SENT, the other row untouched
                assertThat(webhookRows(alert)).containsExactly(List.of("PENDING", 0), List.of("SENT", 1));
                run.get(30, TimeUnit.SECONDS);
                assertThat(webhookRows(alert)).containsExactly(List.of("PENDING", 0), List.of("SENT", 1));
                assertThat(requests.get()).isEqualTo(1);
            } finally {
                answer.countDown();
                worker.gate().resume();
            }
            worker.deliverDue(t0);
            assertThat(webhookRows(alert)).containsExactly(List.of("SENT", 1), List.of("SENT", 1));
            assertThat(requests.get()).as("each subscriber called once").isEqualTo(2);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    private List<List<Object>> webhookRows(AlertView alert) {
        return Db.rows(ds, "SELECT state, attempts FROM alert_outbox WHERE alert_id = ? AND channel = 'WEBHOOK' "
                + "ORDER BY state, attempts", alert.id());
    }

    /** An alert opened for a new product whose webhook is {@code server}. */
    private AlertView openedFor(ServerSocket server) {
        String product = uniqueProduct();
        subscribe(product, "http://127.0.0.1:" + server.getLocalPort() + "/hook");
        AlertView alert = AlertEvents.alert(product, Severity.HIGH);
        events.opened(alert);
        return alert;
    }

    private static void subscribe(String product, String url) {
        subscribe(product, product, url);
    }

    private static void subscribe(String id, String product, String url) {
        as(Roles.SUPPORT_LEAD).body(Map.of("product", product, "minSeverity", "LOW", "webhookUrl", url))
                .put("/api/v1/subscriptions/{id}", id).then().statusCode(org.hamcrest.Matchers.in(
                        List.of(200, 201)));
    }

    private List<Object> row(AlertView alert) {
        return Db.rows(ds, "SELECT state, attempts, last_error FROM alert_outbox WHERE alert_id = ? AND channel = "
                + "'WEBHOOK'", alert.id()).get(0);
    }
}
