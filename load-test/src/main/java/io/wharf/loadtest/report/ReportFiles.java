package io.wharf.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.wharf.loadtest.scenario.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes results as JSON (for tools) and as an HTML page with the curves (for people). */
public final class ReportFiles {

    public static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportFiles() {}

    /** Writes {@code <name>.json} and {@code <name>.html} in {@code directory}; returns the HTML file. */
    public static Path write(
            Path directory, String name, String title, Object json, String preamble, List<ScenarioResult> results) {
        return write(directory, name, json, HtmlReport.render(title, preamble, results));
    }

    /** Writes {@code <name>.json} and the given page as {@code <name>.html}; returns the HTML file. */
    public static Path write(Path directory, String name, Object json, String page) {
        try {
            Files.createDirectories(directory);
            JSON.writeValue(directory.resolve(name + ".json").toFile(), json);
            Path html = directory.resolve(name + ".html");
            Files.writeString(html, page, StandardCharsets.UTF_8);
            return html;
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + directory, e);
        }
    }
}
