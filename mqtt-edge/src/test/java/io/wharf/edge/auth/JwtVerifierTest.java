package io.wharf.edge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** JWTs as passwords: what lets a client in, and which refusal each bad token gets. */
class JwtVerifierTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final Instant IN_AN_HOUR = NOW.plusSeconds(3600);

    private final JwtVerifier verifier = new JwtVerifier(JwtSettings.hmac(TestTokens.SECRET)
            .withAudience("wharf")
            .withIssuer("https://id.example")
            .withGroupsClaim("groups"));

    private String valid(java.util.function.UnaryOperator<JWTClaimsSet.Builder> more) {
        return TestTokens.token(
                "alice",
                IN_AN_HOUR,
                claims -> more.apply(claims.audience("wharf").issuer("https://id.example")));
    }

    @Test
    void aValidTokenNamesTheUserItsGroupsAndWhenItExpires() {
        AuthResult result = verifier.verify("c1", valid(claims -> claims.claim("groups", List.of("ops", "dev"))), NOW);
        assertThat(result).isInstanceOf(AuthResult.Accepted.class);
        AuthResult.Accepted accepted = (AuthResult.Accepted) result;
        assertThat(accepted.principal().userName()).contains("alice");
        assertThat(accepted.principal().groups()).containsExactlyInAnyOrder("ops", "dev");
        assertThat(accepted.expiresAt()).contains(IN_AN_HOUR);
    }

    @Test
    void groupsMayBeOneStringOfNamesSeparatedBySpaces() {
        AuthResult.Accepted accepted =
                (AuthResult.Accepted) verifier.verify("c1", valid(claims -> claims.claim("groups", "ops  dev")), NOW);
        assertThat(accepted.principal().groups()).containsExactlyInAnyOrder("ops", "dev");
    }

    @Test
    void anExpiredTokenIsNotAuthorized() {
        String expired = TestTokens.token(
                "alice", NOW.minusSeconds(1), claims -> claims.audience("wharf").issuer("https://id.example"));
        assertThat(refusal(verifier.verify("c1", expired, NOW))).isEqualTo(Refusal.NOT_AUTHORIZED);
        // exp is the first instant the token is no longer valid (RFC 7519 4.1.4)
        assertThat(refusal(verifier.verify("c1", valid(claims -> claims), IN_AN_HOUR)))
                .isEqualTo(Refusal.NOT_AUTHORIZED);
    }

    @Test
    void aTokenNotYetValidIsNotAuthorized() {
        String early = valid(claims -> claims.notBeforeTime(Date.from(NOW.plusSeconds(60))));
        assertThat(refusal(verifier.verify("c1", early, NOW))).isEqualTo(Refusal.NOT_AUTHORIZED);
        assertThat(verifier.verify("c1", early, NOW.plusSeconds(60))).isInstanceOf(AuthResult.Accepted.class);
    }

    @Test
    void aTokenForAnotherAudienceOrFromAnotherIssuerIsNotAuthorized() {
        String otherAudience = TestTokens.token(
                "alice", IN_AN_HOUR, claims -> claims.audience("elsewhere").issuer("https://id.example"));
        String otherIssuer = TestTokens.token(
                "alice", IN_AN_HOUR, claims -> claims.audience("wharf").issuer("https://evil.example"));
        assertThat(refusal(verifier.verify("c1", otherAudience, NOW))).isEqualTo(Refusal.NOT_AUTHORIZED);
        assertThat(refusal(verifier.verify("c1", otherIssuer, NOW))).isEqualTo(Refusal.NOT_AUTHORIZED);
    }

    @Test
    void aTokenWithoutExpiryIsNotAuthorized() {
        String forever = TestTokens.sign(
                new JWTClaimsSet.Builder().subject("alice").audience("wharf").issuer("https://id.example"),
                TestTokens.SECRET);
        assertThat(refusal(verifier.verify("c1", forever, NOW))).isEqualTo(Refusal.NOT_AUTHORIZED);
    }

    @Test
    void aTamperedTokenOrOneSignedWithAnotherKeyIsABadPassword() {
        assertThat(refusal(verifier.verify("c1", TestTokens.tampered(valid(claims -> claims)), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
        String otherKey = TestTokens.sign(
                new JWTClaimsSet.Builder()
                        .subject("alice")
                        .audience("wharf")
                        .issuer("https://id.example")
                        .expirationTime(Date.from(IN_AN_HOUR)),
                "another-secret-that-is-32-bytes!".getBytes(StandardCharsets.UTF_8));
        assertThat(refusal(verifier.verify("c1", otherKey, NOW))).isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal(verifier.verify("c1", "not a token", NOW))).isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void aTokenWithoutTheUserNameClaimIsABadPassword() {
        String noSubject = TestTokens.sign(
                new JWTClaimsSet.Builder()
                        .audience("wharf")
                        .issuer("https://id.example")
                        .expirationTime(Date.from(IN_AN_HOUR)),
                TestTokens.SECRET);
        assertThat(refusal(verifier.verify("c1", noSubject, NOW))).isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void tokensSignedByAKeyOfAJwksFileAreAccepted(@TempDir Path dir) throws JOSEException, java.io.IOException {
        RSAKey key = new RSAKeyGenerator(2048).keyID("k1").generate();
        Path jwks = dir.resolve("jwks.json");
        Files.writeString(jwks, new JWKSet(key.toPublicJWK()).toString());
        JwtVerifier fromJwks = new JwtVerifier(new JwtSettings(
                Optional.empty(),
                Optional.of(jwks),
                Optional.empty(),
                Optional.empty(),
                "preferred_username",
                Optional.empty()));
        SignedJWT jwt = new SignedJWT(
                new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder()
                        .claim("preferred_username", "bob")
                        .expirationTime(Date.from(IN_AN_HOUR))
                        .build());
        jwt.sign(new RSASSASigner(key));
        AuthResult result = fromJwks.verify("c1", jwt.serialize(), NOW);
        assertThat(((AuthResult.Accepted) result).principal().userName()).contains("bob");
    }

    @Test
    void aShortSecretOrAnUnreadableJwksFileIsAStartError(@TempDir Path dir) throws java.io.IOException {
        assertThatThrownBy(() -> new JwtVerifier(JwtSettings.hmac("short".getBytes(StandardCharsets.UTF_8))))
                .hasMessageContaining("at least 32 bytes");
        Path broken = Files.writeString(dir.resolve("jwks.json"), "{not json");
        assertThatThrownBy(() -> new JwtVerifier(new JwtSettings(
                        Optional.empty(),
                        Optional.of(broken),
                        Optional.empty(),
                        Optional.empty(),
                        "sub",
                        Optional.empty())))
                .hasMessageContaining("cannot be read as a JSON Web Key Set");
    }

    private static Refusal refusal(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Refused.class);
        return ((AuthResult.Refused) result).refusal();
    }
}
