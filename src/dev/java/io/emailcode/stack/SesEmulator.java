package io.emailcode.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    private final ManagedProcess process;
    private final URI endpoint;
    private final SesInbox inbox;

    private SesEmulator(ManagedProcess process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.inbox = new SesInbox(endpoint);
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
        return inbox.emails();
    }

    public void clear() {
        inbox.clear();
    }

    /** The newest email to {@code address}, waiting for it up to {@code timeout}. */
    public ReceivedEmail awaitEmailTo(String address, Duration timeout) {
        return inbox.awaitEmailTo(address, timeout);
    }

    /** Where the process writes its output. */
    public Path log() {
        return process.log();
    }

    @Override
    public void close() {
        process.close();
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
        throw new StackException("The SES emulator needs Node.js 20 or newer with npm, but `" + command
                + " --version` did not run; install Node.js and put " + command + " on the PATH.");
    }
}
