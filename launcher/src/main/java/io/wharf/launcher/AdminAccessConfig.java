package io.wharf.launcher;

import io.wharf.edge.admin.AdminAccess;
import io.wharf.edge.admin.AdminCredentials;
import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.UserDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may use the admin API ({@code /api/}, {@code /admin/}) and the dashboard: the bearer token of
 * {@code admin-token}, and the users in group {@value AdminCredentials#ADMIN_GROUP} (of
 * {@code password-file}, then of the cluster's auth topic). With neither a token nor a password
 * file, the API is open in the laptop default only (the rule of anonymous MQTT clients); elsewhere
 * only admins added with {@code wharf user add NAME --group admin} get in.
 *
 * @param access what the edge checks admin requests with
 * @param warning what the edge logs at start when nobody can use the API, and how to fix it
 */
record AdminAccessConfig(AdminAccess access, Optional<String> warning) {

    /**
     * @param laptopDefault no config file, the embedded Kafka and no authentication configured
     */
    static AdminAccessConfig resolve(
            Map<Setting, String> values, boolean laptopDefault, Optional<UserDirectory> users, List<String> errors) {
        Optional<String> token = Optional.ofNullable(values.get(Setting.ADMIN_TOKEN))
                .map(String::trim)
                .filter(text -> !text.isEmpty());
        Optional<String> tokenProblem = token.flatMap(AdminCredentials::problemOf);
        if (tokenProblem.isPresent()) {
            // The message gives the token's length, never the token.
            errors.add(Setting.ADMIN_TOKEN.flag() + " " + tokenProblem.get());
            return new AdminAccessConfig(AdminAccess.CLOSED, Optional.empty());
        }
        boolean passwordFile = values.get(Setting.PASSWORD_FILE) != null
                && !values.get(Setting.PASSWORD_FILE).isBlank();
        if (token.isEmpty() && !passwordFile) {
            return laptopDefault
                    ? new AdminAccessConfig(AdminAccess.OPEN, Optional.empty())
                    : new AdminAccessConfig(new AdminCredentials(token, users), Optional.of(closedWarning()));
        }
        return new AdminAccessConfig(new AdminCredentials(token, users), Optional.empty());
    }

    private static String closedWarning() {
        return "The admin API (/api/, /admin/) and the dashboard refuse every request but those of users in group '"
                + AdminCredentials.ADMIN_GROUP + "' of the cluster's users ('wharf user add NAME --group "
                + AdminCredentials.ADMIN_GROUP + "'): no credentials are set for them. Set "
                + Setting.ADMIN_TOKEN.flag() + " (env " + Setting.ADMIN_TOKEN.environmentVariable()
                + ", 16 characters or more, e.g. openssl rand -hex 24) or a " + Setting.PASSWORD_FILE.flag()
                + " with users in group '" + AdminCredentials.ADMIN_GROUP + "' ('" + PasswordFile.GROUP_PREFIX
                + AdminCredentials.ADMIN_GROUP + ": USER'). They are open without credentials only with no config"
                + " file, the embedded Kafka and no authentication.";
    }
}
