package io.releaseradar.detection;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 64-bit keys for the rollups' "already counted" set: the first 8 bytes of SHA-256 over the parts, separated by a
 * unit separator. Two different customers of one cell collide with probability about 2^-64 per pair. Public for the
 * benchmark's bulk loader, which writes contacts' symptom hashes as ingest does.
 */
public final class Hashes {

    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private Hashes() {
    }

    public static long of(String... parts) {
        MessageDigest digest = SHA256.get();
        digest.reset();
        for (String part : parts) {
            digest.update(part.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0x1f);
        }
        byte[] d = digest.digest();
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }
}
