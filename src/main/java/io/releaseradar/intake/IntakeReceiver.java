package io.releaseradar.intake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.releaseradar.ingest.ContactIn;
import io.releaseradar.ingest.ContactIngestService;
import io.releaseradar.ingest.ContactParser;
import io.releaseradar.ingest.IngestMetrics;
import io.releaseradar.ingest.Ingress;
import io.releaseradar.platform.IngestRateLimit;
import io.releaseradar.platform.Keys;
import io.releaseradar.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * A helpdesk's call, from raw bytes to stored contact: the source must exist, the signature must match the bytes
 * as they arrived, and only then is the JSON read, turned into the contract's contact and handed to ingest, which
 * validates, resolves the version, stores it once and counts it exactly as for {@code POST /api/v1/contacts}.
 */
@ApplicationScoped
public class IntakeReceiver {

    /** The headers a call may carry for its signature. */
    public record Signature(String zendeskSignature, String zendeskTimestamp, String radarSignature) {
    }

    /** A call that failed its signature check: a 401, and nothing stored. */
    static final class Unauthenticated extends RuntimeException {
        Unauthenticated(String reason) {
            super(reason, null, false, false);
        }
    }

    private final IntakeService intakes;
    private final ContactIngestService ingest;
    private final IngestMetrics metrics;
    private final IngestRateLimit rateLimit;
    private final IntakeConfig config;
    private final ObjectMapper json;
    private final InstantSource clock;

    IntakeReceiver(IntakeService intakes, ContactIngestService ingest, IngestMetrics metrics,
            IngestRateLimit rateLimit, IntakeConfig config, ObjectMapper json, InstantSource clock) {
        this.intakes = intakes;
        this.ingest = ingest;
        this.metrics = metrics;
        this.rateLimit = rateLimit;
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    /** The intake of {@code source}; 404 when there is none (a source that could not exist included). */
    IntakeSource intake(String source) {
        Optional<IntakeSource> intake = Keys.isSource(source) ? intakes.find(source) : Optional.empty();
        IntakeSource found = intake.orElseThrow(() -> IntakeService.notFound(source));
        rateLimit.acquire("intake:" + source);
        return found;
    }

    /** Checks, maps and stores one call; throws {@link Unauthenticated} or a 4xx problem. */
    IntakeReceipt receive(IntakeSource intake, Signature signature, java.io.InputStream in) {
        byte[] body = read(in);
        Optional<String> refused = intake.format() == IntakeFormat.ZENDESK
                ? IntakeSignatures.zendesk(intake.secret(), signature.zendeskSignature(),
                        signature.zendeskTimestamp(), body, clock.instant())
                : IntakeSignatures.radar(intake.secret(), signature.radarSignature(), body);
        if (refused.isPresent()) {
            throw new Unauthenticated(refused.get());
        }
        JsonNode payload = parse(body);
        ContactDraft draft = new ContactDraft(json, intake.source(), intake.channels(),
                intake.format() == IntakeFormat.ZENDESK ? ZendeskChannels.DEFAULTS : ContactDraft.CONTRACT_CHANNELS);
        boolean contact = intake.format() == IntakeFormat.ZENDESK
                ? ZendeskEvents.read(intake, payload, draft)
                : readMapping(intake, payload, draft);
        if (!contact) {
            return new IntakeReceipt(0, 0);
        }
        if (!draft.valid()) {
            metrics.rejected(Ingress.REST, intake.source());
            throw ProblemException.invalid("The payload lacks what a contact needs; nothing was stored.",
                    draft.errors());
        }
        ContactParser.Parsed parsed = ContactParser.parse(draft.contact());
        if (!parsed.valid()) {
            metrics.rejected(Ingress.REST, intake.source());
            throw ProblemException.invalid("The contact read from the payload has invalid fields; nothing was "
                    + "stored.", parsed.errors());
        }
        ContactIn mapped = parsed.contact();
        boolean duplicate = ingest.ingest(List.of(mapped), Ingress.REST).get(0).duplicate();
        return new IntakeReceipt(duplicate ? 0 : 1, duplicate ? 1 : 0);
    }

    private boolean readMapping(IntakeSource intake, JsonNode payload, ContactDraft draft) {
        PointerMapping.read(intake, payload, clock.instant(), draft);
        return true;
    }

    private byte[] read(java.io.InputStream in) {
        try {
            byte[] body = in.readNBytes(config.maxBodyBytes() + 1);
            if (body.length > config.maxBodyBytes()) {
                throw new ProblemException(413, io.releaseradar.platform.ProblemTypes.TOO_LARGE, "Payload Too Large",
                        "A helpdesk call may carry at most " + config.maxBodyBytes() + " bytes.", null);
            }
            return body;
        } catch (IOException e) {
            throw ProblemException.unreadable("The body could not be read.");
        }
    }

    private JsonNode parse(byte[] body) {
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw ProblemException.unreadable("The body must be a JSON object.");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw ProblemException.unreadable("The body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ProblemException.unreadable("The body could not be read.");
        }
    }
}
