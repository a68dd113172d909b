package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.Accessibility;
import io.emailcode.keycloak.system.fixture.ChromiumPerClass;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.HeadlessChromium;
import io.emailcode.keycloak.system.fixture.RealStack;
import io.emailcode.keycloak.system.fixture.RealmAdmin;
import io.emailcode.keycloak.system.fixture.SignInJourney;
import static io.emailcode.keycloak.system.fixture.SignInJourney.emailText;
import static io.emailcode.keycloak.system.fixture.SignInJourney.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.theme.KeycloakLoginTheme;
import io.emailcode.keycloak.theme.ThemeBundles;
import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The pages and the email in every language, as Keycloak serves them from the theme's bundles, and the email as the
 * SES emulator received it, opened in Chromium. The email speaks the person's language: the one in their profile, or
 * for an address without an account the one of the login page. Arabic and Persian read right to left.
 *
 * <p>CI signs in in {@link #SAMPLE}, one language of each kind; {@code -Pall-languages} in all 40 (about 3 s each):
 * every bundle's texts are checked against Keycloak's in every language by the unit tests already.
 */
@ExtendWith({RealStack.class, ChromiumPerClass.class})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BrowserLanguagesIT {

    private static final Pattern CODE_IN_TEXT = Pattern.compile("^\\s+(\\d{6})$", Pattern.MULTILINE);
    /**
     * English; both right-to-left languages; the scripts that need fonts of their own (Japanese, Chinese with
     * Keycloak's script-named bundle, Korean, Thai); Cyrillic; Latin with diacritics; a region-tagged language whose
     * base language is another one (pt-BR beside pt).
     */
    static final List<String> SAMPLE = List.of("en", "ar", "fa", "ja", "zh-CN", "ko", "th", "ru", "de", "pt-BR");
    private static final String LANGUAGES_PROPERTY = "browser.languages";

    private final DemoRealm realm;
    private final HeadlessChromium browser;
    private final Accessibility axe;
    private final SignInJourney journey;

    BrowserLanguagesIT(LocalStack stack, DemoRealm realm, HeadlessChromium browser) {
        this.realm = realm;
        this.browser = browser;
        this.axe = new Accessibility(browser, "languages");
        this.journey = new SignInJourney(browser, stack, realm);
    }

    /**
     * One sign-in per language in one browser: the code page (language, direction, our texts and Keycloak's around
     * them, axe) and the email (subject, plain text, and the HTML opened with its language, direction and axe). The
     * screenshots of Arabic and Persian show the mirrored page and email with the code still left to right.
     */
    @Test
    void eachLanguageHasItsOwnWordsOnTheCodePageAndInTheEmail() throws IOException {
        assertTrue(ThemeBundles.LANGUAGES.containsAll(SAMPLE), "the sample is of the product's languages");
        for (String language : languages()) {
            browser.forgetEverything();
            String email = realm.newUser();
            journey.openLogin(language);
            assertLanguageAndDirection(language);
            assertEquals(text(language, "doLogIn"), browser.waitFor(By.id("kc-login")).getText().trim());

            journey.submitAddress(email);
            assertLanguageAndDirection(language);
            assertEquals(text(language, "emailCodeTitle"), browser.waitFor(By.id("kc-page-title")).getText());
            // Right to left, the address is isolated as one left-to-right run (U+2068 ... U+2069).
            String address = ThemeBundles.RIGHT_TO_LEFT.contains(language) ? "\u2068" + email + "\u2069" : email;
            assertEquals(text(language, "emailCodeInstruction", address), browser.waitFor(By.id("kc-email-code-instruction")).getText());
            assertEquals(text(language, "emailCodeValidity", "5"), browser.waitFor(By.id("kc-email-code-validity")).getText());
            assertEquals(text(language, "doLogIn"), browser.waitFor(By.id("kc-login")).getText().trim());
            // Keycloak's own texts between ours: from our bundle where Keycloak's lacks them in this language.
            assertEquals(KeycloakLoginTheme.shown(language, "restartLoginTooltip"),
                    browser.driver().findElement(By.id("reset-login")).getAttribute("aria-label"), language);
            assertEquals(text(language, "languages"),
                    browser.driver().findElement(By.id("login-select-toggle")).getAttribute("aria-label"), language);
            assertEquals("ltr", browser.driver().findElement(SignInJourney.CODE).getAttribute("dir"), "the code field");
            axe.check("22-code-page-" + language);

            ReceivedEmail mail = journey.emailTo(email);
            assertEquals(emailText(language, "emailCodeSubject", "Demo"), mail.subject(), language);
            String code = codeIn(mail);
            assertFalse(mail.subject().contains(code), "the subject never carries the code");
            for (String key : List.of("emailCodeIntro", "emailCodeReason")) {
                assertTrue(mail.text().contains(emailText(language, key, "Demo")), language + " text: " + mail.text());
            }
            assertTrue(mail.text().contains(emailText(language, "emailCodeValidity", "5")), mail.text());
            look(mail, language, code);
        }
    }

    @Test
    void theEmailSpeaksThePersonsOwnLanguageWhileThePageKeepsTheLanguageOfTheLogin() {
        String email = DemoRealm.newAddress("francophone");
        realm.admin().createUser(email, null, "fr");
        journey.openLogin("en");
        assertEquals(text("en", "doLogIn"), browser.waitFor(By.id("kc-login")).getText().trim(), "nobody known yet");
        journey.submitAddress(email);
        // The code page is the same for every address (a French page for a French account would say the account
        // exists); the email, which only the account's owner reads, is in the language of their profile.
        assertEquals(text("en", "emailCodeTitle"), browser.waitFor(By.id("kc-page-title")).getText());
        assertEquals(emailText("fr", "emailCodeSubject", "Demo"), journey.emailTo(email).subject());
    }

    @Test
    void anAddressWithoutAnAccountGetsTheEmailInTheLanguageOfTheLoginPage() {
        realm.admin().updateStepConfig(DemoRealm.FLOW, Map.of("auto.register", "true"));
        realm.admin().updateRealm(RealmAdmin.JSON.createObjectNode().put("registrationAllowed", true));
        String email = DemoRealm.newAddress("nuevo");
        journey.openLogin("es");
        journey.submitAddress(email);
        ReceivedEmail mail = journey.emailTo(email);
        assertEquals(emailText("es", "emailCodeSubject", "Demo"), mail.subject());
        assertTrue(mail.text().contains(emailText("es", "emailCodeDoNotShare")), mail.text());
    }

    /** The HTML email in Chromium, exactly as the emulator received it: language, direction, the code as text, axe. */
    private void look(ReceivedEmail mail, String language, String code) {
        browser.openDocument(mail.html());
        assertLanguageAndDirection(language);
        WebElement shown = browser.waitFor(By.xpath("//p[normalize-space()='" + code + "']"));
        assertEquals("ltr", shown.getAttribute("dir"), "the code reads left to right in every language");
        assertTrue(shown.getSize().getHeight() >= 32, "the code is large");
        assertEquals(0, browser.driver().findElements(By.tagName("img")).size(), "no images, no tracking pixels");
        axe.check("23-email-" + language);
    }

    /** {@link #SAMPLE}, or every language with {@code -Dbrowser.languages=all} ({@code -Pall-languages}). */
    private static List<String> languages() {
        return "all".equals(System.getProperty(LANGUAGES_PROPERTY)) ? ThemeBundles.LANGUAGES : SAMPLE;
    }

    private void assertLanguageAndDirection(String language) {
        WebElement html = browser.driver().findElement(By.tagName("html"));
        assertEquals(language, html.getAttribute("lang"));
        assertEquals(ThemeBundles.RIGHT_TO_LEFT.contains(language) ? "rtl" : "ltr", html.getAttribute("dir"), language);
    }

    private static String codeIn(ReceivedEmail mail) {
        Matcher m = CODE_IN_TEXT.matcher(mail.text());
        assertTrue(m.find(), "the plain text has the code on a line of its own: " + mail.text());
        return m.group(1);
    }
}
