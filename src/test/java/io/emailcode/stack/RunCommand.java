package io.emailcode.stack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The README's run command as a person runs it, in a terminal of its own: {@code bash -c} under
 * {@code setsid}, so every process it starts can be found afterwards, and stopped if the test fails.
 */
final class RunCommand implements AutoCloseable {

    private final Process process;
    private final ProcessSession session;
    private final Path log;

    private RunCommand(Process process, ProcessSession session, Path log) {
        this.process = process;
        this.session = session;
        this.log = log;
    }

    /** The first line of the README's first {@code ```bash} block. */
    static String fromReadme(Path readme) throws IOException {
        List<String> lines = Files.readAllLines(readme);
        int fence = lines.indexOf("```bash");
        if (fence < 0 || fence + 1 >= lines.size()) {
            throw new AssertionError("README has no ```bash block");
        }
        return lines.get(fence + 1).trim();
    }

    /** @param mavenBin put first on the PATH so {@code mvn} is the Maven running the tests */
    static RunCommand start(String command, Path projectDir, Path mavenBin, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder("setsid", "bash", "-c", command)
                .directory(projectDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (mavenBin != null) {
            builder.environment().put("PATH", mavenBin + File.pathSeparator + System.getenv("PATH"));
        }
        Process process = builder.start();
        // A child of this JVM is no process group leader, so setsid makes the new session in place: sid == pid.
        return new RunCommand(process, new ProcessSession(process.pid()), log);
    }

    /** Waits for a line of output containing {@code text}; fails early if the command ended. */
    void awaitOutput(String text, Duration timeout) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (Files.readString(log).contains(text)) {
                return;
            }
            if (!process.isAlive()) {
                throw new AssertionError("The run command ended with exit code " + process.exitValue()
                        + " before printing \"" + text + "\":\n" + tail());
            }
            Thread.sleep(500);
        }
        throw new AssertionError("The run command did not print \"" + text + "\" within " + timeout.toSeconds()
                + " s:\n" + tail());
    }

    /** SIGTERM to the command, as {@code kill PID} does; true if it ended within the bound. */
    boolean terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    ProcessSession session() {
        return session;
    }

    /** Everything the command printed so far. */
    String output() throws IOException {
        return Files.readString(log);
    }

    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

    /** Whatever happened: nothing the command started keeps running. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            process.waitFor(60, TimeUnit.SECONDS);
        }
        session.killAll();
        process.destroyForcibly();
    }
}
