package io.releaseradar.platform;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The dev, demo and test profiles' token key pair, generated in memory when the application starts, so that no private
 * key ships in the package: the dev sign-in, {@link DevTokens} and tests sign with it ({@code smallrye.jwt.sign.key}),
 * the API verifies with it ({@code mp.jwt.verify.publickey}). Its tokens are worthless once the process ends. In any
 * other profile, and whenever a production profile is combined with one of these, it provides nothing (and
 * {@link ProductionSecretsCheck} refuses the combination). A configured public key (location) still wins: the answers
 * come from a source of low ordinal, and none is given when {@code mp.jwt.verify.publickey.location} is set.
 */
public class DevSigningKey implements ConfigSourceFactory {

    /** Profiles in which a key anyone could sign with is acceptable. */
    public static final Set<String> DEV_PROFILES = Set.of("dev", "demo", "test");
    static final String VERIFY_KEY = "mp.jwt.verify.publickey";
    static final String SIGN_KEY = "smallrye.jwt.sign.key";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!devOnly(context.getProfiles())) {
            return List.of();
        }
        ConfigValue location = context.getValue(VERIFY_KEY + ".location");
        if (location != null && location.getValue() != null && !location.getValue().isBlank()) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(Map.of(VERIFY_KEY, Holder.PUBLIC_PEM, SIGN_KEY, Holder.PRIVATE_PEM),
                "DevSigningKey", 50));
    }

    /** Whether the profiles are dev, demo or test only, with no other (production) profile among them. */
    public static boolean devOnly(List<String> profiles) {
        return !profiles.isEmpty() && DEV_PROFILES.containsAll(profiles);
    }

    // One key pair per class loader: the build-time and run-time configurations of one application agree on it.
    private static final class Holder {
        private static final KeyPair KEYS = generate();
        static final String PUBLIC_PEM = pem("PUBLIC KEY", KEYS.getPublic().getEncoded());
        static final String PRIVATE_PEM = pem("PRIVATE KEY", KEYS.getPrivate().getEncoded());

        private static KeyPair generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static String pem(String type, byte[] der) {
            return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END " + type + "-----\n";
        }
    }
}
