package io.releaseradar.platform;

/** The roles carried in the JWT {@code groups} claim. {@link #ADMIN} may do everything. */
public final class Roles {

    /** Helpdesk and install-base integrations feeding data in. */
    public static final String INGEST = "ingest";
    /** Release managers: releases, health, backtests, notices. */
    public static final String RELEASE_MANAGER = "release-manager";
    /** Support leads: alerts and subscriptions. */
    public static final String SUPPORT_LEAD = "support-lead";
    /** Operators: everything, including detection runs. */
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
