package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * axe-core (npm, pinned in package.json) run inside the page the browser shows. A page passes with no serious or
 * critical violation; every result, whatever its impact, is written to {@code target/screenshots/accessibility-*.txt}.
 * Each check also takes the page's screenshot, so every page checked is also a page seen.
 */
final class Accessibility {

    private static final Path AXE = Path.of("node_modules", "axe-core", "axe.min.js");
    private static final List<String> BLOCKING = List.of("critical", "serious");
    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
                .then(r => done(JSON.stringify(r.violations.map(v => ({ id: v.id, impact: v.impact,
                    nodes: v.nodes.map(n => n.target.join(' ')) })))))
                .catch(e => done(JSON.stringify([{ id: 'axe-error', impact: 'critical', nodes: [String(e)] }])));
            """;

    private final HeadlessChromium browser;
    private final Path report;
    private final String axe;

    /** @param report names this test class's report file, started afresh */
    Accessibility(HeadlessChromium browser, String report) {
        this.browser = browser;
        this.report = HeadlessChromium.SCREENSHOTS.resolve("accessibility-" + report + ".txt");
        try {
            Files.deleteIfExists(this.report);
            this.axe = Files.readString(AXE);
        } catch (IOException e) {
            throw new UncheckedIOException(AXE + " is missing: run npm ci (package-lock.json pins axe-core)", e);
        }
    }

    /** The page in keycloak.v2's light and dark colour schemes: screenshots {@code name} and {@code name-dark}. */
    void checkPage(String name) {
        browser.scheme(HeadlessChromium.Scheme.DARK);
        check(name + "-dark");
        browser.scheme(HeadlessChromium.Scheme.LIGHT);
        check(name);
    }

    /** The page as it is (an email, which has one colour scheme). */
    void check(String name) {
        browser.screenshot(name);
        browser.driver().executeScript(axe);
        browser.driver().manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        JsonNode violations = read((String) browser.driver().executeAsyncScript(RUN));
        Map<String, Integer> byImpact = new TreeMap<>();
        List<String> blocking = new ArrayList<>();
        for (JsonNode violation : violations) {
            String impact = violation.path("impact").asText("unknown");
            byImpact.merge(impact, 1, Integer::sum);
            if (BLOCKING.contains(impact)) {
                blocking.add(impact + " " + violation.path("id").asText() + " at " + violation.path("nodes"));
            }
        }
        report(name, byImpact, violations);
        assertEquals(List.of(), blocking, "serious or critical accessibility violations on " + name);
    }

    private void report(String name, Map<String, Integer> byImpact, JsonNode violations) {
        StringBuilder line = new StringBuilder(name).append(": ");
        line.append(byImpact.isEmpty() ? "no violations" : byImpact.toString());
        violations.forEach(v -> line.append(' ').append(v.path("impact").asText()).append('/').append(v.path("id").asText()));
        try {
            Files.createDirectories(report.getParent());
            Files.writeString(report, line.append(System.lineSeparator()), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return RealmAdmin.JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
