package io.wharf.edge.session;

/** A stored session ends when its expiry interval has passed since its client disconnected. */
public final class SessionExpiry {

    private SessionExpiry() {}

    public static boolean hasExpired(SessionSnapshot snapshot, long nowMs) {
        if (snapshot.savedAtMs() == 0) {
            return false; // still connected as far as the store knows
        }
        long expiresAt =
                snapshot.savedAtMs() + Math.min(snapshot.expiryIntervalSeconds(), Long.MAX_VALUE / 2000) * 1000;
        return nowMs >= expiresAt;
    }
}
