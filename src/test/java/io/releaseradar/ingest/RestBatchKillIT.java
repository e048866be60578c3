package io.releaseradar.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.testsupport.ContactFeed;
import io.releaseradar.testsupport.ContactLedger;
import io.releaseradar.testsupport.ServiceProcess;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of an instance while four clients POST contact batches to it, then a restart: every batch whose
 * response arrived is stored completely, once; sending every batch again gives duplicates, not new rows, for the
 * acknowledged ones, stores what the others lacked, and the rollups count each contact once.
 */
class RestBatchKillIT {

    static final int BATCHES = 40;
    static final int BATCH_SIZE = 500;
    static final int CLIENTS = 4;
    /** Killed once this many batches were acknowledged: part-way, with batches in flight. */
    static final int KILL_AFTER = 8;

    private final ObjectMapper json = new ObjectMapper();
    private final String prefix = "rk" + UUID.randomUUID().toString().substring(0, 6) + "-b";
    private final List<String> products = ContactFeed.productsCoveringPartitions(4, 4);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** What the service answered to one batch. */
    record Answer(int accepted, int duplicates, int rejected) {
    }

    @Test
    void everyAcknowledgedBatchIsStoredOnceAndResendingYieldsDuplicates() throws Exception {
        ContactLedger ledger = new ContactLedger(products);
        try (ServiceProcess instance = ServiceProcess.start("rest-batch-kill", ServiceProcess.baseConfig())) {
            Map<Integer, Answer> acknowledged = new ConcurrentHashMap<>();
            AtomicInteger next = new AtomicInteger();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            for (int t = 0; t < CLIENTS; t++) {
                clients.submit(() -> {
                    for (int b = next.getAndIncrement(); b < BATCHES; b = next.getAndIncrement()) {
                        try {
                            acknowledged.put(b, post(instance, b));
                        } catch (IOException e) {
                            return; // the instance is gone: this batch and the rest are not acknowledged
                        }
                    }
                });
            }
            await("batches acknowledged").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> acknowledged.size() >= KILL_AFTER);
            instance.kill();
            long killedAt = System.nanoTime();
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            int sent = Math.min(next.get(), BATCHES);
            assertThat(acknowledged.size()).as("killed part-way").isBetween(KILL_AFTER, BATCHES - 1);
            acknowledged.values().forEach(a -> assertThat(a).isEqualTo(new Answer(BATCH_SIZE, 0, 0)));

            instance.restart();
            Duration restart = Duration.ofNanos(System.nanoTime() - killedAt);
            long rowsAfterKill = ledger.rows();
            int completeUnacknowledged = 0;
            int partial = 0;
            for (int b = 0; b < BATCHES; b++) {
                long stored = ledger.rowsWithExternalIdPrefix(prefix + b + "-");
                if (acknowledged.containsKey(b)) {
                    assertThat(stored).as("rows of acknowledged batch %d", b).isEqualTo(BATCH_SIZE);
                } else if (stored == BATCH_SIZE) {
                    completeUnacknowledged++;
                } else if (stored > 0) {
                    partial++;
                }
            }
            assertThat(ledger.rollupContacts()).as("rollups after the kill").isEqualTo(rowsAfterKill);

            int accepted = 0;
            for (int b = 0; b < BATCHES; b++) {
                Answer again = post(instance, b);
                assertThat(again.accepted() + again.duplicates()).as("batch %d answered whole", b)
                        .isEqualTo(BATCH_SIZE);
                if (acknowledged.containsKey(b)) {
                    assertThat(again).as("acknowledged batch %d sent again", b).isEqualTo(new Answer(0, BATCH_SIZE, 0));
                }
                accepted += again.accepted();
            }
            int total = BATCHES * BATCH_SIZE;
            assertThat((long) accepted).as("stored by the re-send: what was missing").isEqualTo(total - rowsAfterKill);
            assertThat(ledger.rows()).as("contact rows").isEqualTo(total);
            assertThat(ledger.distinctKeys()).as("distinct contact keys").isEqualTo(total);
            assertThat(ledger.rollupContacts()).as("hourly rollup contact sum").isEqualTo(total);

            System.out.printf("RestBatchKillIT: %d batches of %d by %d clients; kill -9 after %d acknowledged, %d"
                    + " sent unanswered%n", BATCHES, BATCH_SIZE, CLIENTS, acknowledged.size(),
                    sent - acknowledged.size());
            System.out.printf("RestBatchKillIT: after the kill %d rows: acknowledged batches all complete, %d"
                    + " unanswered batches complete, %d partial; restart took %.1f s%n", rowsAfterKill,
                    completeUnacknowledged, partial, restart.toMillis() / 1000.0);
            System.out.printf("RestBatchKillIT: re-send of all %d batches: %d accepted, %d duplicates; rows=%d"
                    + " duplicates=0 lost=0 rollup sum=%d%n", BATCHES, accepted, total - accepted, ledger.rows(),
                    ledger.rollupContacts());
        }
    }

    private Answer post(ServiceProcess instance, int batch) throws IOException {
        ContactFeed feed = new ContactFeed(products, prefix + batch + "-");
        List<Map<String, Object>> contacts = new ArrayList<>(BATCH_SIZE);
        IntStream.range(0, BATCH_SIZE).forEach(i -> contacts.add(feed.contact(i)));
        HttpRequest request = HttpRequest.newBuilder(instance.uri().resolve("/api/v1/contacts/batch"))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + ServiceProcess.token("ingest"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(contacts))).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("batch " + batch + ": " + response.statusCode() + " " + response.body());
        }
        JsonNode body = json.readTree(response.body());
        return new Answer(body.get("accepted").asInt(), body.get("duplicates").asInt(), body.get("rejected").size());
    }
}
