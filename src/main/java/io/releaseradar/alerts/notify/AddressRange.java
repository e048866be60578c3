package io.releaseradar.alerts.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A CIDR range ({@code 10.0.0.0/8}, {@code fc00::/7}), and the ranges no webhook receiver may be in unless allowlisted:
 * {@link #forbiddenKind} names why an address is one of them. Pure.
 */
record AddressRange(byte[] network, int prefix, String kind) {

    private static final String BYTE = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern DOTTED_QUAD = Pattern.compile(BYTE + "(\\." + BYTE + "){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    /** Addresses that reach this machine, its cluster or its cloud rather than a receiver on the internet. */
    private static final List<AddressRange> FORBIDDEN = List.of(
            of("0.0.0.0/8", "unspecified"),
            of("10.0.0.0/8", "private"),
            of("100.64.0.0/10", "shared (carrier-grade NAT)"),
            of("127.0.0.0/8", "loopback"),
            of("169.254.0.0/16", "link-local (cloud metadata)"),
            of("172.16.0.0/12", "private"),
            of("192.0.0.0/24", "reserved"),
            of("192.168.0.0/16", "private"),
            of("198.18.0.0/15", "reserved"),
            of("224.0.0.0/4", "multicast"),
            of("240.0.0.0/4", "reserved"),
            of("::/128", "unspecified"),
            of("::1/128", "loopback"),
            of("64:ff9b:1::/48", "private"),
            of("fc00::/7", "private"),
            of("fe80::/10", "link-local"),
            of("fec0::/10", "private"),
            of("ff00::/8", "multicast"));

    /**
     * IPv6 ranges that carry an IPv4 address in their low 32 bits. IPv4-mapped ones (::ffff:a.b.c.d) are not among
     * them because Java reads them as the IPv4 address itself, whether from text or from bytes.
     */
    private static final List<AddressRange> EMBEDDING_IPV4 = List.of(
            of("::/96", "IPv4-compatible"),
            of("64:ff9b::/96", "NAT64"));
    private static final AddressRange SIX_TO_FOUR = of("2002::/16", "6to4");

    /**
     * Reads {@code address/prefix}, or a lone address as a range of one.
     *
     * @throws IllegalArgumentException when it is neither
     */
    static AddressRange parse(String text) {
        return of(text, "allowlisted");
    }

    private static AddressRange of(String text, String kind) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = bytes(address);
        int prefix = bytes.length * 8;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
            if (prefix < 0 || prefix > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "' has no valid prefix length");
            }
        }
        return new AddressRange(bytes, prefix, kind);
    }

    private static byte[] bytes(String address) {
        // Plain dotted-quad (no leading zeros, which some read as octal) or IPv6 only: both are literals to
        // InetAddress, never looked up.
        if (!DOTTED_QUAD.matcher(address).matches() && !IPV6.matcher(address).matches()) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            // A mapped address ::ffff:a.b.c.d comes back as IPv4; its range then covers IPv4 addresses.
            return parsed.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + address + "' is not an IP address");
        }
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /** Why {@code address} is no receiver's (e.g. "loopback", "IPv4-mapped private"); empty for a public one. */
    static Optional<String> forbiddenKind(InetAddress address) {
        for (AddressRange range : FORBIDDEN) {
            if (range.contains(address)) {
                return Optional.of(range.kind());
            }
        }
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            for (AddressRange range : EMBEDDING_IPV4) {
                if (range.contains(address)) {
                    return forbiddenKind(ipv4(Arrays.copyOfRange(bytes, 12, 16))).map(k -> range.kind() + " " + k);
                }
            }
            if (SIX_TO_FOUR.contains(address)) {
                return forbiddenKind(ipv4(Arrays.copyOfRange(bytes, 2, 6))).map(k -> "6to4 " + k);
            }
        }
        return Optional.empty();
    }

    private static Inet4Address ipv4(byte[] four) {
        try {
            return (Inet4Address) InetAddress.getByAddress(four);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are always an IPv4 address", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AddressRange r && Arrays.equals(network, r.network) && prefix == r.prefix;
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            return Arrays.toString(network) + "/" + prefix;
        }
    }
}
