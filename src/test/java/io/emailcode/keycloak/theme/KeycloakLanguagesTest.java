package io.emailcode.keycloak.theme;

import static io.emailcode.keycloak.theme.ThemeBundles.LANGUAGES;
import static io.emailcode.keycloak.theme.ThemeBundles.LOGIN_DIR;
import static io.emailcode.keycloak.theme.ThemeBundles.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Our languages against Keycloak's own login theme in the version the project builds against: every language it
 * offers is ours too, and no page of the flow shows a Keycloak text in English because Keycloak's bundle lacks it.
 */
class KeycloakLanguagesTest {

    private static final Pattern MSG = Pattern.compile("msg\\(\\s*[\"']([^\"']+)[\"']|label=\"([A-Za-z-]+)\"");

    @Test
    void everyLoginLocaleOfTheKeycloakWeBuildAgainstIsOneOfOurs() {
        List<String> keycloak = KeycloakLoginTheme.locales();
        assertFalse(keycloak.isEmpty(), "Keycloak's base login theme lists its locales");
        List<String> missing = keycloak.stream().filter(tag -> !LANGUAGES.contains(tag)).toList();
        assertEquals(List.of(), missing, "Keycloak's login speaks these and our pages and emails do not: add them");
    }

    @Test
    void everyKeycloakTextOnOurPagesIsInThePagesLanguage() throws IOException {
        List<String> english = new ArrayList<>();
        for (String language : LANGUAGES) {
            Properties keycloak = KeycloakLoginTheme.messages(language);
            Properties ours = load(LOGIN_DIR, language);
            for (String key : KeycloakLoginTheme.KEYS_ON_OUR_PAGES) {
                if (!keycloak.containsKey(key) && !ours.containsKey(key)) {
                    english.add(language + " " + key);
                }
            }
        }
        assertEquals(List.of(), english, "shown in English between texts in the page's language");
    }

    @Test
    void ourBundlesAddKeycloakTextsOnlyWhereKeycloaksOwnBundleLacksThem() throws IOException {
        Set<String> product = load(LOGIN_DIR, "en").stringPropertyNames();
        Properties keycloakEnglish = KeycloakLoginTheme.messages("en");
        List<String> problems = new ArrayList<>();
        for (String language : LANGUAGES) {
            Properties keycloak = KeycloakLoginTheme.messages(language);
            Properties ours = load(LOGIN_DIR, language);
            for (String key : ours.stringPropertyNames()) {
                if (product.contains(key)) {
                    continue;
                }
                if (!KeycloakLoginTheme.KEYS_ON_OUR_PAGES.contains(key)) {
                    problems.add(language + " " + key + ": neither ours nor a Keycloak text on our pages");
                } else if (keycloak.containsKey(key)) {
                    problems.add(language + " " + key + ": hides Keycloak's own translation");
                } else if (ours.getProperty(key).equals(keycloakEnglish.getProperty(key))) {
                    problems.add(language + " " + key + ": Keycloak's English copied");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyKeyTheCodePageShowsIsOursOrListedAsKeycloaks() throws IOException {
        String page = Files.readString(LOGIN_DIR.resolve("login-email-code.ftl"), StandardCharsets.UTF_8);
        Set<String> product = load(LOGIN_DIR, "en").stringPropertyNames();
        Set<String> unknown = new TreeSet<>();
        Matcher m = MSG.matcher(page);
        while (m.find()) {
            String key = m.group(1) != null ? m.group(1) : m.group(2);
            if (!product.contains(key) && !KeycloakLoginTheme.KEYS_ON_OUR_PAGES.contains(key)) {
                unknown.add(key);
            }
        }
        assertEquals(Set.of(), unknown, "add Keycloak's keys the page shows to KeycloakLoginTheme.KEYS_ON_OUR_PAGES");
    }
}
