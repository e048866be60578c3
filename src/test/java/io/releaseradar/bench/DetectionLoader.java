package io.releaseradar.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.bench.DetectionWorkload.Install;
import io.releaseradar.bench.IngestBenchmark.Contact;
import io.releaseradar.detection.Hashes;
import io.releaseradar.detection.core.Symptoms;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

/**
 * Loads {@link DetectionWorkload} into the running service: releases, customers and installations through the REST
 * API, then the first {@code restContacts} contacts through {@code POST /contacts/batch} (batches of 10,000, 2
 * concurrent clients), and the rest, if any, straight into the tables with {@code COPY}: the contact rows, and the
 * hourly rollups computed here with the service's own {@link Symptoms} (default settings, as the service runs
 * here). The SQL part leaves out {@code rollup_customer_symptoms}, which only ingest reads; its hours follow the REST
 * part's, so no rollup cell is written by both.
 */
final class DetectionLoader {

    static final int BATCH = 10_000;
    static final int CLIENTS = 2;
    private static final JsonFactory JSON = new JsonFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String ROLLUP_COPY = "COPY hourly_rollup (product, version, symptom, hour, contacts, "
            + "customers) FROM STDIN (FORMAT csv)";

    /** What the load took. */
    record Result(double setupSeconds, int restContacts, double restSeconds, int sqlContacts, double sqlSeconds,
            long rollupRowsCopied) {
    }

    private final BenchApp app;
    private final DetectionWorkload data;
    private final BenchHttp http;
    private final URI base;
    private final String token;

    DetectionLoader(BenchApp app, DetectionWorkload data, URI base, String ingestAndReleaseToken) {
        this.app = app;
        this.data = data;
        this.http = new BenchHttp(base, ingestAndReleaseToken);
        this.base = base;
        this.token = ingestAndReleaseToken;
    }

    Result load(int restContacts) throws Exception {
        double setup = setUp();

        DetectionWorkload.Contacts contacts = data.new Contacts();
        int restEnd = contacts.hourBoundaryAfter(Math.min(restContacts, data.contacts()));
        app.checkpoint();
        long t1 = System.nanoTime();
        restContacts(contacts, restEnd);
        double rest = BenchApp.seconds(System.nanoTime() - t1);
        long t2 = System.nanoTime();
        long rollups = contacts.hasNext() ? sqlContacts(contacts) : 0;
        double sql = BenchApp.seconds(System.nanoTime() - t2);
        return new Result(setup, restEnd, rest, data.contacts() - restEnd, sql, rollups);
    }

    /** Releases, customers and installations through the REST API; returns the seconds it took. */
    double setUp() throws Exception {
        long t0 = System.nanoTime();
        releases();
        customers();
        installations();
        double setup = BenchApp.seconds(System.nanoTime() - t0);
        BenchApp.log("releases, %,d customers, %,d installations in %.1f s", DetectionWorkload.CUSTOMERS,
                data.installations(), setup);
        return setup;
    }

