package io.wharf.edge.protocol;

import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.wharf.edge.auth.ClientPrincipal;
import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.UserChanges;
import io.wharf.edge.auth.UserDirectory;

/**
 * When the users are replaced, holds each client connected with a password to its user as it is
 * now, on the client's event loop: a removed user or a changed password ends the connection (MQTT 5:
 * DISCONNECT 0x87 Not authorized, with the reason), other groups re-decide the client's access and
 * remove the subscriptions it no longer allows.
 */
public final class UserRevoker implements UserDirectory.Listener {

    private final ConnectedClients clients;

    public UserRevoker(ConnectedClients clients) {
        this.clients = clients;
    }

    @Override
    public void replaced(PasswordFile before, PasswordFile after) {
        clients.forEach(connection -> {
            ClientPrincipal principal = connection.principal();
            if (!principal.byPassword() || principal.userName().isEmpty()) {
                return;
            }
            String user = principal.userName().get();
            UserChanges.Change change = UserChanges.of(user, before, after);
            if (change != UserChanges.Change.NONE) {
                connection.channel().eventLoop().execute(() -> apply(connection, user, change, after));
            }
        });
    }

    private static void apply(MqttConnection connection, String user, UserChanges.Change change, PasswordFile after) {
        if (connection.end().hasEnded()) {
            return;
        }
        switch (change) {
            case REMOVED ->
                Disconnector.disconnect(
                        connection.channel(),
                        MqttReasonCodes.Disconnect.NOT_AUTHORIZED,
                        "user '" + user + "' was removed");
            case PASSWORD_CHANGED ->
                Disconnector.disconnect(
                        connection.channel(),
                        MqttReasonCodes.Disconnect.NOT_AUTHORIZED,
                        "the password of user '" + user + "' changed");
            case GROUPS_CHANGED -> {
                connection.access().regroup(after.groupsOf(user));
                SubscriptionRevoker.revoke(connection);
            }
            case NONE -> {}
        }
    }
}
