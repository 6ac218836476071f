package io.wharf.launcher;

import java.util.List;
import java.util.Locale;

/** How Wharf writes its log lines: as text for people, or one JSON object a line for log collectors. */
public enum LogFormat {
    TEXT("logback.xml"),
    JSON("logback-json.xml");

    private final String configuration;

    LogFormat(String configuration) {
        this.configuration = configuration;
    }

    static LogFormat parse(String text, List<String> errors) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (LogFormat format : values()) {
            if (format.name().toLowerCase(Locale.ROOT).equals(value)) {
                return format;
            }
        }
        errors.add(Setting.LOG_FORMAT.flag() + " '" + text + "' is not valid: use text or json");
        return TEXT;
    }

    /** Makes Logback read this format's configuration: before the first logger, which is what starts it. */
    void select() {
        if (this != TEXT && System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", configuration);
        }
    }
}
