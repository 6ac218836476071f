package io.wharf.edge.session;

import io.wharf.edge.log.MessageLog;
import io.wharf.edge.message.Message;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to a will after its client is gone: published at once, or, with an MQTT 5 delay,
 * when the delay passes or the session ends (its expiry), whichever comes first, unless the client
 * comes back before. Timers run on this edge. (Expired sessions themselves are dropped by the
 * session store.)
 */
public final class SessionEndings {

  private static final Logger log = LoggerFactory.getLogger(SessionEndings.class);

  private final ScheduledExecutorService scheduler;
  private final MessageLog messageLog;
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();

  public SessionEndings(ScheduledExecutorService scheduler, MessageLog messageLog) {
    this.scheduler = scheduler;
    this.messageLog = messageLog;
  }

  /**
   * A client disconnected.
   *
   * @param expirySeconds how long its session outlives the connection; 0 means it has ended
   * @param will the will still to publish, or null
   * @param willDelaySeconds how long to wait before publishing the will
   */
  public void disconnected(String clientId, long expirySeconds, Message will, long willDelaySeconds) {
    Pending ending = new Pending(will);
    if (will != null) {
      long delay = Math.min(willDelaySeconds, expirySeconds);
      if (delay <= 0) {
        publishWill(clientId, will);
        ending.will = null;
      } else {
        ending.willTimer = scheduler.schedule(() -> willDue(clientId, ending), delay, TimeUnit.SECONDS);
      }
    }
    if (ending.willTimer == null) {
      return;
    }
    Pending previous = pending.put(clientId, ending);
    if (previous != null) {
      previous.cancel();
    }
  }

  /**
   * The client is back: its delayed will is not published and its session does not expire.
   *
   * @param sessionContinues false when the client starts a new session, which ends the old one (and
   *     makes its delayed will due now)
   */
  public void reconnected(String clientId, boolean sessionContinues) {
    Pending ending = pending.remove(clientId);
    if (ending == null) {
      return;
    }
    ending.cancel();
    if (!sessionContinues && ending.will != null) {
      publishWill(clientId, ending.will);
    }
  }

  /** At shutdown: delayed wills are published now rather than lost with this edge's timers. */
  public void publishPendingWills() {
    pending.forEach((clientId, ending) -> {
      ending.cancel();
      if (ending.will != null) {
        publishWill(clientId, ending.will);
      }
    });
    pending.clear();
  }

  private void willDue(String clientId, Pending ending) {
    if (pending.get(clientId) == ending && ending.will != null) {
      publishWill(clientId, ending.will);
      ending.will = null;
    }
  }

  private void publishWill(String clientId, Message will) {
    messageLog
        .append(will)
        .whenComplete(
            (position, error) -> {
              if (error != null) {
                log.warn("Could not publish the will of {} to {}: {}", clientId, will.topic(), error.toString());
              } else {
                log.debug("Published the will of {} to {}", clientId, will.topic());
              }
            });
  }

  private static final class Pending {
    volatile Message will;
    ScheduledFuture<?> willTimer;

    Pending(Message will) {
      this.will = will;
    }

    void cancel() {
      if (willTimer != null) {
        willTimer.cancel(false);
      }
    }
  }
}