    private void releases() throws Exception {
        for (int v = 0; v < DetectionWorkload.VERSIONS.length; v++) {
            String body = "{\"releasedAt\":\"" + data.releasedAt[v] + "\",\"previousVersion\":"
                    + (v == 0 ? "null" : "\"" + DetectionWorkload.VERSIONS[v - 1] + "\"") + "}";
            http.expect(201, 200, "PUT", "/api/v1/products/" + DetectionWorkload.PRODUCT + "/releases/"
                    + DetectionWorkload.VERSIONS[v], body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private void customers() throws Exception {
        for (int from = 0; from < DetectionWorkload.CUSTOMERS; from += BATCH) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartArray();
                for (int c = from; c < Math.min(DetectionWorkload.CUSTOMERS, from + BATCH); c++) {
                    String id = DetectionWorkload.customerId(c);
                    g.writeStartObject();
                    g.writeStringField("id", id);
                    g.writeStringField("name", "Customer " + c);
                    g.writeStringField("email", id + "@example.com");
                    g.writeStringField("locale", c % 5 == 0 ? "de" : "en");
                    g.writeBooleanField("optedOut", c % 50 == 0);
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            JsonNode r = MAPPER.readTree(http.expect(200, "POST", "/api/v1/customers/batch", utf8(w)));
            if (r.path("rejected").size() != 0) {
                throw new IllegalStateException("customers rejected: " + BenchApp.abbreviate(r.toString()));
            }
        }
    }

    private void installations() throws Exception {
        List<Install> all = new ArrayList<>();
        data.histories.forEach(all::addAll);
        for (int from = 0; from < all.size(); from += BATCH) {
            StringWriter w = new StringWriter();
            try (JsonGenerator g = JSON.createGenerator(w)) {
                g.writeStartArray();
                for (Install in : all.subList(from, Math.min(all.size(), from + BATCH))) {
                    g.writeStartObject();
                    g.writeStringField("customerId", DetectionWorkload.customerId(in.customer()));
                    g.writeStringField("product", DetectionWorkload.PRODUCT);
                    g.writeStringField("version", DetectionWorkload.VERSIONS[in.version()]);
                    g.writeStringField("installedAt", in.installedAt().toString());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            JsonNode r = MAPPER.readTree(http.expect(200, "POST", "/api/v1/installations/batch", utf8(w)));
            if (r.path("rejected").size() != 0 || r.path("duplicates").asInt() != 0) {
                throw new IllegalStateException("installations not all accepted: "
                        + BenchApp.abbreviate(r.toString()));
            }
        }
    }

    /** Contacts [0, end) in batches of 10,000, {@value #CLIENTS} clients each taking the next batch. */
    private void restContacts(DetectionWorkload.Contacts contacts, int end) throws Exception {
        if (end == 0) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS, BenchApp.daemon("bench-ingest"));
        try {
            List<Future<?>> lanes = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                BenchHttp lane = new BenchHttp(base, token);
                lanes.add(pool.submit(() -> {
                    while (!app.expired()) {
                        List<Contact> batch;
                        int at;
                        synchronized (contacts) {
                            at = contacts.position();
                            if (at >= end) {
                                return null;
                            }
                            batch = contacts.next(Math.min(BATCH, end - at));
                        }
                        byte[] json = IngestBenchmark.Serialise.json(batch).getBytes(StandardCharsets.UTF_8);
                        long s = System.nanoTime();
                        JsonNode r = MAPPER.readTree(lane.expect(200, "POST", "/api/v1/contacts/batch", json));
                        if (r.path("accepted").asInt() != batch.size() || r.path("rejected").size() != 0) {
                            throw new IllegalStateException("contacts not all accepted: "
                                    + BenchApp.abbreviate(r.toString()));
                        }
                        if ((at / BATCH) % 10 == 0 || at + batch.size() >= end) {
                            BenchApp.log("contacts %,d..%,d stored in %.2f s (through %s)", at, at + batch.size(),
                                    BenchApp.seconds(System.nanoTime() - s), batch.get(batch.size() - 1)
                                            .receivedAt());
                        }
                    }
                    throw new IllegalStateException("the deadline of " + app.deadline() + " passed");
                }));
            }
            for (Future<?> f : lanes) {
                f.get(Math.max(1, app.remainingMillis() + 10_000), TimeUnit.MILLISECONDS);
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("REST load failed: " + e.getCause() + app.state(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** The remaining contacts with COPY, and their hourly rollups computed here; returns the rollup rows copied. */
    private long sqlContacts(DetectionWorkload.Contacts contacts) throws Exception {
        Symptoms symptoms = Symptoms.defaults();
        long rollupRows = 0;
        try (Connection c = app.connect()) {
            CopyManager copy = c.unwrap(PGConnection.class).getCopyAPI();
            HourRollup hour = new HourRollup();
            StringBuilder rollupCsv = new StringBuilder();
            while (contacts.hasNext() && !app.expired()) {
                List<Contact> chunk = contacts.next(50_000);
                StringBuilder csv = new StringBuilder(chunk.size() * 600);
                for (Contact k : chunk) {
                    String version = data.versionOf(k);
                    Instant h = k.receivedAt().truncatedTo(java.time.temporal.ChronoUnit.HOURS);
                    if (!h.equals(hour.hour)) {
                        rollupRows += hour.flush(rollupCsv);
                        hour.hour = h;
                    }
                    String customer = k.customerId() != null ? k.customerId()
                            : "contact:" + k.source() + ":" + k.externalId();
                    List<String> keys = symptoms.of(k.category(), k.subject(), k.body());
                    for (String symptom : keys) {
                        hour.add(version, symptom, customer);
                    }
                    contactCsv(csv, k, version, keys);
                }
                copy.copyIn("COPY contact (source, external_id, received_at, channel, customer_id, product, version, "
                        + "version_origin, category, subject, body, symptom_hashes) FROM STDIN (FORMAT csv)",
                        new StringReader(csv.toString()));
                // the hours completed so far; the current one is written when it completes
                copy.copyIn(ROLLUP_COPY, new StringReader(rollupCsv.toString()));
                rollupCsv.setLength(0);
                BenchApp.log("SQL load: %,d contacts copied (through %s)", contacts.position(),
                        chunk.get(chunk.size() - 1).receivedAt());
            }
            if (app.expired()) {
                throw new IllegalStateException("the deadline of " + app.deadline() + " passed during the SQL load");
            }
            rollupRows += hour.flush(rollupCsv);
            copy.copyIn(ROLLUP_COPY, new StringReader(rollupCsv.toString()));
        }
        return rollupRows;
    }

    /** A contact's CSV row, with the hashes of the symptom keys its rollups count, as ingest stores them. */
    private static void contactCsv(StringBuilder b, Contact k, String version, List<String> keys) {
        quote(b, k.source()).append(',');
        quote(b, k.externalId()).append(',');
        b.append(k.receivedAt()).append(',');
        quote(b, k.channel()).append(',');
        quote(b, k.customerId()).append(',');
        quote(b, k.product()).append(',');
        quote(b, version).append(',');
        quote(b, k.version() != null ? "GIVEN" : "INSTALLATION").append(',');
        quote(b, k.category()).append(',');
        quote(b, k.subject()).append(',');
        quote(b, k.body()).append(",\"{");
        for (int i = 0; i < keys.size(); i++) {
            b.append(i == 0 ? "" : ",").append(Hashes.of(keys.get(i)));
        }
        b.append("}\"\n");
    }

    private static StringBuilder quote(StringBuilder b, String value) {
        return value == null ? b : b.append('"').append(value.replace("\"", "\"\"")).append('"');
    }

    /** The rollup cells of one hour: (version, symptom) → contacts and distinct customers. */
    private static final class HourRollup {
        Instant hour;
        private final Map<String, int[]> contacts = new HashMap<>();
        private final Map<String, Set<String>> customers = new HashMap<>();

        void add(String version, String symptom, String customer) {
            String cell = version + '\u0000' + symptom;
            contacts.computeIfAbsent(cell, k -> new int[1])[0]++;
            customers.computeIfAbsent(cell, k -> new HashSet<>()).add(customer);
        }

        int flush(StringBuilder csv) {
            int rows = contacts.size();
            contacts.forEach((cell, n) -> {
                int z = cell.indexOf('\u0000');
                quote(csv, DetectionWorkload.PRODUCT).append(',');
                quote(csv, cell.substring(0, z)).append(',');
                quote(csv, cell.substring(z + 1)).append(','); // "" is an empty string in CSV, not NULL
                csv.append(hour).append(',').append(n[0]).append(',').append(customers.get(cell).size())
                        .append('\n');
            });
            contacts.clear();
            customers.clear();
            return rows;
        }
    }

    private static byte[] utf8(StringWriter w) {
        return w.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Statistics for the planner after a bulk load, as autovacuum would gather them soon after. */
    static void analyze(BenchApp app) throws Exception {
        try (Connection c = app.connect(); Statement s = c.createStatement()) {
            s.execute("VACUUM ANALYZE hourly_rollup");
            s.execute("VACUUM ANALYZE installation");
            // exposure: without it the planner guessed 113 of 8,316 rows
            s.execute("VACUUM ANALYZE installation_hourly");
            s.execute("VACUUM ANALYZE contact");
        }
    }
}
