package io.wharf.launcher;

import java.util.List;

/** The configuration is wrong; each problem comes with its fix. */
public final class ConfigException extends RuntimeException {

    private final List<String> problems;

    ConfigException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    List<String> problems() {
        return problems;
    }
}
