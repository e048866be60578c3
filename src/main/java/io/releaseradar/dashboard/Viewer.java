package io.releaseradar.dashboard;

import io.releaseradar.platform.Roles;
import java.util.Set;

/**
 * Who is looking at a dashboard page: their name and roles from the session's token, and the form token their
 * forms must send back (CSRF).
 */
public record Viewer(String name, Set<String> roles, String csrf) {

    public Viewer {
        roles = Set.copyOf(roles);
    }

    /** May compose, approve and cancel notices and run backtests. */
    public boolean releaseManager() {
        return roles.contains(Roles.RELEASE_MANAGER) || admin();
    }

    /** May acknowledge, resolve and dismiss alerts and manage subscriptions. */
    public boolean supportLead() {
        return roles.contains(Roles.SUPPORT_LEAD) || admin();
    }

    public boolean admin() {
        return roles.contains(Roles.ADMIN);
    }

    /** The roles as one readable label. */
    public String roleLabel() {
        return String.join(", ", roles.stream().sorted().toList());
    }

    boolean hasAny(String... wanted) {
        if (admin()) {
            return true;
        }
        for (String role : wanted) {
            if (roles.contains(role)) {
                return true;
            }
        }
        return false;
    }
}
