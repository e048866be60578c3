package io.releaseradar.platform.devdb;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the PostgreSQL binaries of one installation. initdb and postgres refuse to run as root (a
 * compromised server must not own the host), so when this JVM is root every binary runs as
 * {@code nobody} through {@code setpriv} or {@code runuser}, and the base directory is handed to nobody.
 */
final class PostgresCommands {

    /** Generous: initdb on a slow CI disk, or pg_ctl waiting for crash recovery after a killed run. */
    private static final long TIMEOUT_SECONDS = 180;
    private static final String NOBODY = "nobody";

    private final Path binDir;
    private final Path workDir;
    private final List<String> prefix;

    private PostgresCommands(Path binDir, Path workDir, List<String> prefix) {
        this.binDir = binDir;
        this.workDir = workDir;
        this.prefix = prefix;
    }

    /** Output of one finished command: exit code and stdout+stderr. */
    record Result(int exitCode, String output) {
    }

    /**
     * Prepares to run the binaries in {@code installDir/bin} against files under {@code baseDir}; when root,
     * checks that nobody can reach {@code baseDir} and gives it (recursively) to nobody.
     */
    static PostgresCommands forCurrentUser(Path installDir, Path baseDir) throws IOException, InterruptedException {
        Path binDir = installDir.resolve("bin");
        if (!isRoot()) {
            return new PostgresCommands(binDir, baseDir, List.of());
        }
        String[] ids = nobodyIds();
        List<String> prefix = findTool("setpriv")
                .map(p -> List.of(p, "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups", "--"))
                .or(() -> findTool("runuser").map(p -> List.of(p, "-u", NOBODY, "--")))
                .orElseThrow(() -> new IllegalStateException("embedded PostgreSQL cannot run as root without "
                        + "setpriv/runuser; set QUARKUS_DATASOURCE_JDBC_URL to a PostgreSQL server "
                        + "or run as a non-root user"));
        requireTraversableByOthers(baseDir);
        PostgresCommands commands = new PostgresCommands(binDir, baseDir, prefix);
        Result chown = commands.exec(List.of("chown", "-R", ids[0] + ":" + ids[1], baseDir.toString()));
        if (chown.exitCode() != 0) {
            throw new IllegalStateException("could not hand " + baseDir + " to nobody: " + chown.output());
        }
        return commands;
    }

    /** Runs {@code bin/<binary> args...}, as nobody when root. */
    Result run(String binary, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.add(binDir.resolve(binary).toString());
        command.addAll(List.of(args));
        return exec(command);
    }

    /** Like {@link #run} but throws with the binary's output when it fails. */
    String runOrThrow(String binary, String... args) throws IOException, InterruptedException {
        Result result = run(binary, args);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(binary + " " + String.join(" ", args) + " failed with exit code "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    private Result exec(List<String> command) throws IOException, InterruptedException {
        // Output goes to a file, not a pipe: pg_ctl leaves a postmaster behind, and nothing it inherits may
        // keep us reading forever.
        Path out = Files.createTempFile("embedded-postgres-", ".out");
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    // nobody may not be allowed into our working directory (e.g. /root), and initdb complains.
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(out.toFile());
            builder.environment().put("LC_ALL", "C");
            Process process = builder.start();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within "
                        + TIMEOUT_SECONDS + " s:\n" + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8).strip());
        } finally {
            Files.deleteIfExists(out);
        }
    }

    static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (LinkageError e) {
            // jdk.security.auth left out of a trimmed runtime.
            return "root".equals(System.getProperty("user.name"));
        }
    }

    /** uid and primary gid of nobody, numeric: the group is "nogroup" on Debian and "nobody" elsewhere. */
    private static String[] nobodyIds() throws IOException {
        try (Stream<String> lines = Files.lines(Path.of("/etc/passwd"))) {
            return lines.map(line -> line.split(":"))
                    .filter(f -> f.length > 3 && f[0].equals(NOBODY))
                    .map(f -> new String[] {f[2], f[3]})
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("embedded PostgreSQL cannot run as root: "
                            + "there is no user 'nobody' to run it as; set QUARKUS_DATASOURCE_JDBC_URL "
                            + "to a PostgreSQL server or run as a non-root user"));
        }
    }

    private static Optional<String> findTool(String name) {
        // Root's PATH in containers often lacks the sbin directories, where runuser lives.
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/bin:/bin:/usr/sbin:/sbin";
        return Stream.of(path.split(":"))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .map(Path::toString)
                .findFirst();
    }

    private static void requireTraversableByOthers(Path baseDir) throws IOException {
        for (Path dir = baseDir.toAbsolutePath().getParent(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new IllegalStateException("embedded PostgreSQL runs as 'nobody' because this JVM is root, "
                        + "but nobody cannot enter " + dir + "; use a base directory under /tmp");
            }
        }
    }
}
