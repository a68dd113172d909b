package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.stack.LocalStack;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The configuration docs' {@code kcadm.sh} commands, read from the docs and run as written with the Keycloak
 * distribution's own {@code kcadm.sh} against the tests' Keycloak, so the docs cannot show a command that does not
 * work. Only the server's address is the tests'; kcadm's config file lands in a directory of the test's own (its
 * HOME), not in the user's. Each command is a JVM start: the docs keep to a handful.
 */
@ExtendWith(RealStack.class)
class DocumentedKcadmCommandsIT {

    private static final Path DOCS = Path.of("docs/configuration.md");
    private static final String DOCS_SERVER = "http://localhost:8080";
    private static final String KCADM = "bin/kcadm.sh ";
    /** The address the docs look up and reset. */
    private static final String DOCS_ADDRESS = "alice@example.com";
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(90);

    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;

    DocumentedKcadmCommandsIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
    }

    @Test
    void theConfigurationDocsKcadmCommandsDoWhatTheDocsSay() throws IOException, InterruptedException {
        List<String> commands = kcadmCommands(Files.readAllLines(DOCS));
        assertTrue(commands.size() >= 6, "the docs' kcadm.sh commands: " + commands);
        realm.atCodePage(DOCS_ADDRESS);

        Map<String, String> outputs = new LinkedHashMap<>();
        for (String command : commands) {
            outputs.put(command, run(command.replace(DOCS_SERVER, stack.keycloak().baseUrl().toString())));
        }

        assertTrue(outputOf(outputs, "get email-code/settings").contains("\"limits.failures.cap\""), outputs.toString());
        Map<String, String> settings = admin.realmSettings();
        assertEquals("30", settings.get("known.browser.days"), "the documented limits were saved: " + settings);
        assertEquals("BEST_EFFORT", settings.get("mirror.mode"), "the documented bridge settings were saved: " + settings);
        JsonNode components = RealmAdmin.JSON.readTree(outputOf(outputs, "get components"));
        assertTrue(components.toString().contains("\"eu-west-1_AbCdEf123\""), "the component holds the pool: " + components);
        JsonNode looked = RealmAdmin.JSON.readTree(outputOf(outputs, "limits/lookup"));
        assertTrue(looked.path("open").path("sendsThisHour").asInt() >= 1, "the code just requested: " + looked);
        JsonNode afterReset = RealmAdmin.JSON.readTree(admin.post("/email-code/limits/lookup",
                RealmAdmin.JSON.createObjectNode().put("email", DOCS_ADDRESS)).body());
        assertEquals(0, afterReset.path("open").path("sendsThisHour").asInt(-1), "the documented reset lifted it: " + afterReset);
    }

    /** Every line of the docs' bash blocks that runs kcadm.sh, in order. */
    private static List<String> kcadmCommands(List<String> lines) {
        List<String> commands = new ArrayList<>();
        boolean inBash = false;
        for (String line : lines) {
            if (line.startsWith("```")) {
                inBash = !inBash && line.equals("```bash");
            } else if (inBash && line.startsWith(KCADM)) {
                assertTrue(!line.endsWith("\\"), "one line per kcadm.sh command: " + line);
                commands.add(line);
            }
        }
        return commands;
    }

    private static String outputOf(Map<String, String> outputs, String part) {
        return outputs.entrySet().stream().filter(entry -> entry.getKey().contains(part)).map(Map.Entry::getValue)
                .findFirst().orElseThrow(() -> new AssertionError("the docs show no kcadm.sh command with " + part));
    }

    /** Runs a documented command in the Keycloak installation, as an administrator would; its output. */
    private String run(String command) throws IOException, InterruptedException {
        Path home = Files.createDirectories(Path.of("target", "kcadm-home"));
        Path log = Files.createTempFile(home, "kcadm", ".log");
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(stack.keycloak().home().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("HOME", home.toAbsolutePath().toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        // kcadm.sh passes KC_OPTS to its JVM: the JIT's first tier only starts each command in two thirds of the time.
        builder.environment().put("KC_OPTS", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        Process process = builder.start();
        if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kcadm.sh did not finish in " + COMMAND_TIMEOUT.toSeconds() + " s: " + command);
        }
        String output = Files.readString(log);
        Files.delete(log);
        assertEquals(0, process.exitValue(), command + "\n" + output);
        return output;
    }
}
