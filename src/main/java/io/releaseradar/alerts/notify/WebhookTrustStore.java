package io.releaseradar.alerts.notify;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.TrustManagerFactory;

/**
 * The certificate authorities webhook calls trust: the JVM's default ones, plus those of
 * {@code RADAR_ALERTS_WEBHOOK_TRUST_STORE} (a company's private CA for internal receivers), so that public receivers
 * (Slack, Teams, PagerDuty) keep working beside internal ones. The file is PEM (one or more certificates) or PKCS12
 * (with {@code RADAR_ALERTS_WEBHOOK_TRUST_STORE_PASSWORD}); only its certificates count, a private key in it is
 * ignored. Host names are still checked against the URL's host.
 */
final class WebhookTrustStore {

    static final String SETTING = "RADAR_ALERTS_WEBHOOK_TRUST_STORE";

    private WebhookTrustStore() {
    }

    /**
     * The trust for {@code location}, or empty (the JVM's default alone) when none is set.
     *
     * @throws IllegalArgumentException naming the problem when the file cannot be read or holds no certificate
     */
    static Optional<TrustManagerFactory> load(Optional<String> location, Optional<String> password) {
        if (location.isEmpty() || location.get().isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(location.get().strip());
        List<X509Certificate> added;
        try {
            byte[] content = Files.readAllBytes(file);
            added = new String(content, 0, Math.min(content.length, 4096), StandardCharsets.ISO_8859_1)
                    .contains("-----BEGIN") ? pem(content) : pkcs12(content, password);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException(SETTING + " " + file + " cannot be read as PEM certificates or as "
                    + "PKCS12 with " + SETTING + "_PASSWORD (" + e.getClass().getSimpleName() + ")", e);
        }
        if (added.isEmpty()) {
            throw new IllegalArgumentException(SETTING + " " + file + " holds no certificate");
        }
        try {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int n = 0;
            for (X509Certificate ca : defaultAuthorities()) {
                trust.setCertificateEntry("default-" + n++, ca);
            }
            for (X509Certificate ca : added) {
                trust.setCertificateEntry("configured-" + n++, ca);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            return Optional.of(factory);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("could not build the webhook trust store", e);
        }
    }

    private static List<X509Certificate> pem(byte[] content) throws GeneralSecurityException, IOException {
        List<X509Certificate> certificates = new ArrayList<>();
        try (InputStream in = new java.io.ByteArrayInputStream(content)) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
        }
        return certificates;
    }

    private static List<X509Certificate> pkcs12(byte[] content, Optional<String> password)
            throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(new java.io.ByteArrayInputStream(content), password.map(String::toCharArray).orElse(null));
        List<X509Certificate> certificates = new ArrayList<>();
        for (String alias : Collections.list(store.aliases())) {
            if (store.isCertificateEntry(alias) && store.getCertificate(alias) instanceof X509Certificate c) {
                certificates.add(c);
            }
        }
        return certificates;
    }

    /** The JVM's default trusted authorities (cacerts, or {@code javax.net.ssl.trustStore} where set). */
    private static List<X509Certificate> defaultAuthorities() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        List<X509Certificate> authorities = new ArrayList<>();
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof javax.net.ssl.X509TrustManager x509) {
                authorities.addAll(List.of(x509.getAcceptedIssuers()));
            }
        }
        return authorities;
    }
}
