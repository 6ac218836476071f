package io.wharf.edge.protocol;

import io.netty.channel.Channel;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Ends a connection when the credentials it was let in with expire (a token's {@code exp}): MQTT 5
 * clients get DISCONNECT 0x87 Not authorized, older ones a closed socket.
 */
final class CredentialExpiry {

    private CredentialExpiry() {}

    /** Disconnects {@code channel} at {@code expiresAt} by {@code clock}, unless it closes first. */
    static void schedule(Channel channel, Instant expiresAt, Clock clock) {
        Duration delay = delayUntil(expiresAt, clock.instant());
        ScheduledFuture<?> expiry = channel.eventLoop()
                .schedule(
                        () -> Disconnector.disconnect(
                                channel,
                                MqttReasonCodes.Disconnect.NOT_AUTHORIZED,
                                "its credentials expired at " + expiresAt),
                        delay.toMillis(),
                        TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> expiry.cancel(false));
    }

    /** How long from {@code now} until {@code expiresAt}; none if it has passed already. */
    static Duration delayUntil(Instant expiresAt, Instant now) {
        Duration delay = Duration.between(now, expiresAt);
        return delay.isNegative() ? Duration.ZERO : delay;
    }
}
