package io.wharf.launcher;

/** Entry point of the {@code wharf} command. */
public final class Main {

    private Main() {}

    public static void main(String[] args) {
        int exitCode = new WharfCommand(System.getenv()).commandLine().execute(args);
        System.exit(exitCode);
    }
}
