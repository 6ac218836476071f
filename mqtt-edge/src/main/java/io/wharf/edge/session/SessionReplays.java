package io.wharf.edge.session;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A session's replays under way, by the subscription text the client wrote, and which messages in
 * its in-flight window are theirs (those are not stored with the session). Used on the session's
 * event loop only.
 */
final class SessionReplays {

    /** Replays one client may run at once; each holds a read batch of its own. */
    static final int MAX_PER_SESSION = 8;

    private final Map<String, ReplayStream> byText = new LinkedHashMap<>();
    private final Set<Integer> inFlight = new HashSet<>();

    boolean hasRoomFor(String text) {
        return byText.containsKey(text) || byText.size() < MAX_PER_SESSION;
    }

    /** Adds a replay; one with the same text stops (subscribing again starts it over). */
    void add(ReplayStream replay) {
        ReplayStream previous = byText.put(replay.request().text(), replay);
        if (previous != null) {
            previous.stop();
        }
    }

    ReplayStream get(String text) {
        return byText.get(text);
    }

    /** Stops and drops the replay of that text; false if there was none. */
    boolean remove(String text) {
        ReplayStream replay = byText.remove(text);
        if (replay != null) {
            replay.stop();
        }
        return replay != null;
    }

    void remove(ReplayStream replay) {
        byText.remove(replay.request().text(), replay);
        replay.stop();
    }

    void stopAll() {
        byText.values().forEach(ReplayStream::stop);
        byText.clear();
    }

    void pumpAll() {
        new ArrayList<>(byText.values()).forEach(ReplayStream::pump);
    }

    void track(int packetId) {
        inFlight.add(packetId);
    }

    boolean isInFlight(int packetId) {
        return inFlight.contains(packetId);
    }

    /** @return false if the message was not a replayed one */
    boolean settled(int packetId) {
        return inFlight.remove(packetId);
    }
}
