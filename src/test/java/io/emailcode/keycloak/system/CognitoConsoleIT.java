package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Await;
import io.emailcode.keycloak.system.fixture.ChromiumPerClass;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.HeadlessChromium;
import io.emailcode.keycloak.system.fixture.PoolUsers;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * An administrator sets up the Cognito bridge in Keycloak's own admin console, in a real Chromium: adds the
 * "Amazon Cognito" provider under User federation, fills its form (the Periodic full sync too: the drift repair's
 * schedule), saves, presses "Sync all users" and reads the counts; the settings survive a realm export and import, and a person's first sign-in mirrors them into the pool the
 * form named.
 */
@ExtendWith({RealStack.class, ChromiumPerClass.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CognitoConsoleIT {

    private static final Pattern COUNTS = Pattern.compile("(\\d+) users added, (\\d+) users updated, (\\d+) users removed, (\\d+) users failed");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String WEEK = "604800";
    private final LocalStack stack;
    private final DemoRealm realm;
    private final RealmAdmin admin;
    private final HeadlessChromium browser;

    CognitoConsoleIT(LocalStack stack, DemoRealm realm, HeadlessChromium browser) {
        this.stack = stack;
        this.realm = realm;
        this.admin = realm.admin();
        this.browser = browser;
    }

    @Test
    void anAdministratorAddsTheCognitoProviderInTheConsoleSyncsAndTheNextSignInIsMirroredIntoItsPool() {
        admin.deleteComponent(admin.cognitoProvider().get("id").asText()); // the stack puts it back after the test
        String pool = stack.cognito().userPoolId();

        signInToTheConsole("/#/" + DemoRealm.NAME + "/user-federation");
        browser.waitFor(By.cssSelector("[data-testid='" + RealmAdmin.COGNITO_PROVIDER_ID + "-card']")).click();
        WebElement name = browser.waitFor(By.cssSelector("input#name, input[name='name']"));
        name.sendKeys("Amazon Cognito");
        browser.waitFor(By.cssSelector("[data-testid='mirror.pool.id']")).sendKeys(pool);
        choose("mirror.mode", "BEST_EFFORT");
        // Keycloak's own switch of every federation provider's form: on, it proposes a week
        browser.waitFor(By.cssSelector("label[for='kc-periodic-full-sync']")).click();
        browser.waitFor(By.cssSelector("input[name='config.fullSyncPeriod']"));
        browser.screenshot("console-01-cognito-form");
        browser.waitFor(By.cssSelector("[data-testid='custom-save']")).click();

        JsonNode saved = Await.value("the provider saved", WAIT, () -> {
            try {
                return Optional.of(admin.cognitoProvider());
            } catch (AssertionError notYet) {
                return Optional.empty();
            }
        });
        assertEquals(pool, saved.path("config").path("mirror.pool.id").get(0).asText());
        Map<String, String> settings = admin.realmSettings();
        assertEquals("BEST_EFFORT", settings.get("mirror.mode"), "the REST API reads what the form saved");
        assertEquals(pool, settings.get("mirror.pool.id"));
        assertEquals("given_name##family_name", settings.get("mirror.attributes"), "an empty list: both names");
        assertEquals(WEEK, settings.get("mirror.repair.every.seconds"), "the form's Periodic full sync is the drift repair's schedule");
        assertEquals(WEEK, admin.repairStatus().path("everySeconds").asText());

        browser.open(consoleUrl("/#/" + DemoRealm.NAME + "/user-federation/" + RealmAdmin.COGNITO_PROVIDER_ID + "/"
                + saved.get("id").asText()));
        browser.waitFor(By.cssSelector("[data-testid='action-dropdown']")).click();
        browser.waitFor(By.xpath("//*[@role='menuitem' or self::button][normalize-space(.)='Sync all users']")).click();
        WebElement answer;
        try {
            answer = browser.waitFor(By.xpath("//*[contains(@class, 'alert__title')][contains(., 'users added')]"));
        } finally {
            browser.screenshot("console-02-sync-all-users");
        }
        Matcher counts = COUNTS.matcher(answer.getText());
        assertTrue(counts.find(), "the console shows the counts: " + answer.getText());
        Await.condition("the requested drift repair to finish", WAIT, () -> {
            JsonNode status = admin.repairStatus();
            return "IDLE".equals(status.path("phase").asText()) && status.has("lastFinishedAt");
        });

        RealmAdmin imported = admin.createRealm(admin.exportedCognitoProviderInANewRealm(
                "console-export-" + java.util.UUID.randomUUID().toString().substring(0, 8)));
        try {
            Map<String, String> importedSettings = imported.realmSettings();
            assertEquals(pool, importedSettings.get("mirror.pool.id"), "the form's settings survive an export and import");
            assertEquals("BEST_EFFORT", importedSettings.get("mirror.mode"));
            assertEquals(settings.get("mirror.attributes"), importedSettings.get("mirror.attributes"));
            assertEquals(WEEK, importedSettings.get("mirror.repair.every.seconds"));
        } finally {
            imported.deleteRealm();
        }

        String email = DemoRealm.newAddress("console-mirrored");
        admin.updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        realm.signIn(email);
        try (PoolUsers pooled = new PoolUsers(stack.cognito())) {
            Map<String, String> poolUser = Await.value("the new person mirrored into the form's pool", WAIT,
                    () -> pooled.withEmail(email));
            // The mirror links the account once the pool user exists (a DynamoDB write, then Keycloak's): a moment later.
            String userId = admin.userIdByEmail(email);
            assertEquals(poolUser.get("sub"), Await.value("the account linked to its pool user", WAIT,
                    () -> admin.cognitoSub(userId)));
        }
    }

    private void signInToTheConsole(String route) {
        browser.forgetEverything();
        browser.open(consoleUrl(route));
        browser.waitFor(By.id("username")).sendKeys("admin");
        browser.waitFor(By.id("password")).sendKeys("admin");
        browser.waitFor(By.id("kc-login")).click();
    }

    private String consoleUrl(String route) {
        return stack.keycloak().baseUrl() + "/admin/master/console" + route;
    }

    /** Picks a value of one of the form's lists (Keycloak's list control: a toggle, then a menu of its options). */
    private void choose(String property, String value) {
        browser.waitFor(By.id(property)).click();
        browser.waitFor(By.xpath("//*[@role='option' or @role='menuitem' or contains(@class,'menu__item')]"
                + "[normalize-space(.)='" + value + "']")).click();
    }
}
