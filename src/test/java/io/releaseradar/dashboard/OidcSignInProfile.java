package io.releaseradar.dashboard;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** The dashboard with company sign-in (the test's OpenID Connect provider) and no dev sign-in, as in production. */
public class OidcSignInProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("radar.dashboard.dev-sign-in", "false");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(TestIdentityProvider.class));
    }
}
