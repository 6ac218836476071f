package io.wharf.edge.admin;

/**
 * Which clients a lookup wants, from {@code ?filter=}: a client id prefix ({@code sensor-} or
 * {@code id:sensor-}), a user name ({@code user:alice}, exact) or an address prefix ({@code
 * address:10.0.0.}). An empty or absent filter matches every client.
 *
 * @param by what the filter compares
 * @param value what it compares with
 */
public record ClientFilter(By by, String value) {

    public enum By {
        CLIENT_ID_PREFIX,
        USER,
        ADDRESS_PREFIX
    }

    /** Longer than any client id a broker need accept (MQTT allows 65535 bytes, we take 1024). */
    static final int MAX_LENGTH = 1024;

    public static final ClientFilter ALL = new ClientFilter(By.CLIENT_ID_PREFIX, "");

    /**
     * Reads a filter.
     *
     * @throws BadRequestException when the filter names no value after its kind, or is too long
     */
    public static ClientFilter parse(String text) {
        if (text == null || text.isEmpty()) {
            return ALL;
        }
        if (text.length() > MAX_LENGTH) {
            throw new BadRequestException("filter longer than " + MAX_LENGTH + " characters");
        }
        if (text.startsWith("user:")) {
            return of(By.USER, text.substring("user:".length()), "user:");
        }
        if (text.startsWith("address:")) {
            return of(By.ADDRESS_PREFIX, text.substring("address:".length()), "address:");
        }
        if (text.startsWith("id:")) {
            return new ClientFilter(By.CLIENT_ID_PREFIX, text.substring("id:".length()));
        }
        return new ClientFilter(By.CLIENT_ID_PREFIX, text);
    }

    private static ClientFilter of(By by, String value, String kind) {
        if (value.isEmpty()) {
            throw new BadRequestException("filter '" + kind + "' needs a value, for example " + kind + "name");
        }
        return new ClientFilter(by, value);
    }

    /**
     * Whether a client matches.
     *
     * @param user its user name, or null when it gave none (or is not connected)
     * @param address its address as {@code host:port}, or null when it is not connected
     */
    public boolean matches(String clientId, String user, String address) {
        return switch (by) {
            case CLIENT_ID_PREFIX -> clientId.startsWith(value);
            case USER -> value.equals(user);
            case ADDRESS_PREFIX -> address != null && address.startsWith(value);
        };
    }

    /** The filter as {@code ?filter=} text, for asking the other edges. */
    public String text() {
        return switch (by) {
            case CLIENT_ID_PREFIX -> "id:" + value;
            case USER -> "user:" + value;
            case ADDRESS_PREFIX -> "address:" + value;
        };
    }
}
