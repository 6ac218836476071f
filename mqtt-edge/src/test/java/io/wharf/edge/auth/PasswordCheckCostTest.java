package io.wharf.edge.auth;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures one check of a hash with mosquitto's default 101 PBKDF2 iterations, the figure behind
 * {@link ConfiguredAuthenticator#CHEAP_ITERATIONS}; it only logs the time (no timing assertion).
 */
class PasswordCheckCostTest {

    private static final Logger log = LoggerFactory.getLogger(PasswordCheckCostTest.class);

    @Test
    void aDefaultHashCheckIsMeasured() {
        PasswordHash hash =
                PasswordHash.pbkdf2("password".getBytes(UTF_8), PasswordHash.DEFAULT_ITERATIONS, new SecureRandom());
        byte[] password = "password".getBytes(UTF_8);
        int rounds = 2_000;
        boolean all = true;
        for (int i = 0; i < rounds; i++) { // warm-up
            all &= hash.matches(password);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            all &= hash.matches(password);
        }
        long micros = (System.nanoTime() - start) / 1_000 / rounds;
        log.info("One PBKDF2-SHA512 check with {} iterations takes {} µs", PasswordHash.DEFAULT_ITERATIONS, micros);
        assertThat(all).isTrue();
    }
}
