package io.releaseradar.dashboard;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Turns the dashboard's OpenID Connect tenant on exactly when a provider is configured
 * ({@code RADAR_DASHBOARD_OIDC_AUTH_SERVER_URL}), and only then requires an authenticated user, by the code flow, at
 * {@code /dashboard/sign-in/oidc} (so that visiting it starts the sign-in at the provider) and at the callback (so that
 * quarkus-oidc finishes it there). Without a provider quarkus-oidc stays entirely off and the service starts without
 * one. The answers come from a source of low ordinal, so an explicit {@code QUARKUS_OIDC_DASHBOARD_TENANT_ENABLED}
 * still wins.
 */
public class CompanySignInToggle implements ConfigSourceFactory {

    static final String AUTH_SERVER_URL = "radar.dashboard.oidc.auth-server-url";
    static final String START_PATH = "/dashboard/sign-in/oidc";
    static final String CALLBACK_PATH = "/dashboard/sign-in/callback";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue url = context.getValue(AUTH_SERVER_URL);
        boolean configured = url != null && url.getValue() != null && !url.getValue().isBlank();
        Map<String, String> values = configured
                ? Map.of("quarkus.oidc.dashboard.tenant-enabled", "true",
                        "quarkus.http.auth.permission.company-sign-in.paths", START_PATH + "," + CALLBACK_PATH,
                        "quarkus.http.auth.permission.company-sign-in.policy", "authenticated",
                        "quarkus.http.auth.permission.company-sign-in.auth-mechanism", "code")
                : Map.of("quarkus.oidc.dashboard.tenant-enabled", "false");
        return List.of(new PropertiesConfigSource(values, "CompanySignInToggle", 50));
    }
}
