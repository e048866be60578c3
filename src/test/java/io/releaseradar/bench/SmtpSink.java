package io.releaseradar.bench;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A minimal SMTP server that accepts every mail and keeps only what the notice benchmark checks: how often each
 * recipient ({@code RCPT TO}) and each {@code Message-ID} was received, and when the first and the last message
 * arrived. Bodies are read and dropped, so 100,000 mails cost a few MB rather than GreenMail's whole messages.
 * Plain SMTP on 127.0.0.1 (no TLS, no AUTH, no pipelining advertised); a thread per connection.
 */
final class SmtpSink implements AutoCloseable {

    private final ServerSocket server;
    private final ExecutorService connections = Executors.newCachedThreadPool(BenchApp.daemon("smtp-sink"));
    private final Map<String, AtomicInteger> byRecipient = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> byMessageId = new ConcurrentHashMap<>();
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong withoutMessageId = new AtomicLong();
    private final AtomicLong firstNanos = new AtomicLong();
    private final AtomicLong lastNanos = new AtomicLong();
    private final AtomicInteger connectionsSeen = new AtomicInteger();

    SmtpSink() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getByName(BenchApp.HOST));
        Thread acceptor = new Thread(this::accept, "smtp-sink-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    long messages() {
        return messages.get();
    }

    long withoutMessageId() {
        return withoutMessageId.get();
    }

    int connections() {
        return connectionsSeen.get();
    }

    /** nanoTime of the first and the last message taken (0 before the first). */
    long firstNanos() {
        return firstNanos.get();
    }

    long lastNanos() {
        return lastNanos.get();
    }

    /** How often each recipient was received. */
    Map<String, AtomicInteger> recipients() {
        return byRecipient;
    }

    /** Recipients and Message-IDs received more than once: {@code [recipients, messageIds]}. */
    long[] duplicates() {
        return new long[] {byRecipient.values().stream().filter(n -> n.get() > 1).count(),
                byMessageId.values().stream().filter(n -> n.get() > 1).count()};
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connectionsSeen.incrementAndGet();
                connections.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket;
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.ISO_8859_1));
                Writer out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(),
                        StandardCharsets.ISO_8859_1))) {
            reply(out, "220 smtp-sink ESMTP");
            List<String> rcpt = new ArrayList<>();
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() < 4 ? line.toUpperCase(Locale.ROOT)
                        : line.substring(0, 4).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO", "HELO" -> reply(out, "250 smtp-sink");
                    case "MAIL", "RSET" -> {
                        rcpt.clear();
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        rcpt.add(address(line));
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        String messageId = readMessage(in);
                        taken(rcpt, messageId);
                        rcpt.clear();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away; what it completed is counted
        }
    }

    /** Reads the message up to the lone dot; answers its Message-ID header (unfolded), or null. */
    private static String readMessage(BufferedReader in) throws IOException {
        String messageId = null;
        boolean headers = true;
        boolean inMessageId = false;
        String line;
        while ((line = in.readLine()) != null && !line.equals(".")) {
            if (!headers) {
                continue;
            }
            if (line.isEmpty()) {
                headers = false;
            } else if (inMessageId && (line.startsWith(" ") || line.startsWith("\t"))) {
                messageId = messageId + line.strip();
            } else {
                inMessageId = line.regionMatches(true, 0, "Message-ID:", 0, 11);
                if (inMessageId) {
                    messageId = line.substring(11).strip();
                }
            }
        }
        return messageId;
    }

    private void taken(List<String> rcpt, String messageId) {
        long now = System.nanoTime();
        firstNanos.compareAndSet(0, now);
        lastNanos.accumulateAndGet(now, Math::max);
        messages.incrementAndGet();
        for (String r : rcpt) {
            byRecipient.computeIfAbsent(r, k -> new AtomicInteger()).incrementAndGet();
        }
        if (messageId == null || messageId.isEmpty()) {
            withoutMessageId.incrementAndGet();
        } else {
            byMessageId.computeIfAbsent(messageId, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static String address(String rcptLine) {
        int lt = rcptLine.indexOf('<');
        int gt = rcptLine.indexOf('>', lt + 1);
        return (lt >= 0 && gt > lt ? rcptLine.substring(lt + 1, gt) : rcptLine.substring(rcptLine.indexOf(':') + 1))
                .strip().toLowerCase(Locale.ROOT);
    }

    private static void reply(Writer out, String line) throws IOException {
        out.write(line);
        out.write("\r\n");
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
        connections.shutdownNow();
    }
}
