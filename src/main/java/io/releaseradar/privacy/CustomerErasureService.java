package io.releaseradar.privacy;

import io.releaseradar.alerts.SampleTextErasure;
import io.releaseradar.detection.RollupCustomerErasure;
import io.releaseradar.ingest.ContactErasure;
import io.releaseradar.installbase.InstallBaseService;
import io.releaseradar.notices.delivery.DeliveryErasure;
import io.releaseradar.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.InstantSource;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Erases one customer's personal data, feature by feature through each owner's service, in one transaction: the
 * customer's name, e-mail and unsubscribe (installbase), the texts of their contacts (ingest), the quotes of those
 * texts in alerts and alert messages (alerts), and their pending and failed notice deliveries (notices). Anonymous
 * counts stay: contact rows, hourly rollups and the installation history are kept, so health and detection history
 * are exactly what they were.
 */
@ApplicationScoped
public class CustomerErasureService {

    private static final Logger LOG = Logger.getLogger(CustomerErasureService.class);

    /** What the erasure changed, for the log. */
    public record Erased(int contacts, int alertQuotes, int deliveriesCancelled) {
    }

    private final InstallBaseService installBase;
    private final ContactErasure contacts;
    private final SampleTextErasure alerts;
    private final DeliveryErasure deliveries;
    private final RollupCustomerErasure rollups;
    private final InstantSource clock;

    CustomerErasureService(InstallBaseService installBase, ContactErasure contacts, SampleTextErasure alerts,
            DeliveryErasure deliveries, RollupCustomerErasure rollups, InstantSource clock) {
        this.installBase = installBase;
        this.contacts = contacts;
        this.alerts = alerts;
        this.deliveries = deliveries;
        this.rollups = rollups;
        this.clock = clock;
    }

    /**
     * Erases the customer. Repeating it is allowed and erases again whatever arrived since (e.g. contacts the helpdesk
     * sent later with the same customer id).
     *
     * @throws ProblemException 404 when no customer has this id
     */
    @Transactional
    public Erased erase(String customerId, String actor) {
        // First, so that the customer row is locked: a feed upsert waits, then skips the erased row.
        if (!installBase.eraseCustomer(customerId, clock.instant())) {
            throw ProblemException.notFound("There is no customer with this id.");
        }
        List<ContactErasure.ContactKey> keys = contacts.eraseTextsOf(customerId);
        rollups.eraseCustomer(customerId);
        Erased erased = new Erased(keys.size(), alerts.eraseQuotesOf(keys),
                deliveries.eraseCustomer(customerId, clock.instant()));
        LOG.infof("Customer %s erased by %s: texts of %d contacts, %d alert quotes, %d notice deliveries cancelled",
                customerId, actor, erased.contacts(), erased.alertQuotes(), erased.deliveriesCancelled());
        return erased;
    }
}
