package io.releaseradar.alerts.notify;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks up the addresses of a webhook receiver's host name, with the JVM's resolver. A bean of its own so that a test
 * can stand in for DNS, whose answers it cannot change between two lookups otherwise (DNS rebinding).
 */
@ApplicationScoped
class HostResolver {

    /** Every address {@code host} resolves to, in the resolver's order; UnknownHostException when none. */
    List<InetAddress> resolve(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }
}
