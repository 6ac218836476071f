package io.wharf.schemas.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.wharf.schemas.Golden;
import io.wharf.schemas.SchemaDocument;
import io.wharf.schemas.WharfTopic;
import io.wharf.schemas.WharfTopics;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every edge and the {@code wharf user} and {@code wharf acl} commands share {@code mqtt.auth}; its formats are pinned here. */
class AuthEntryTest {

    private static final AuthUser USER = AuthUser.of(
            "alice",
            "$7$101$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA==",
            List.of("operators", "sensors"));
    private static final AuthRule RULE =
            AuthRule.of("group", "operators", "allow", List.of("publish", "subscribe", "receive"), "devices/%u/#");

    @Test
    void aUserIsWrittenAsTheGoldenFileSays() throws Exception {
        Golden.assertPinned(USER, AuthEntry.class, "auth-user.json", SchemaDocument.AUTH_ENTRY);
    }

    @Test
    void aRuleIsWrittenAsTheGoldenFileSays() throws Exception {
        Golden.assertPinned(RULE, AuthEntry.class, "auth-rule.json", SchemaDocument.AUTH_ENTRY);
    }

    @Test
    void theSeedingMarkIsWrittenAsTheGoldenFileSays() throws Exception {
        Golden.assertPinned(
                AuthSeeded.of(Instant.parse("2026-01-31T08:00:00Z"), "edge-1"),
                AuthEntry.class,
                "auth-seeded.json",
                SchemaDocument.AUTH_ENTRY);
    }

    @Test
    void aReaderSkipsRecordsOfATypeItDoesNotKnow() throws Exception {
        Golden.assertReadsAs("auth-unknown-type-newer-writer.json", AuthEntry.class, new UnknownAuthEntry(3));
        Golden.assertValid("auth-unknown-type-newer-writer.json", SchemaDocument.AUTH_ENTRY);
        assertThat(AuthKeys.of(new UnknownAuthEntry(3))).isNull();
    }

    @Test
    void theSchemaHoldsAUserToAHashInMosquittosFormat() {
        String plainPassword = Golden.text("auth-user.json").replaceAll("\\$7\\$[^\"]*", "secret");

        assertThat(Golden.errors(plainPassword, SchemaDocument.AUTH_ENTRY)).isNotEmpty();
    }

    @Test
    void aRulesKeyHoldsEveryFieldSoThatTheSameRuleIsOneRecord() {
        AuthRule same =
                AuthRule.of("group", "operators", "allow", List.of("publish", "subscribe", "receive"), "devices/%u/#");
        AuthRule denying = AuthRule.of("group", "operators", "deny", RULE.actions(), RULE.topic());

        assertThat(AuthKeys.of(RULE))
                .isEqualTo(AuthKeys.of(same))
                .isEqualTo("rule:[\"group\",\"operators\",\"allow\",\"publish,subscribe,receive\",\"devices/%u/#\"]")
                .isNotEqualTo(AuthKeys.of(denying));
        assertThat(AuthKeys.of(USER)).isEqualTo("user:alice");
    }

    @Test
    void namesWithTheKeysPunctuationStayApart() {
        AuthRule colon = AuthRule.of("user", "a\",\"b", "allow", List.of("publish"), "t");
        AuthRule split = AuthRule.of("user", "a", "allow", List.of("publish"), "t");

        assertThat(AuthKeys.of(colon)).isNotEqualTo(AuthKeys.of(split));
    }

    @Test
    void theTopicIsCompactedSoThatTheNewestRecordOfEachKeyIsKept() {
        WharfTopic<String, AuthEntry> topic = WharfTopics.withDefaultPrefix().auth();

        assertThat(topic.name()).isEqualTo("mqtt.auth");
        assertThat(topic.cleanupPolicy().configValue()).isEqualTo("compact");
        assertThat(WharfTopics.withDefaultPrefix().all())
                .extracting(WharfTopic::name)
                .contains("mqtt.auth");
    }
}
