package io.wharf.edge.auth;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How JWTs given as the MQTT password are checked.
 *
 * @param secret the HMAC key (HS256, HS384, HS512), at least 32 bytes; or else
 * @param jwksFile a JSON Web Key Set file of public keys (RS*, PS*, ES*)
 * @param audience when set, a token's {@code aud} must hold it
 * @param issuer when set, a token's {@code iss} must be it
 * @param userNameClaim the claim that names the user ({@code sub} by default)
 * @param groupsClaim the claim that lists the user's groups (a list of strings, or one string of
 *     names separated by spaces), if any
 */
public record JwtSettings(
        Optional<byte[]> secret,
        Optional<Path> jwksFile,
        Optional<String> audience,
        Optional<String> issuer,
        String userNameClaim,
        Optional<String> groupsClaim) {

    public static final String DEFAULT_USER_NAME_CLAIM = "sub";

    /** The shortest HMAC key accepted: HS256 needs a key as long as its hash. */
    public static final int MIN_SECRET_BYTES = 32;

    public JwtSettings {
        Objects.requireNonNull(secret, "secret");
        Objects.requireNonNull(jwksFile, "jwksFile");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(issuer, "issuer");
        Objects.requireNonNull(userNameClaim, "userNameClaim");
        Objects.requireNonNull(groupsClaim, "groupsClaim");
        if (secret.isPresent() == jwksFile.isPresent()) {
            throw new IllegalArgumentException("JWTs are checked with either a secret or a JWKS file, one of them");
        }
    }

    /** Tokens signed with the HMAC key {@code secret}, user name from {@code sub}, no other checks. */
    public static JwtSettings hmac(byte[] secret) {
        return new JwtSettings(
                Optional.of(secret.clone()),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                DEFAULT_USER_NAME_CLAIM,
                Optional.empty());
    }

    public JwtSettings withAudience(String value) {
        return new JwtSettings(secret, jwksFile, Optional.of(value), issuer, userNameClaim, groupsClaim);
    }

    public JwtSettings withIssuer(String value) {
        return new JwtSettings(secret, jwksFile, audience, Optional.of(value), userNameClaim, groupsClaim);
    }

    public JwtSettings withGroupsClaim(String value) {
        return new JwtSettings(secret, jwksFile, audience, issuer, userNameClaim, Optional.of(value));
    }

    @Override
    public String toString() {
        // The secret never goes to a log.
        return "JwtSettings[" + (secret.isPresent() ? "secret=(hidden)" : "jwksFile=" + jwksFile.get())
                + ", audience=" + audience + ", issuer=" + issuer + ", userNameClaim=" + userNameClaim
                + ", groupsClaim=" + groupsClaim + "]";
    }
}
