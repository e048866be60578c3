package io.releaseradar.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** One HTTP/1.1 client (one kept-alive connection per thread that uses it alone) with a bearer token. */
final class BenchHttp {

    static final Duration TIMEOUT = Duration.ofSeconds(300);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;

    BenchHttp(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    HttpResponse<String> send(String method, String path, byte[] json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofByteArray(json));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Sends and fails unless the status is the expected one; returns the body. */
    String expect(int status, String method, String path, byte[] json) throws Exception {
        HttpResponse<String> r = send(method, path, json);
        if (r.statusCode() != status) {
            throw new IllegalStateException(method + " " + path + ": status " + r.statusCode() + ", expected "
                    + status + ": " + BenchApp.abbreviate(r.body()));
        }
        return r.body();
    }

    /** Like {@link #expect} for one of two statuses (created or updated). */
    String expect(int status, int orStatus, String method, String path, byte[] json) throws Exception {
        HttpResponse<String> r = send(method, path, json);
        if (r.statusCode() != status && r.statusCode() != orStatus) {
            throw new IllegalStateException(method + " " + path + ": status " + r.statusCode() + ": "
                    + BenchApp.abbreviate(r.body()));
        }
        return r.body();
    }
}
