package io.wharf.edge.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Who gets in, and with which CONNACK code a refused client is told: MQTT 5 section 3.2.2.2 (0x86
 * "Bad User Name or Password", 0x87 "Not authorized") and MQTT 3.1.1 section 3.2.2.3 (0x04 "bad
 * user name or password", 0x05 "not authorized").
 */
class ConfiguredAuthenticatorTest {

    private static final Instant NOW = Instant.parse("2026-12-02T06:00:00Z");
    private static final PasswordFile FILE = PasswordFile.parse(
            List.of(
                    "alice:"
                            + PasswordHash.pbkdf2("alice-pw".getBytes(UTF_8), 101, new SecureRandom())
                                    .encoded(),
                    "# wharf-group operators: alice, device-7"),
            "test");

    private final ConfiguredAuthenticator passwordsOnly =
            new ConfiguredAuthenticator(Optional.of(FILE), Optional.empty(), false);
    private final ConfiguredAuthenticator passwordsAndTokens = new ConfiguredAuthenticator(
            Optional.of(FILE), Optional.of(new JwtVerifier(JwtSettings.hmac(TestTokens.SECRET))), false);

    @Test
    void theRightPasswordLetsTheUserInWithTheGroupsOfTheFile() {
        AuthResult.Accepted accepted = accepted(passwordsOnly.authenticate(credentials("alice", "alice-pw"), NOW));
        assertThat(accepted.principal().userName()).contains("alice");
        assertThat(accepted.principal().groups()).containsExactly("operators");
        assertThat(accepted.principal().clientId()).isEqualTo("c1");
        assertThat(accepted.expiresAt()).isEmpty();
    }

    @Test
    void usersReplacedInTheDirectoryCountFromTheNextConnectOn() {
        UserDirectory users = new UserDirectory(FILE);
        ConfiguredAuthenticator authenticator = new ConfiguredAuthenticator(users, Optional.empty(), false, false);
        assertThat(accepted(authenticator.authenticate(credentials("alice", "alice-pw"), NOW))
                        .principal()
                        .byPassword())
                .isTrue();

        users.replace(PasswordFile.empty());

        assertThat(refusal(authenticator.authenticate(credentials("alice", "alice-pw"), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void anEdgeTakingClaimedNamesStillChecksTheUsersItHas() {
        ConfiguredAuthenticator laptop =
                new ConfiguredAuthenticator(new UserDirectory(FILE), Optional.empty(), true, true);

        ClientPrincipal claimed =
                accepted(laptop.authenticate(credentials("bob", "any"), NOW)).principal();
        assertThat(claimed.userName()).contains("bob");
        assertThat(claimed.byPassword()).isFalse();
        assertThat(refusal(laptop.authenticate(credentials("alice", "wrong"), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void aWrongPasswordAnUnknownUserOrNoPasswordIsABadUserNameOrPassword() {
        assertThat(refusal(passwordsOnly.authenticate(credentials("alice", "wrong"), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal(passwordsOnly.authenticate(credentials("mallory", "alice-pw"), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal(passwordsOnly.authenticate(credentials("alice", null), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void theRefusalsCarryTheCodeOfEachVersion() {
        assertThat(Refusal.BAD_USER_NAME_OR_PASSWORD.connAckCode(true).byteValue())
                .isEqualTo((byte) 0x86);
        assertThat(Refusal.NOT_AUTHORIZED.connAckCode(true).byteValue()).isEqualTo((byte) 0x87);
        assertThat(Refusal.BAD_USER_NAME_OR_PASSWORD.connAckCode(false))
                .isEqualTo(MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
        assertThat(Refusal.BAD_USER_NAME_OR_PASSWORD.connAckCode(false).byteValue())
                .isEqualTo((byte) 0x04);
        assertThat(Refusal.NOT_AUTHORIZED.connAckCode(false).byteValue()).isEqualTo((byte) 0x05);
    }

    @Test
    void anonymousClientsAreNotAuthorizedUnlessAllowed() {
        assertThat(refusal(passwordsOnly.authenticate(credentials(null, null), NOW)))
                .isEqualTo(Refusal.NOT_AUTHORIZED);
        AuthResult.Accepted anonymous = accepted(new ConfiguredAuthenticator(Optional.of(FILE), Optional.empty(), true)
                .authenticate(credentials(null, null), NOW));
        assertThat(anonymous.principal().userName()).isEmpty();
    }

    @Test
    void allowingAnonymousClientsStillChecksTheUsersOfTheFile() {
        ConfiguredAuthenticator lenient = new ConfiguredAuthenticator(Optional.of(FILE), Optional.empty(), true);
        assertThat(refusal(lenient.authenticate(credentials("alice", "wrong"), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
        assertThat(refusal(lenient.authenticate(credentials("mallory", "x"), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void aVerifiedCertificateIsTheIdentityWithoutAPassword() {
        Credentials device = new Credentials(
                "c1",
                Optional.empty(),
                Optional.empty(),
                Optional.of("device-7"),
                new InetSocketAddress("10.0.0.1", 1));
        AuthResult.Accepted accepted = accepted(passwordsOnly.authenticate(device, NOW));
        assertThat(accepted.principal().userName()).contains("device-7");
        assertThat(accepted.principal().certificateIdentity()).contains("device-7");
        assertThat(accepted.principal().groups()).containsExactly("operators");
    }

    @Test
    void aTokenAsThePasswordNamesTheUserWhateverUserNameTheClientClaims() {
        String token = TestTokens.token("bob", NOW.plusSeconds(60));
        AuthResult.Accepted accepted = accepted(passwordsAndTokens.authenticate(credentials("anything", token), NOW));
        assertThat(accepted.principal().userName()).contains("bob");
        assertThat(accepted.expiresAt()).contains(NOW.plusSeconds(60));
        assertThat(accepted(passwordsAndTokens.authenticate(credentials(null, token), NOW))
                        .principal()
                        .userName())
                .contains("bob");
    }

    @Test
    void aUserOfThePasswordFileIsCheckedByItsPasswordEvenWhenTokensAreOn() {
        assertThat(passwordsAndTokens.authenticate(credentials("alice", "alice-pw"), NOW))
                .isInstanceOf(AuthResult.Accepted.class);
        assertThat(refusal(passwordsAndTokens.authenticate(
                        credentials("alice", TestTokens.token("alice", NOW.plusSeconds(60))), NOW)))
                .isEqualTo(Refusal.BAD_USER_NAME_OR_PASSWORD);
    }

    @Test
    void onlyHashesWithManyIterationsAreTooExpensiveForAnEventLoop() {
        PasswordFile slow = PasswordFile.parse(
                List.of("slow:"
                        + PasswordHash.pbkdf2("pw".getBytes(UTF_8), 50_000, new SecureRandom())
                                .encoded()),
                "test");
        ConfiguredAuthenticator authenticator = new ConfiguredAuthenticator(Optional.of(slow), Optional.empty(), false);
        assertThat(authenticator.isExpensive(credentials("slow", "pw"))).isTrue();
        assertThat(passwordsOnly.isExpensive(credentials("alice", "alice-pw"))).isFalse();
        assertThat(authenticator.isExpensive(credentials("nobody", "pw"))).isFalse();
    }

    @Test
    void everyoneIsLetInByTheDefaultUnderTheUserNameTheyClaim() {
        AuthResult.Accepted accepted =
                accepted(Authenticator.acceptingEveryone().authenticate(credentials("claimed", "x"), NOW));
        assertThat(accepted.principal().userName()).contains("claimed");
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(credentials("alice", "alice-pw").toString()).doesNotContain("alice-pw");
    }

    private static Credentials credentials(String user, String password) {
        return new Credentials(
                "c1",
                Optional.ofNullable(user),
                Optional.ofNullable(password).map(text -> text.getBytes(UTF_8)),
                Optional.empty(),
                new InetSocketAddress("10.0.0.1", 40000));
    }

    private static AuthResult.Accepted accepted(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Accepted.class);
        return (AuthResult.Accepted) result;
    }

    private static Refusal refusal(AuthResult result) {
        assertThat(result).isInstanceOf(AuthResult.Refused.class);
        return ((AuthResult.Refused) result).refusal();
    }
}
