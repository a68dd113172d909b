package io.emailcode.stack;

import java.nio.file.Path;

/**
 * Where the stack's inputs and working files are. Maven passes them as system properties
 * (see pom.xml: failsafe and the {@code stack} exec execution), so tests and the run command agree.
 */
public record StackSettings(Path projectDir, Path workDir, Path providerJar, String keycloakVersion,
                            String dynamodbLocalVersion) {

    public static StackSettings fromSystemProperties() {
        return new StackSettings(
                Path.of(required("stack.projectDir")),
                Path.of(required("stack.workDir")),
                Path.of(required("stack.providerJar")),
                required("stack.keycloakVersion"),
                required("stack.dynamodbLocalVersion"));
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new StackException("System property " + name + " is not set; run through Maven (see README).");
        }
        return value;
    }

    /**
     * A test-only provider JAR (it moves Keycloak's clock) that the system tests' Keycloak loads besides the product;
     * the run command never sets it.
     */
    public java.util.Optional<Path> testingProvider() {
        return java.util.Optional.ofNullable(System.getProperty("stack.testingProvider")).filter(p -> !p.isBlank()).map(Path::of);
    }

    /**
     * JVM options that replace the launcher's quick-start ones for the Keycloak servers it starts (the benchmark runs
     * Keycloak with the whole JIT, as production does); empty keeps the quick start.
     */
    public java.util.Optional<String> keycloakJavaOptions() {
        return java.util.Optional.ofNullable(System.getProperty("stack.keycloakJavaOptions")).filter(p -> !p.isBlank());
    }

    /**
     * The distribution ZIP of a Keycloak version, as the build copied it into the work directory: the project's
     * version as {@code keycloak-dist.zip}, the other tested versions as {@code keycloak-dist-<version>.zip}.
     */
    public Path distribution(String version) {
        return workDir.resolve(version.equals(keycloakVersion) ? "keycloak-dist.zip" : "keycloak-dist-" + version + ".zip");
    }

    /** Maven's own launcher, used to fetch DynamoDB Local's dependencies into the work directory. */
    public static String mavenExecutable() {
        String home = System.getProperty("maven.home");
        if (home != null && !home.isBlank() && Path.of(home, "bin", "mvn").toFile().canExecute()) {
            return Path.of(home, "bin", "mvn").toString();
        }
        return "mvn";
    }
}
