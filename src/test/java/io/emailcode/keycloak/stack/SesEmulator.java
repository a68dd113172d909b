package io.emailcode.keycloak.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The SES emulator (npm {@code aws-ses-v2-local}, pinned in package.json) as a child process on loopback:
 * installs the project's node modules when needed, starts the emulator, and reads what it received.
 */
public final class SesEmulator implements AutoCloseable {

    private static final String PACKAGE = "aws-ses-v2-local";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);

    private final ManagedProcess process;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();

    private SesEmulator(ManagedProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * @param projectDir where package.json and package-lock.json are
     * @param workDir    where the emulator's log goes
     */
    public static SesEmulator start(Path projectDir, Path workDir, int port) {
        if (ManagedProcess.isListening(port)) {
            throw new StackException("Port " + port + " on 127.0.0.1 is already in use; stop what listens there before starting the SES emulator.");
        }
        ensureNodeModules(projectDir, workDir);
        Path cli = projectDir.resolve("node_modules").resolve(PACKAGE).resolve(binEntry(projectDir));
        // --host keeps it on loopback; its default is every interface.
        ManagedProcess process = ManagedProcess.start("SES emulator",
                List.of(requireOnPath("node"), cli.toString(), "--port", String.valueOf(port), "--host", "127.0.0.1"),
                Map.of(), projectDir, workDir.resolve("logs").resolve("ses-emulator-" + port + ".log"));
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        try {
            process.awaitHttp(endpoint.resolve("/health-check"), status -> status == 200, START_TIMEOUT);
        } catch (RuntimeException e) {
            process.close();
            throw e;
        }
        return new SesEmulator(process, endpoint);
    }

    /** Runs {@code npm ci} when the emulator is not installed or package-lock.json changed since the last install. */
    public static void ensureNodeModules(Path projectDir, Path workDir) {
        Path lock = projectDir.resolve("package-lock.json");
        Path installed = projectDir.resolve("node_modules").resolve(".package-lock.json");
        try {
            if (Files.isDirectory(projectDir.resolve("node_modules").resolve(PACKAGE)) && Files.exists(installed)
                    && Files.getLastModifiedTime(lock).compareTo(Files.getLastModifiedTime(installed)) <= 0) {
                return;
            }
        } catch (IOException e) {
            throw new StackException("Could not read " + lock + ": " + e.getMessage(), e);
        }
        Path log = workDir.resolve("logs").resolve("npm-ci.log");
        try {
            Files.createDirectories(log.getParent());
            Process npm = new ProcessBuilder(requireOnPath("npm"), "ci", "--no-audit", "--no-fund")
                    .directory(projectDir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!npm.waitFor(INSTALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                npm.descendants().forEach(ProcessHandle::destroyForcibly);
                npm.destroyForcibly();
                throw new StackException("npm ci did not finish within " + INSTALL_TIMEOUT.toMinutes() + " min; see " + log);
            }
            if (npm.exitValue() != 0) {
                throw new StackException("npm ci failed with exit code " + npm.exitValue() + "; see " + log);
            }
        } catch (IOException e) {
            throw new StackException("Could not run npm ci in " + projectDir + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while installing node modules", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** Everything the emulator received since it started or was last cleared, oldest first. */
    public List<ReceivedEmail> inbox() {
        JsonNode store = readJson(call(HttpRequest.newBuilder(endpoint.resolve("/store")).GET()));
        List<ReceivedEmail> emails = new ArrayList<>();
        store.path("emails").forEach(email -> emails.add(new ReceivedEmail(
                email.path("messageId").asText(),
                email.path("from").asText(),
                strings(email.path("replyTo")),
                strings(email.path("destination").path("to")),
                strings(email.path("destination").path("cc")),
                strings(email.path("destination").path("bcc")),
                email.path("subject").asText(),
                textOrNull(email.path("body").path("text")),
                textOrNull(email.path("body").path("html")),
                Instant.ofEpochSecond(email.path("at").asLong()))));
        return emails;
    }

    public void clear() {
        call(HttpRequest.newBuilder(endpoint.resolve("/clear-store")).POST(HttpRequest.BodyPublishers.noBody()));
    }

    /** The newest email to {@code address}, waiting for it up to {@code timeout}. */
    public ReceivedEmail awaitEmailTo(String address, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Optional<ReceivedEmail> email = inbox().stream().filter(e -> e.isAddressedTo(address)).reduce((first, second) -> second);
            if (email.isPresent()) {
                return email.get();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StackException("No email to " + address + " reached the SES emulator within "
                        + timeout.toMillis() + " ms");
            }
            ManagedProcess.sleep(POLL_INTERVAL);
        }
    }

    @Override
    public void close() {
        process.close();
    }

    private String call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new StackException("SES emulator answered HTTP " + response.statusCode() + " to " + response.uri().getPath());
            }
            return response.body();
        } catch (IOException e) {
            throw new StackException("SES emulator at " + endpoint + " could not be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while talking to the SES emulator", e);
        }
    }

    private JsonNode readJson(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new StackException("SES emulator answered with invalid JSON: " + e.getMessage(), e);
        }
    }

    /** The CLI script the package declares, so an upgrade that moves it keeps working. */
    private static String binEntry(Path projectDir) {
        Path manifest = projectDir.resolve("node_modules").resolve(PACKAGE).resolve("package.json");
        try {
            JsonNode bin = new ObjectMapper().readTree(manifest.toFile()).path("bin");
            String entry = bin.isTextual() ? bin.asText() : bin.path(PACKAGE).asText(null);
            if (entry == null) {
                throw new StackException(manifest + " declares no " + PACKAGE + " command");
            }
            return entry;
        } catch (IOException e) {
            throw new StackException("Could not read " + manifest + ": " + e.getMessage(), e);
        }
    }

    /** The command as given if it runs; otherwise one sentence saying what to install. */
    private static String requireOnPath(String command) {
        try {
            Process probe = new ProcessBuilder(command, "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0) {
                return command;
            }
            probe.destroyForcibly();
        } catch (IOException e) {
            // Not on the PATH: reported below.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new StackException("The SES emulator needs Node.js 18 or newer with npm, but `" + command
                + " --version` did not run; install Node.js and put " + command + " on the PATH.");
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static String textOrNull(JsonNode value) {
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }
}
