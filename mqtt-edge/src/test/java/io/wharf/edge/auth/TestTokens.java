package io.wharf.edge.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Date;
import java.util.function.UnaryOperator;

/** Signs JWTs for tests, with HS256 and a fixed 32-byte secret. */
public final class TestTokens {

    public static final byte[] SECRET = "wharf-test-secret-of-32-bytes-ok".getBytes(StandardCharsets.UTF_8);

    private TestTokens() {}

    /** A token for {@code subject} valid until {@code expiry}, with more claims from {@code claims}. */
    public static String token(String subject, Instant expiry, UnaryOperator<JWTClaimsSet.Builder> claims) {
        return sign(
                claims.apply(new JWTClaimsSet.Builder().subject(subject).expirationTime(Date.from(expiry))), SECRET);
    }

    public static String token(String subject, Instant expiry) {
        return token(subject, expiry, UnaryOperator.identity());
    }

    public static String sign(JWTClaimsSet.Builder claims, byte[] secret) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code token} with one character of its payload changed, its signature left as it was. */
    public static String tampered(String token) {
        String[] parts = token.split("\\.");
        char[] payload = parts[1].toCharArray();
        int middle = payload.length / 2;
        payload[middle] = payload[middle] == 'A' ? 'B' : 'A';
        return parts[0] + "." + new String(payload) + "." + parts[2];
    }
}
