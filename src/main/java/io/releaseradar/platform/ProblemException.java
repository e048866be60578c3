package io.releaseradar.platform;

import java.util.List;

/** Thrown by services and resources to answer with a given problem; mapped by {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? null : List.copyOf(errors);
    }

    /** 400 with the fields that are wrong. */
    public static ProblemException invalid(String detail, List<Problem.FieldError> errors) {
        return new ProblemException(400, ProblemTypes.VALIDATION, "Invalid request", detail, errors);
    }

    /** 400 for a body that cannot be read as the expected JSON. */
    public static ProblemException unreadable(String detail) {
        return new ProblemException(400, ProblemTypes.MALFORMED, "Malformed request body", detail, null);
    }

    /** 404 for a named thing that does not exist. */
    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "about:blank", "Not Found", detail, null);
    }

    public Problem toProblem() {
        return new Problem(type, title, status, getMessage(), errors);
    }

    public int status() {
        return status;
    }
}
