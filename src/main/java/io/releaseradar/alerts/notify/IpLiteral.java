package io.releaseradar.alerts.notify;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads a URL host that is an IP address, in every spelling a resolver or browser accepts, so the address rules
 * judge the address that would be connected to and not its text: IPv4 as the WHATWG URL standard (and inet_aton)
 * read it, with one to four parts, each decimal, octal ({@code 0177}) or hex ({@code 0x7f}), the last filling the
 * remaining bytes ({@code 127.1}, {@code 2130706433}, {@code 0x7f000001}); IPv6 in brackets. Pure, no lookups.
 */
final class IpLiteral {

    private static final Pattern NUMBER = Pattern.compile("[0-9]+|0x[0-9a-f]*");
    /** What Java reads as an IPv6 literal without a lookup: it starts with a hex digit or ':' and has a ':'. */
    private static final Pattern IPV6 = Pattern.compile("[0-9a-f:][0-9a-f:.]*");

    private IpLiteral() {
    }

    /**
     * The address a normalised host (lower case, no trailing dot) spells; empty for a host name.
     *
     * @throws IllegalArgumentException a host that is meant as an address (its last label is a number, or it is in
     *     brackets) but is not a valid one, such as {@code 1.2.3.4.5} or {@code 256.1.1.1}
     */
    static Optional<InetAddress> parse(String host) {
        if (host.startsWith("[")) {
            return Optional.of(ipv6(host));
        }
        String[] parts = host.split("\\.", -1);
        if (!NUMBER.matcher(parts[parts.length - 1]).matches()) {
            return Optional.empty();
        }
        return Optional.of(ipv4(host, parts));
    }

    private static InetAddress ipv6(String host) {
        if (!host.endsWith("]")) {
            throw new IllegalArgumentException("is not a valid IPv6 address");
        }
        String text = host.substring(1, host.length() - 1);
        // No zone ids (fe80::1%eth0): they name an interface of this machine, never a receiver elsewhere.
        if (!text.contains(":") || !IPV6.matcher(text).matches()) {
            throw new IllegalArgumentException("is not a valid IPv6 address");
        }
        try {
            // A text with ':' is read as a literal, never looked up.
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("is not a valid IPv6 address");
        }
    }

    private static InetAddress ipv4(String host, String[] parts) {
        if (parts.length > 4) {
            throw new IllegalArgumentException("is not a valid IPv4 address");
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            BigInteger n = number(parts[i]);
            // Every part but the last is one byte; the last fills the 1 to 4 bytes left.
            int bytes = i < parts.length - 1 ? 1 : 5 - parts.length;
            if (n.bitLength() > 8 * bytes) {
                throw new IllegalArgumentException("is not a valid IPv4 address");
            }
            numbers[i] = n.longValue();
        }
        long value = numbers[parts.length - 1];
        for (int i = 0; i < parts.length - 1; i++) {
            value += numbers[i] << (8 * (3 - i));
        }
        byte[] address = BigInteger.valueOf(value).toByteArray();
        byte[] four = new byte[4];
        int copy = Math.min(4, address.length);
        System.arraycopy(address, address.length - copy, four, 4 - copy, copy);
        try {
            return InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address: " + Arrays.toString(four), e);
        }
    }

    private static BigInteger number(String part) {
        try {
            if (part.startsWith("0x")) {
                return part.length() == 2 ? BigInteger.ZERO : new BigInteger(part.substring(2), 16);
            }
            if (part.length() > 1 && part.startsWith("0")) {
                return new BigInteger(part.substring(1), 8);
            }
            return new BigInteger(part, 10);
        } catch (NumberFormatException e) {
            // an empty part (1..2) or a digit the base does not have (09)
            throw new IllegalArgumentException("is not a valid IPv4 address");
        }
    }
}
