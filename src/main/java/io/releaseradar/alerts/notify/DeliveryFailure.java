package io.releaseradar.alerts.notify;

/**
 * A message could not be delivered. Temporary failures (a receiver that is down, answers 5xx, 408 or 429, a
 * timeout) are retried with back-off; permanent ones (a 4xx answer, an address the mail server refuses) fail the
 * row at once, since sending the same thing again would fail the same way.
 */
class DeliveryFailure extends Exception {

    private final boolean permanent;

    private DeliveryFailure(String message, boolean permanent, Throwable cause) {
        super(message, cause, false, false);
        this.permanent = permanent;
    }

    static DeliveryFailure temporary(String message) {
        return new DeliveryFailure(message, false, null);
    }

    static DeliveryFailure temporary(String message, Throwable cause) {
        return new DeliveryFailure(message, false, cause);
    }

    static DeliveryFailure permanent(String message) {
        return new DeliveryFailure(message, true, null);
    }

    boolean permanent() {
        return permanent;
    }
}
