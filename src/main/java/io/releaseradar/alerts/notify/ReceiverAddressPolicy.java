package io.releaseradar.alerts.notify;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which webhook receivers (subscriber webhooks and the rollout-hold URL) the service may call, as the contract says:
 * https to a public address; an allowlisted host ({@code RADAR_ALERTS_WEBHOOK_ALLOWED_HOSTS}: host names, IP
 * addresses, CIDR ranges) also over http and at a loopback, private, link-local or other internal address. Without
 * this a support lead could make the service POST to 127.0.0.1, the cloud metadata address or any in-cluster name.
 *
 * <p>A name listed is trusted whatever it resolves to; an address or range listed allows exactly those addresses,
 * whether written in the URL or resolved from its host name. Pure: the caller resolves names and passes the
 * addresses to {@link #checkResolved}, then connects to one of exactly those.
 */
final class ReceiverAddressPolicy {

    /** The setting receivers are allowlisted with, as the refusals name it. */
    static final String SETTING = "RADAR_ALERTS_WEBHOOK_ALLOWED_HOSTS";
    private static final Pattern NAME = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)*");

    /** A receiver that may not be called; the message says why, in words a support lead can act on. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A receiver URL taken apart: the HTTP client is given these parts, never the URL text, so what was checked is
     * what is called.
     *
     * @param host lower case, without a trailing dot, an IPv6 address in brackets: the Host header and TLS name
     * @param pathAndQuery the raw path (at least {@code /}) and query; the fragment is not sent
     * @param literal the address, when the host is one (in any spelling); null for a host name
     * @param hostListed the host is allowlisted: by name, or as an address in an allowlisted range
     */
    record Target(boolean https, String host, int port, String pathAndQuery, InetAddress literal,
            boolean hostListed) {
    }

    private final Set<String> names;
    private final List<AddressRange> ranges;

    private ReceiverAddressPolicy(Set<String> names, List<AddressRange> ranges) {
        this.names = Set.copyOf(names);
        this.ranges = List.copyOf(ranges);
    }

    /**
     * The policy with these allowlist entries (blank ones are ignored).
     *
     * @throws IllegalArgumentException naming an entry that is neither a host name, an IP address nor a CIDR range
     */
    static ReceiverAddressPolicy allowing(List<String> entries) {
        Set<String> names = new HashSet<>();
        List<AddressRange> ranges = new ArrayList<>();
        for (String raw : entries) {
            String entry = normalise(raw.strip());
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.startsWith("[") && entry.endsWith("]")) {
                entry = entry.substring(1, entry.length() - 1);
            }
            if (entry.contains("/") || entry.contains(":") || isNumeric(entry)) {
                ranges.add(AddressRange.parse(entry));
            } else if (NAME.matcher(entry).matches()) {
                names.add(entry);
            } else {
                throw new IllegalArgumentException("'" + raw + "' is neither a host name, an IP address nor a CIDR "
                        + "range");
            }
        }
        return new ReceiverAddressPolicy(names, ranges);
    }

    /** Takes {@code url} apart and checks all that can be checked without a lookup. */
    Target target(String url) throws Refused {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Refused("must be an absolute https URL such as https://hooks.example.com/x");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String authority = uri.getRawAuthority();
        if (!scheme.equals("http") && !scheme.equals("https") || uri.isOpaque() || authority == null) {
            throw new Refused("must be an absolute https URL such as https://hooks.example.com/x");
        }
        if (authority.contains("@")) {
            throw new Refused("must not carry a user name or password");
        }
        boolean https = scheme.equals("https");
        int colon = authority.startsWith("[") ? authority.indexOf(':', authority.indexOf(']')) : authority.lastIndexOf(':');
        String host = host(colon < 0 ? authority : authority.substring(0, colon));
        int port = port(colon < 0 ? "" : authority.substring(colon + 1), https);
        InetAddress literal;
        try {
            literal = IpLiteral.parse(host).orElse(null);
        } catch (IllegalArgumentException e) {
            throw new Refused("host " + host + " " + e.getMessage());
        }
        boolean listed = literal == null ? names.contains(host) : inRanges(literal);
        if (!listed && literal != null) {
            Optional<String> kind = AddressRange.forbiddenKind(literal);
            if (kind.isPresent()) {
                throw forbidden(host + " is a " + kind.get() + " address (" + literal.getHostAddress() + ")");
            }
        }
        if (!listed && (host.equals("localhost") || host.endsWith(".localhost"))) {
            throw forbidden(host + " is a loopback name");
        }
        if (!https && !listed) {
            throw new Refused("must be https; http only to a host listed in " + SETTING);
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Target(https, host, port, uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery(),
                literal, listed);
    }

    /**
     * Checks every address the target's host resolved to (or its literal address): a name listed may resolve to any;
     * otherwise each must be public or in an allowlisted range.
     */
    void checkResolved(Target target, List<InetAddress> addresses) throws Refused {
        if (target.literal() == null && names.contains(target.host())) {
            return;
        }
        for (InetAddress address : addresses) {
            if (inRanges(address)) {
                continue;
            }
            Optional<String> kind = AddressRange.forbiddenKind(address);
            if (kind.isPresent()) {
                throw forbidden(target.host() + " resolves to a " + kind.get() + " address ("
                        + address.getHostAddress() + ")");
            }
        }
    }

    private boolean inRanges(InetAddress address) {
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    private static Refused forbidden(String what) {
        return new Refused(what + "; a receiver there must be listed in " + SETTING);
    }

    private static String host(String raw) throws Refused {
        // Percent-escapes in a host (%31%32%37.0.0.1) are decoded by some clients and not by others.
        if (raw.isEmpty() || raw.contains("%")) {
            throw new Refused("must name a host, without %-escapes");
        }
        String host = normalise(raw);
        if (host.startsWith("[")) {
            return host;
        }
        try {
            host = IDN.toASCII(host).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new Refused("host " + raw + " is not a valid host name");
        }
        if (!NAME.matcher(host).matches()) {
            throw new Refused("host " + raw + " is not a valid host name");
        }
        return host;
    }

    private static int port(String text, boolean https) throws Refused {
        if (text.isEmpty()) {
            return https ? 443 : 80;
        }
        if (text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
            throw new Refused("has an invalid port");
        }
        int port = Integer.parseInt(text);
        if (port < 1 || port > 65535) {
            throw new Refused("has an invalid port");
        }
        return port;
    }

    /** Lower case, and without one trailing dot: {@code LOCALHOST.} is {@code localhost}. */
    private static String normalise(String host) {
        String lower = host.toLowerCase(Locale.ROOT);
        return lower.endsWith(".") && lower.length() > 1 ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isNumeric(String entry) {
        String[] labels = entry.split("\\.");
        return labels.length > 0 && labels[labels.length - 1].chars().allMatch(Character::isDigit);
    }
}
