package io.releaseradar.platform;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem detail, the body of every 4xx and 5xx answer ({@code application/problem+json}).
 *
 * @param type   a URI naming the kind of problem ({@code about:blank} when the status says it all)
 * @param title  a short summary of the kind of problem
 * @param status the HTTP status
 * @param detail what went wrong with this request, written for the caller
 * @param errors for validation problems: which field is wrong and why
 */
@Schema(name = "Problem", description = "RFC 9457 problem detail")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    /** The media type of problem answers. */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** One invalid input field: {@code field} is a JSON path such as {@code receivedAt} or {@code [3].externalId}. */
    @Schema(name = "FieldError")
    public record FieldError(String field, String message) {
    }
}
