package io.releaseradar.alerts.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * The {@link ReceiverAddressPolicy} as configured ({@code radar.alerts.webhook-allowed-hosts}), applied with real
 * lookups: once when a receiver is registered, and again before each call, on the addresses actually connected to.
 */
@ApplicationScoped
class ReceiverAddresses {

    /**
     * A receiver checked for one call: connect to {@code address}, one of the addresses its host resolved to just
     * now, all of which passed.
     */
    record Pinned(ReceiverAddressPolicy.Target target, InetAddress address) {
    }

    private final ReceiverAddressPolicy policy;
    private final HostResolver resolver;

    @Inject
    ReceiverAddresses(AlertNotifyConfig config, HostResolver resolver) {
        this(ReceiverAddressPolicy.allowing(config.webhookAllowedHosts().orElse(List.of())), resolver);
    }

    ReceiverAddresses(ReceiverAddressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * Why {@code url} may not be registered as a receiver; empty when it may. A host name that does not resolve now
     * passes (DNS may be down, or the receiver not set up yet): every call checks it again.
     */
    Optional<String> refusal(String url) {
        try {
            ReceiverAddressPolicy.Target target = policy.target(url);
            if (target.literal() == null && !target.hostListed()) {
                policy.checkResolved(target, resolver.resolve(target.host()));
            }
            return Optional.empty();
        } catch (ReceiverAddressPolicy.Refused e) {
            return Optional.of(e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /**
     * Resolves the receiver's host once and checks every address; a refused receiver is a permanent failure (it is
     * not called, now or later), a host that does not resolve a temporary one.
     */
    Pinned pin(String url) throws DeliveryFailure {
        try {
            ReceiverAddressPolicy.Target target = policy.target(url);
            List<InetAddress> addresses = target.literal() != null ? List.of(target.literal())
                    : resolver.resolve(target.host());
            if (addresses.isEmpty()) {
                throw new UnknownHostException(target.host());
            }
            policy.checkResolved(target, addresses);
            return new Pinned(target, addresses.get(0));
        } catch (ReceiverAddressPolicy.Refused e) {
            throw DeliveryFailure.permanent("receiver refused, not called: " + e.getMessage());
        } catch (UnknownHostException e) {
            throw DeliveryFailure.temporary("webhook not reached: its host name does not resolve");
        }
    }
}
