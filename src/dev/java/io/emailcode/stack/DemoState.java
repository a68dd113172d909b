package io.emailcode.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What the run command's stack keeps from its last run: Keycloak's database and the Cognito emulator's pool go
 * together, side by side under Keycloak's {@code data} directory, so the users Keycloak linked to pool users find them
 * again. Both are kept, or, when either is missing or the realm export changed, both start fresh.
 *
 * @param kept   whether both are the last run's
 * @param reason why they start fresh (empty when kept)
 */
record DemoState(boolean kept, String reason) {

    /** Where the Cognito emulator keeps its state, next to Keycloak's database. */
    static Path cognitoState(Path keycloakHome) {
        return keycloakHome.resolve("data").resolve("cognito-local");
    }

    /** Decides, and clears both when they cannot be kept. */
    static DemoState prepare(StackSettings settings, Path keycloakHome) {
        DemoState state = decide(settings, keycloakHome);
        if (!state.kept()) {
            KeycloakHome.deleteRecursively(keycloakHome.resolve("data").resolve("h2"));
            KeycloakHome.deleteRecursively(cognitoState(keycloakHome));
        }
        return state;
    }

    private static DemoState decide(StackSettings settings, Path keycloakHome) {
        boolean database = Files.isDirectory(keycloakHome.resolve("data").resolve("h2"));
        boolean pool = CognitoLocal.hasPool(cognitoState(keycloakHome));
        if (!database && !pool) {
            return new DemoState(false, "nothing from an earlier run");
        }
        if (realmExportChanged(settings, keycloakHome)) {
            return new DemoState(false, "the realm export changed");
        }
        if (!pool) {
            return new DemoState(false, "the Cognito emulator's state is missing");
        }
        if (!database) {
            return new DemoState(false, "Keycloak's database is missing");
        }
        return new DemoState(true, "");
    }

    /** Whether a realm export differs from (or is missing in) the copy the home's last start imported; copies nothing. */
    private static boolean realmExportChanged(StackSettings settings, Path home) {
        Path imported = home.resolve("data").resolve("import");
        try (Stream<Path> files = Files.list(settings.projectDir().resolve("realm-export"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
                Path copy = imported.resolve(file.getFileName());
                if (!Files.exists(copy) || !KeycloakHome.sha256(file).equals(KeycloakHome.sha256(copy))) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new StackException("Could not compare the realm export with " + imported, e);
        }
    }

    /** One line for the welcome: which it is, and how to start fresh. */
    String describe(Path keycloakHome, String poolId) {
        Path data = keycloakHome.resolve("data");
        return kept
                ? "Kept from the last run: Keycloak's database and the Cognito pool " + poolId + " (delete " + data
                        + " to start both fresh)"
                : "Started fresh (" + reason + "): Keycloak's database and the Cognito pool " + poolId + ", kept in "
                        + data + " for the next run";
    }
}
