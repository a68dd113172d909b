package io.emailcode.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run command keeps Keycloak's database and the Cognito pool together, or starts both fresh. */
class DemoStateTest {

    @TempDir
    Path temp;
    private Path project;
    private Path home;
    private StackSettings settings;

    @BeforeEach
    void lastRun() throws IOException {
        project = Files.createDirectories(temp.resolve("project"));
        Files.createDirectories(project.resolve("realm-export"));
        Files.writeString(project.resolve("realm-export").resolve("demo-realm.json"), "{\"realm\":\"demo\"}");
        home = temp.resolve("keycloak-demo");
        settings = new StackSettings(project, temp, temp.resolve("provider.jar"), "26.7.3", "2.6.1");
        Files.createDirectories(home.resolve("data").resolve("h2"));
        Files.writeString(home.resolve("data").resolve("h2").resolve("keycloakdb.mv.db"), "db");
        Files.createDirectories(home.resolve("data").resolve("import"));
        Files.copy(project.resolve("realm-export").resolve("demo-realm.json"),
                home.resolve("data").resolve("import").resolve("demo-realm.json"));
        Path cognito = DemoState.cognitoState(home);
        Files.createDirectories(cognito.resolve(".cognito").resolve("db"));
        Files.writeString(cognito.resolve("user-pool-id"), "local_pool1\n");
        Files.writeString(cognito.resolve(".cognito").resolve("db").resolve("local_pool1.json"), "{}");
    }

    @Test
    void bothKeptWhenBothAreThereAndTheRealmExportIsUnchanged() {
        DemoState state = DemoState.prepare(settings, home);
        assertTrue(state.kept(), state.reason());
        assertTrue(Files.exists(home.resolve("data").resolve("h2")));
        assertTrue(Files.exists(DemoState.cognitoState(home)));
    }

    @Test
    void aMissingPoolStartsKeycloaksDatabaseFreshToo() throws IOException {
        KeycloakHome.deleteRecursively(DemoState.cognitoState(home));
        DemoState state = DemoState.prepare(settings, home);
        assertFalse(state.kept());
        assertEquals("the Cognito emulator's state is missing", state.reason());
        assertFalse(Files.exists(home.resolve("data").resolve("h2")), "Keycloak's users would point at a pool that is gone");
    }

    @Test
    void aMissingDatabaseStartsThePoolFreshToo() {
        KeycloakHome.deleteRecursively(home.resolve("data").resolve("h2"));
        DemoState state = DemoState.prepare(settings, home);
        assertFalse(state.kept());
        assertEquals("Keycloak's database is missing", state.reason());
        assertFalse(Files.exists(DemoState.cognitoState(home)));
    }

    @Test
    void aChangedRealmExportStartsBothFresh() throws IOException {
        Files.writeString(project.resolve("realm-export").resolve("demo-realm.json"), "{\"realm\":\"demo\",\"enabled\":true}");
        DemoState state = DemoState.prepare(settings, home);
        assertFalse(state.kept());
        assertEquals("the realm export changed", state.reason());
        assertFalse(Files.exists(home.resolve("data").resolve("h2")));
        assertFalse(Files.exists(DemoState.cognitoState(home)));
    }

    @Test
    void theWelcomeSaysWhichAndHowToStartFresh() {
        assertTrue(new DemoState(true, "").describe(home, "local_pool1").startsWith("Kept from the last run"));
        assertTrue(new DemoState(false, "nothing from an earlier run").describe(home, "local_pool1")
                .startsWith("Started fresh (nothing from an earlier run)"));
    }
}
