package io.releaseradar.platform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place that turns exceptions into RFC 9457 {@code application/problem+json} answers. Bodies never carry
 * stack traces or internals: a 500 says only that something failed and gives an id to find the log line.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return respond(e.toProblem());
    }

    @ServerExceptionMapper
    public Response tooManyRequests(TooManyRequests e) {
        return Response.status(429).header("Retry-After", Long.toString(e.retryAfterSeconds()))
                .type(Problem.MEDIA_TYPE).entity(e.toProblem()).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return respond(new Problem("about:blank", "Forbidden", 403,
                "Your token does not carry a role allowed to call this operation.", null));
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(leafPath(v.getPropertyPath().toString()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(Problem.FieldError::field))
                .toList();
        return respond(ProblemException.invalid("The request has invalid fields.", errors).toProblem());
    }

    @ServerExceptionMapper
    public Response wrongJsonType(MismatchedInputException e) {
        return invalidField(e);
    }

    @ServerExceptionMapper
    public Response wrongJsonFormat(InvalidFormatException e) {
        return invalidField(e);
    }

    // A value of the wrong type or format (a timestamp without zone, a number for a string): name the field.
    private static Response invalidField(JsonMappingException e) {
        String field = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b).orElse("");
        String message = e instanceof MismatchedInputException m && m.getTargetType() == java.time.Instant.class
                ? "must be an ISO-8601 instant with a zone, e.g. 2026-03-01T14:00:00Z"
                : "has the wrong type or format";
        return respond(ProblemException.invalid("The request has invalid fields.",
                List.of(new Problem.FieldError(field, message))).toProblem());
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return respond(ProblemException.unreadable("The body is not valid JSON" + where + ": "
                + e.getOriginalMessage()).toProblem());
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getStatusCode() >= 500) {
            return internal(e);
        }
        String detail = switch (status.getStatusCode()) {
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not accept that HTTP method.";
            case 406 -> "This operation cannot answer in the media type you accept.";
            case 415 -> "Send the body as application/json.";
            default -> e.getMessage();
        };
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, null));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e) {
        return internal(e);
    }

    private static Response internal(Throwable e) {
        if (isDatabaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", e.getClass().getSimpleName());
            return Response.status(503).header("Retry-After", "5").type(Problem.MEDIA_TYPE)
                    .entity(new Problem("about:blank", "Service Unavailable", 503,
                            "The database is unavailable right now; nothing was stored. Retry in a few seconds.",
                            null))
                    .build();
        }
        String incident = UUID.randomUUID().toString();
        LOG.errorf(e, "Unhandled error, incident %s", incident);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "The request could not be completed. Incident " + incident + " is logged.", null));
    }

    private static Response unauthorized() {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer")
                .type(Problem.MEDIA_TYPE)
                .entity(new Problem("about:blank", "Unauthorized", 401,
                        "Send a valid bearer token in the Authorization header.", null))
                .build();
    }

    /** A lost or refused database connection (SQLSTATE class 08) or no pooled connection in time. */
    static boolean isDatabaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ((sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) || t instanceof java.sql.SQLTimeoutException
                    || String.valueOf(sql.getMessage()).startsWith("Acquisition timeout"))) {
                return true;
            }
        }
        return false;
    }

    /** Builds the answer for a problem. */
    public static Response respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    // "upsert.arg0.name" -> "name": callers know the body, not our method names.
    private static String leafPath(String path) {
        String[] parts = path.split("\\.");
        int start = parts.length > 2 ? 2 : parts.length - 1;
        return String.join(".", java.util.Arrays.copyOfRange(parts, start, parts.length));
    }
}
