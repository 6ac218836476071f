package io.wharf.edge.auth;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The users who may connect with a password, which can be replaced while the edge runs (from the
 * cluster's auth topic): every CONNECT is checked against the users in force then, and listeners
 * hear of each replacement so that connected clients can be held to it.
 */
public final class UserDirectory {

    /** Told of a replacement, on the replacing thread. */
    public interface Listener {
        void replaced(PasswordFile before, PasswordFile after);
    }

    private final AtomicReference<PasswordFile> users;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public UserDirectory(PasswordFile initial) {
        this.users = new AtomicReference<>(initial);
    }

    public static UserDirectory empty() {
        return new UserDirectory(PasswordFile.empty());
    }

    public PasswordFile current() {
        return users.get();
    }

    public void replace(PasswordFile replacement) {
        PasswordFile before = users.getAndSet(replacement);
        listeners.forEach(listener -> listener.replaced(before, replacement));
    }

    public void onReplace(Listener listener) {
        listeners.add(listener);
    }
}
