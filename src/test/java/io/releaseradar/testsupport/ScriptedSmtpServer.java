package io.releaseradar.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small real SMTP server that answers recipients by their address, to test how the service takes rejections
 * (GreenMail accepts every recipient): a local part starting with {@code bounce} gets {@code 550} (no such mailbox,
 * permanent), one starting with {@code busy} gets {@code 451} (try again later) the first two times, everything else
 * is accepted and recorded. While {@link #silent(boolean) silent}, a new connection is accepted and never answered (not
 * even the greeting), as a hung server does; it stays so until the client closes it.
 */
public class ScriptedSmtpServer implements QuarkusTestResourceLifecycleManager {

    private static final List<String> DELIVERED = new CopyOnWriteArrayList<>();
    private static final Map<String, AtomicInteger> RCPT_TRIES = new ConcurrentHashMap<>();
    private static volatile boolean silent;
    private ServerSocket server;
    private ExecutorService pool;

    /** Recipients of the messages accepted so far, one entry per message and recipient. */
    public static List<String> delivered() {
        return List.copyOf(DELIVERED);
    }

    /** Whether new connections get no answer at all. */
    public static void silent(boolean on) {
        silent = on;
    }

    /** RCPT commands received for the address. */
    public static int tries(String address) {
        AtomicInteger n = RCPT_TRIES.get(address);
        return n == null ? 0 : n.get();
    }

    @Override
    public Map<String, String> start() {
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        pool = Executors.newCachedThreadPool();
        pool.submit(() -> {
            while (!server.isClosed()) {
                try {
                    Socket s = server.accept();
                    boolean hang = silent;
                    pool.submit(() -> {
                        if (hang) {
                            hold(s);
                        } else {
                            session(s);
                        }
                    });
                } catch (IOException e) {
                    return; // closed
                }
            }
        });
        return Map.of("quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(server.getLocalPort()), "quarkus.mailer.tls", "false",
                "quarkus.mailer.start-tls", "DISABLED", "quarkus.mailer.login", "DISABLED");
    }

    private static void hold(Socket socket) {
        try (socket; var in = socket.getInputStream()) {
            while (in.read() >= 0) {
                // swallow whatever comes, answer nothing
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void session(Socket socket) {
        try (socket; BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8)); OutputStream out = socket.getOutputStream()) {
            reply(out, "220 scripted ESMTP");
            List<String> accepted = new CopyOnWriteArrayList<>();
            for (String line; (line = in.readLine()) != null; ) {
                String command = line.toUpperCase(Locale.ROOT);
                if (command.startsWith("EHLO") || command.startsWith("HELO")) {
                    reply(out, "250 scripted");
                } else if (command.startsWith("MAIL FROM")) {
                    accepted.clear();
                    reply(out, "250 OK");
                } else if (command.startsWith("RCPT TO")) {
                    String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                    int tries = RCPT_TRIES.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                    if (address.startsWith("bounce")) {
                        reply(out, "550 5.1.1 no such mailbox");
                    } else if (address.startsWith("busy") && tries <= 2) {
                        reply(out, "451 4.3.0 try again later");
                    } else {
                        accepted.add(address);
                        reply(out, "250 OK");
                    }
                } else if (command.equals("DATA")) {
                    reply(out, "354 go on");
                    for (String data; (data = in.readLine()) != null && !data.equals("."); ) {
                        // the message itself is not needed
                    }
                    DELIVERED.addAll(accepted);
                    reply(out, "250 queued");
                } else if (command.equals("QUIT")) {
                    reply(out, "221 bye");
                    return;
                } else {
                    reply(out, "250 OK"); // RSET, NOOP
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void stop() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        pool.shutdownNow();
    }
}
