package io.releaseradar.platform;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Demo and dev profiles only: prints a ready-to-use bearer token per role, signed with the in-memory dev key
 * ({@link DevSigningKey}, so they are good until this process stops), and writes them to {@code target/dev-tokens.env}
 * so that the README's curl examples work as printed. In any other profile set (prod, test, prod with demo) it does
 * nothing: there is no signing key there.
 */
@ApplicationScoped
public class DevTokens {

    private static final Logger LOG = Logger.getLogger(DevTokens.class);
    private static final List<String> ROLES = List.of(Roles.INGEST, Roles.RELEASE_MANAGER, Roles.SUPPORT_LEAD,
            Roles.ADMIN);

    private final String issuer;
    private final String audience;
    private final int port;

    DevTokens(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") List<String> audiences,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.issuer = issuer;
        this.audience = audiences.get(0);
        this.port = port;
    }

    void print(@Observes StartupEvent event) {
        List<String> profiles = ConfigUtils.getProfiles();
        if (!DevSigningKey.devOnly(profiles) || profiles.contains("test")) {
            return;
        }
        StringBuilder env = new StringBuilder();
        for (String role : ROLES) {
            String token = Jwt.issuer(issuer).audience(audience).upn("dev-" + role).groups(Set.of(role))
                    .expiresIn(Duration.ofDays(30)).sign();
            String name = "RADAR_TOKEN_" + role.toUpperCase(java.util.Locale.ROOT).replace('-', '_');
            env.append("export ").append(name).append('=').append(token).append('\n');
        }
        Path file = Path.of("target", "dev-tokens.env");
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, env);
        } catch (IOException e) {
            LOG.warnf("Could not write %s: %s", file, e.getMessage());
        }
        LOG.infof("Dev tokens (valid until this process stops; also in %s, use: source %s):%n%s", file, file, env);
        LOG.infof("Dashboard: http://localhost:%d/dashboard (dev sign-in: pick a role)", port);
    }
}
