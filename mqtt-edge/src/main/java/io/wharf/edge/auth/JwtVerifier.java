package io.wharf.edge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.ImmutableSecret;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.text.ParseException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks a JWT given as the MQTT password: its signature (nimbus-jose-jwt), then its lifetime
 * ({@code exp} required, {@code nbf} if present) against the edge's clock, its audience and
 * issuer; and reads the user name and groups from the configured claims.
 */
public final class JwtVerifier {

    private static final Set<JWSAlgorithm> HMAC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    private final JwtSettings settings;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    /**
     * @throws IllegalArgumentException when the secret is too short or the JWKS file cannot be read
     */
    public JwtVerifier(JwtSettings settings) {
        this.settings = settings;
        JWKSource<SecurityContext> keys;
        Set<JWSAlgorithm> algorithms;
        if (settings.secret().isPresent()) {
            if (settings.secret().get().length < JwtSettings.MIN_SECRET_BYTES) {
                throw new IllegalArgumentException(
                        "the JWT secret must be at least " + JwtSettings.MIN_SECRET_BYTES + " bytes long");
            }
            keys = new ImmutableSecret<>(settings.secret().get());
            algorithms = HMAC;
        } else {
            try {
                keys = new ImmutableJWKSet<>(
                        JWKSet.load(settings.jwksFile().get().toFile()));
            } catch (IOException | ParseException e) {
                throw new IllegalArgumentException("the JWKS file "
                        + settings.jwksFile().get() + " cannot be read as a JSON Web Key Set (" + e.getMessage() + ")");
            }
            algorithms = new LinkedHashSet<>();
            algorithms.addAll(JWSAlgorithm.Family.RSA);
            algorithms.addAll(JWSAlgorithm.Family.EC);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(algorithms, keys));
        // Lifetime, audience and issuer are checked below, against the edge's clock rather than the JVM's.
        processor.setJWTClaimsSetVerifier((claims, context) -> {});
    }

    /** Whether {@code password} looks like a JWT at all (three Base64url parts), before checking it. */
    public static boolean looksLikeToken(String password) {
        return password.startsWith("eyJ")
                && password.chars().filter(c -> c == '.').count() == 2;
    }

    public AuthResult verify(String clientId, String token, Instant now) {
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            return AuthResult.badUserNameOrPassword("the password is no readable JWT");
        } catch (BadJOSEException | JOSEException e) {
            return AuthResult.badUserNameOrPassword("the token's signature does not verify: " + e.getMessage());
        }
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            return AuthResult.notAuthorized("the token has no expiry (exp)");
        }
        if (!now.isBefore(expiry.toInstant())) {
            return AuthResult.notAuthorized("the token expired at " + expiry.toInstant());
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.isBefore(notBefore.toInstant())) {
            return AuthResult.notAuthorized("the token is not valid before " + notBefore.toInstant());
        }
        if (settings.audience().isPresent()
                && (claims.getAudience() == null
                        || !claims.getAudience().contains(settings.audience().get()))) {
            return AuthResult.notAuthorized("the token is meant for audience " + claims.getAudience() + ", not "
                    + settings.audience().get());
        }
        if (settings.issuer().isPresent() && !settings.issuer().get().equals(claims.getIssuer())) {
            return AuthResult.notAuthorized("the token's issuer is " + claims.getIssuer() + ", not "
                    + settings.issuer().get());
        }
        String user;
        Set<String> groups;
        try {
            user = claims.getStringClaim(settings.userNameClaim());
            groups = groups(claims);
        } catch (ParseException e) {
            return AuthResult.badUserNameOrPassword("a claim of the token is not a string: " + e.getMessage());
        }
        if (user == null || user.isEmpty()) {
            return AuthResult.badUserNameOrPassword(
                    "the token has no user name claim '" + settings.userNameClaim() + "'");
        }
        return new AuthResult.Accepted(
                new ClientPrincipal(clientId, Optional.of(user), groups, Optional.empty()),
                Optional.of(expiry.toInstant()));
    }

    private Set<String> groups(JWTClaimsSet claims) throws ParseException {
        if (settings.groupsClaim().isEmpty()) {
            return Set.of();
        }
        Object value = claims.getClaim(settings.groupsClaim().get());
        if (value == null) {
            return Set.of();
        }
        if (value instanceof String text) {
            return Arrays.stream(text.trim().split("\\s+"))
                    .filter(name -> !name.isEmpty())
                    .collect(Collectors.toUnmodifiableSet());
        }
        List<String> list = claims.getStringListClaim(settings.groupsClaim().get());
        return Set.copyOf(list);
    }
}
