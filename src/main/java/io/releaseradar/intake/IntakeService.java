package io.releaseradar.intake;

import com.fasterxml.jackson.databind.JsonNode;
import io.releaseradar.platform.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.sql.SQLException;
import java.util.Optional;

/** The helpdesks connected to the intake: how each one's JSON is read and how its calls are signed. */
@ApplicationScoped
public class IntakeService {

    private final IntakeStore store;

    IntakeService(IntakeStore store) {
        this.store = store;
    }

    /** The outcome of a PUT: the intake and whether it was new. */
    public record Saved(IntakeView intake, boolean created) {
    }

    /** Reads {@code body} strictly (a 400 naming every invalid field) and creates or replaces the intake. */
    @Transactional
    public Saved save(String source, JsonNode body) {
        IntakeRequest.checkSource(source);
        IntakeSource intake = IntakeRequest.parse(source, body);
        try {
            return new Saved(intake.view(), store.upsert(intake));
        } catch (SQLException e) {
            throw new IllegalStateException("Could not store intake", e);
        }
    }

    /** The intake; 404 when there is none for that source. */
    @Transactional
    public IntakeView get(String source) {
        IntakeRequest.checkSource(source);
        return find(source).map(IntakeSource::view).orElseThrow(() -> notFound(source));
    }

    /** Deletes the intake: the helpdesk's further calls get 404. 404 when there is none for that source. */
    @Transactional
    public void delete(String source) {
        IntakeRequest.checkSource(source);
        try {
            if (!store.delete(source)) {
                throw notFound(source);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not delete intake", e);
        }
    }

    /** The intake of a source whose shape was checked. */
    Optional<IntakeSource> find(String source) {
        try {
            return store.find(source);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not read intake", e);
        }
    }

    static ProblemException notFound(String source) {
        return ProblemException.notFound("No intake '" + source + "' exists.");
    }
}
