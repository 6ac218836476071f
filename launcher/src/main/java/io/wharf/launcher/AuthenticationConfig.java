package io.wharf.launcher;

import io.wharf.edge.auth.AuthSettings;
import io.wharf.edge.auth.Authenticator;
import io.wharf.edge.auth.ConfiguredAuthenticator;
import io.wharf.edge.auth.JwtSettings;
import io.wharf.edge.auth.JwtVerifier;
import io.wharf.edge.auth.PasswordFile;
import io.wharf.edge.auth.UserDirectory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who may connect, from {@code password-file}, {@code allow-anonymous} and the {@code jwt:} map
 * (flags {@code --jwt-secret} and so on). Anonymous clients are let in by default only in the laptop
 * default: no config file, the embedded Kafka broker, and no authentication configured.
 *
 * @param auth what the edge checks clients with
 * @param anonymousAllowed whether clients without credentials get in, which the console warns of
 * @param checksUsers whether a password file or JWTs are configured (else user names are as claimed)
 */
record AuthenticationConfig(AuthSettings auth, boolean anonymousAllowed, boolean checksUsers) {

    /** The key of the JWT map in the config file; its entries are the {@code jwt-...} settings. */
    static final String JWT_KEY = "jwt";

    /**
     * @param laptopDefault no config file and no external Kafka
     */
    static AuthenticationConfig resolve(Map<Setting, String> values, boolean laptopDefault, List<String> errors) {
        Optional<PasswordFile> passwordFile = passwordFile(values, errors);
        Optional<JwtVerifier> jwt = jwt(values, errors);
        boolean configured = values.containsKey(Setting.PASSWORD_FILE) || jwtKeyGiven(values);
        boolean anonymous = BooleanSetting.read(values, Setting.ALLOW_ANONYMOUS, laptopDefault && !configured, errors);
        // With nothing to check against, user names are taken as claimed (as Mosquitto without a password
        // file), until users are added to the cluster's auth topic: those are checked on every edge.
        Authenticator authenticator = new ConfiguredAuthenticator(
                new UserDirectory(passwordFile.orElse(PasswordFile.empty())), jwt, anonymous, !configured && anonymous);
        return new AuthenticationConfig(AuthSettings.checkedBy(authenticator), anonymous, configured);
    }

    /** What the console says at start when anonymous clients may connect. */
    Optional<String> warning() {
        if (!anonymousAllowed) {
            return Optional.empty();
        }
        return Optional.of("WARNING: anonymous clients may connect"
                + (checksUsers ? "" : ", and user names are taken as the clients claim them")
                + ". Fine on a laptop; elsewhere set " + Setting.PASSWORD_FILE.key() + " or " + JWT_KEY
                + " and leave " + Setting.ALLOW_ANONYMOUS.key() + " off.");
    }

    /** The {@code jwt-...} setting a key of the file's {@code jwt:} map stands for, or null. */
    static Setting jwtSetting(String key) {
        Setting setting = Setting.byKey(JWT_KEY + "-" + key);
        return setting != null && setting.key().startsWith(JWT_KEY + "-") ? setting : null;
    }

    private static Optional<PasswordFile> passwordFile(Map<Setting, String> values, List<String> errors) {
        String text = values.get(Setting.PASSWORD_FILE);
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(PasswordFile.read(Path.of(text.trim())));
        } catch (IllegalArgumentException e) {
            errors.add(Setting.PASSWORD_FILE.flag() + " '" + text + "': " + e.getMessage()
                    + " (create or change users with 'wharf passwd FILE USER')");
            return Optional.empty();
        }
    }

    private static boolean jwtKeyGiven(Map<Setting, String> values) {
        return present(values, Setting.JWT_SECRET) || present(values, Setting.JWT_JWKS_FILE);
    }

    private static Optional<JwtVerifier> jwt(Map<Setting, String> values, List<String> errors) {
        Optional<String> secret = value(values, Setting.JWT_SECRET);
        Optional<String> jwksFile = value(values, Setting.JWT_JWKS_FILE);
        if (secret.isPresent() && jwksFile.isPresent()) {
            errors.add(both());
            return Optional.empty();
        }
        if (secret.isEmpty() && jwksFile.isEmpty()) {
            for (Setting other : List.of(Setting.JWT_AUDIENCE, Setting.JWT_ISSUER, Setting.JWT_GROUPS_CLAIM)) {
                if (present(values, other)) {
                    errors.add(other.flag() + " is set, but JWTs are off: set " + Setting.JWT_SECRET.flag() + " or "
                            + Setting.JWT_JWKS_FILE.flag() + " (in the file: '" + JWT_KEY + ":' with 'secret' or"
                            + " 'jwks-file')");
                }
            }
            return Optional.empty();
        }
        try {
            JwtSettings settings = new JwtSettings(
                    secret.map(text -> text.getBytes(StandardCharsets.UTF_8)),
                    jwksFile.map(Path::of),
                    value(values, Setting.JWT_AUDIENCE),
                    value(values, Setting.JWT_ISSUER),
                    value(values, Setting.JWT_USERNAME_CLAIM).orElse(JwtSettings.DEFAULT_USER_NAME_CLAIM),
                    value(values, Setting.JWT_GROUPS_CLAIM));
            return Optional.of(new JwtVerifier(settings));
        } catch (IllegalArgumentException e) {
            Setting key = secret.isPresent() ? Setting.JWT_SECRET : Setting.JWT_JWKS_FILE;
            // The message names the problem, never the secret.
            errors.add(key.flag() + ": " + e.getMessage()
                    + (secret.isPresent() ? " (for example: openssl rand -base64 48)" : ""));
            return Optional.empty();
        }
    }

    private static String both() {
        return Setting.JWT_SECRET.flag() + " and " + Setting.JWT_JWKS_FILE.flag() + " are both set (in the file: '"
                + JWT_KEY + ":' with 'secret' and 'jwks-file'): keep one, a secret for HMAC tokens or a JWKS file"
                + " of public keys";
    }

    private static Optional<String> value(Map<Setting, String> values, Setting setting) {
        String text = values.get(setting);
        return text == null || text.isBlank() ? Optional.empty() : Optional.of(text.trim());
    }

    private static boolean present(Map<Setting, String> values, Setting setting) {
        return value(values, setting).isPresent();
    }
}
