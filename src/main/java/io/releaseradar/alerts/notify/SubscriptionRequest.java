package io.releaseradar.alerts.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.detection.core.Severity;
import io.releaseradar.platform.JsonItem;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.Problem;
import io.releaseradar.platform.ProblemException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of a subscription PUT (documents the schema; {@link #parse} reads it strictly: unknown fields and wrong
 * types are a 400 that names them).
 */
@Schema(name = "SubscriptionRequest")
public record SubscriptionRequest(
        @Schema(nullable = true, example = "notes", description = "A product key; null: every product")
        String product,
        @Schema(required = true, example = "HIGH", description = "Alerts from this severity up are sent")
        Severity minSeverity,
        @Schema(nullable = true, example = "sync-oncall@example.com",
                description = "Gets one e-mail per alert and severity; at least one of email and webhookUrl")
        String email,
        @Schema(nullable = true, example = "https://hooks.example.com/release-radar",
                description = "An https URL (http only to a host in RADAR_ALERTS_WEBHOOK_ALLOWED_HOSTS) that gets "
                        + "the Alert JSON (plus a Slack-style `text`) by POST; loopback, private, link-local and "
                        + "other internal addresses are refused unless allowlisted; at least one of email and "
                        + "webhookUrl")
        String webhookUrl,
        @Schema(nullable = true, example = "s3cr3t-shared-with-the-receiver",
                description = "Signs each webhook call: X-Radar-Signature: sha256=<hex HMAC-SHA256> and the "
                        + "Standard Webhooks webhook-signature (key: the UTF-8 text, or for whsec_<base64> the "
                        + "bytes). Write-only: send it with every PUT, GET never shows it")
        String webhookSecret,
        @Schema(enumeration = {"webhook", "slack", "teams", "pagerduty"}, defaultValue = "webhook",
                description = "What listens at webhookUrl, which decides the body: `webhook` the Alert JSON; "
                        + "`slack` a Slack incoming webhook (Block Kit message); `teams` a Teams workflow webhook "
                        + "(one Adaptive Card); `pagerduty` the Events API v2 (trigger on open and rise, resolve "
                        + "on resolve and dismiss; webhookUrl defaults to " + ReceiverKind.PAGERDUTY_EVENTS_URL
                        + ")")
        String kind,
        @Schema(nullable = true, example = "R0UT1NGKEY0F32CHARACTERS00000000",
                description = "Required for kind pagerduty, refused otherwise: the 32-character integration key "
                        + "of an Events API v2 integration. Write-only, like webhookSecret")
        String routingKey) {

    static final Set<String> FIELDS = Set.of("product", "minSeverity", "email", "webhookUrl", "webhookSecret",
            "kind", "routingKey");

    /** The WHATWG shape of an e-mail address (what browsers accept in an e-mail field). */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");
    private static final String SEVERITIES = "must be one of LOW, MEDIUM, HIGH, CRITICAL";

    /** Reads the subscription {@code id} from a PUT body; a 400 with every invalid field otherwise. */
    static Subscription parse(String id, JsonNode node) {
        JsonItem item = JsonItem.of(node);
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                item.fail(name, "is not a field of a subscription (known: product, minSeverity, email, "
                        + "webhookUrl, webhookSecret, kind, routingKey)");
            }
        }
        String product = item.key("product", false, Keys::isProduct, Keys.PRODUCT_MESSAGE);
        Severity minSeverity = severity(item, item.string("minSeverity", true, 20));
        String email = item.string("email", false, 254);
        if (email != null && !EMAIL.matcher(email).matches()) {
            item.fail("email", "must be an e-mail address such as oncall@example.com");
        }
        String webhookUrl = item.string("webhookUrl", false, 2000);
        if (webhookUrl != null && !isHttpUrl(webhookUrl)) {
            item.fail("webhookUrl", "must be an absolute http or https URL such as https://hooks.example.com/x");
        }
        String webhookSecret = item.string("webhookSecret", false, 256);
        if (webhookSecret != null && webhookSecret.isBlank()) {
            item.fail("webhookSecret", "must not be blank; send null for unsigned webhook calls");
        }
        ReceiverKind kind = ReceiverRules.kind(item);
        String routingKey = ReceiverRules.routingKey(item, node, kind);
        // Presence, not validity: a bad URL is reported as such, not as a missing one.
        boolean hasUrl = ReceiverRules.hasUrl(item, node, kind);
        if (webhookSecret != null && !hasUrl) {
            item.fail("webhookSecret", "needs a webhookUrl to sign calls to");
        }
        // Slack and Teams were told their URL is missing; only a webhook subscription may be e-mail only.
        if (!node.hasNonNull("email") && !hasUrl && (kind == null || kind == ReceiverKind.WEBHOOK)) {
            item.fail("email", "or webhookUrl is required: a subscription is sent e-mails, webhook calls or both");
        }
        if (!Keys.isProduct(id)) {
            item.fail("id", Keys.PRODUCT_MESSAGE);
        }
        if (!item.valid()) {
            throw ProblemException.invalid("The subscription has invalid fields.", sorted(item.errors()));
        }
        return new Subscription(id, product, minSeverity, email, ReceiverRules.url(webhookUrl, kind), webhookSecret,
                kind, routingKey);
    }

    /** A 400 unless {@code id} has the shape of a key. */
    static void checkId(String id) {
        if (!Keys.isProduct(id)) {
            throw ProblemException.invalid("The subscription id is invalid.",
                    List.of(new Problem.FieldError("id", Keys.PRODUCT_MESSAGE)));
        }
    }

    private static Severity severity(JsonItem item, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Severity.valueOf(text);
        } catch (IllegalArgumentException e) {
            item.fail("minSeverity", SEVERITIES);
            return null;
        }
    }

    private static boolean isHttpUrl(String text) {
        try {
            URI uri = new URI(text);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // The authority, not getHost(): java.net.URI has no host for 127.1 or a_b.example.com, and the receiver
            // rules (WebhookRegistration) judge such hosts themselves.
            return (scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null
                    && !uri.isOpaque();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static List<Problem.FieldError> sorted(List<Problem.FieldError> errors) {
        List<Problem.FieldError> list = new ArrayList<>(errors);
        list.sort(java.util.Comparator.comparing(Problem.FieldError::field));
        return list;
    }
}
