package io.releaseradar.platform;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The bearer-token parser the security layer uses, remembering tokens it verified: a client that sends the same token
 * with every call (the dashboard, a health poller) pays the RSA signature check and claim parsing once a minute
 * instead of once a call, which was the larger part of a stored-health request's CPU.
 *
 * <p>The key is the whole token string, signature included, so only a byte-identical token hits; tokens that fail
 * are never remembered. A hit is still refused once the token's {@code exp} plus the configured clock skew has
 * passed (the token is then verified again, and fails), and nothing is kept longer than a minute. Tokens checked
 * against a caller's own context ({@link #parse(String, JWTAuthContextInfo)}) and token-age limits
 * ({@code mp.jwt.verify.token.age}) bypass the memory.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser extends DefaultJWTParser {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder().expireAfterWrite(KEEP)
            .maximumSize(10_000).build();
    private final long clockSkewSeconds;
    private final boolean enabled;

    @Inject
    public CachingJwtParser(JWTAuthContextInfo context, JWTCallerPrincipalFactory factory) {
        super(context, factory);
        this.clockSkewSeconds = Math.max(0, context.getClockSkew());
        this.enabled = context.getMaxTimeToLiveSecs() == null && context.getTokenAge() == null;
    }

    /** For CDI's client proxy only. */
    protected CachingJwtParser() {
        this.clockSkewSeconds = 0;
        this.enabled = false;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        if (!enabled) {
            return super.parse(token);
        }
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null && stillValid(known)) {
            return known;
        }
        JsonWebToken fresh = super.parse(token);
        if (fresh.getExpirationTime() > 0) {
            verified.put(token, fresh);
        }
        return fresh;
    }

    private boolean stillValid(JsonWebToken jwt) {
        return System.currentTimeMillis() / 1000 < jwt.getExpirationTime() + clockSkewSeconds;
    }
}
