package io.wharf.launcher;

import java.util.List;
import java.util.Map;

/** Reads a setting that is true or false, and says how to write it when it is neither. */
final class BooleanSetting {

    private BooleanSetting() {}

    /** The setting's value; {@code byDefault} when it is not set, false with an error when it is not a boolean. */
    static boolean read(Map<Setting, String> values, Setting setting, boolean byDefault, List<String> errors) {
        String text = values.get(setting);
        if (text == null || text.isBlank()) {
            return byDefault;
        }
        if (text.trim().equalsIgnoreCase("true") || text.trim().equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text.trim());
        }
        errors.add(setting.flag() + " '" + text + "' is not valid: use true or false");
        return false;
    }
}
