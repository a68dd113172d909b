package io.emailcode.keycloak.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The npm packages of the emulators, installed from the committed lock file when missing or stale. */
final class NodeModules {

    private NodeModules() {
    }

    static synchronized Path ensureInstalled(Path projectDir) {
        Path modules = projectDir.resolve("node_modules");
        Path installed = modules.resolve(".package-lock.json");
        Path lock = projectDir.resolve("package-lock.json");
        try {
            if (Files.exists(installed) && Files.getLastModifiedTime(installed).compareTo(Files.getLastModifiedTime(lock)) >= 0) {
                return modules;
            }
        } catch (java.io.IOException e) {
            throw new StackException("Could not read " + lock + ": " + e.getMessage(), e);
        }
        requireOnPath("node");
        requireOnPath("npm");
        Path log = projectDir.resolve("target/stack/npm-ci.log");
        try (ManagedProcess npm = ManagedProcess.start("npm ci", List.of("npm", "ci", "--no-audit", "--no-fund"),
                Map.of(), projectDir, log)) {
            int exit = npm.waitFor(Duration.ofMinutes(5));
            if (exit != 0) {
                throw new StackException("npm ci failed with exit code " + exit + "; see " + log);
            }
        }
        return modules;
    }

    static void requireOnPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, command))) {
                return;
            }
        }
        throw new StackException(command + " was not found on the PATH; install Node.js 20 or newer (with npm) and try again.");
    }
}
