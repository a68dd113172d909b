package io.emailcode.keycloak.theme;

import static io.emailcode.keycloak.theme.ThemeBundles.EMAIL_DIR;
import static io.emailcode.keycloak.theme.ThemeBundles.LANGUAGES;
import static io.emailcode.keycloak.theme.ThemeBundles.LOGIN_DIR;
import static io.emailcode.keycloak.theme.ThemeBundles.TYPES;
import static io.emailcode.keycloak.theme.ThemeBundles.load;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every language the theme ships is complete, formats like English, and is a translation rather than a copy. */
class MessageBundlesTest {

    private static final Pattern ARGUMENT = Pattern.compile("\\{(\\d+)");

    @Test
    void eachThemeTypeDeclaresAndShipsExactlyEveryLanguage() throws IOException {
        for (Path type : TYPES) {
            List<String> declared = Arrays.stream(ThemeBundles.themeProperties(type).getProperty("locales", "").split(","))
                    .map(String::trim).toList();
            assertEquals(LANGUAGES, declared, "locales in " + type.resolve("theme.properties"));
            Set<String> files;
            try (Stream<Path> bundles = Files.list(type.resolve("messages"))) {
                files = bundles.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
            }
            Set<String> expected = LANGUAGES.stream().map(tag -> ThemeBundles.bundle(type, tag).getFileName().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, files, "message files in " + type);
        }
    }

    @Test
    void theDemoRealmOffersExactlyTheShippedLanguages() throws IOException {
        JsonNode realm = new ObjectMapper().readTree(Path.of("realm-export", "demo-realm.json").toFile());
        List<String> supported = new ArrayList<>();
        realm.path("supportedLocales").forEach(l -> supported.add(l.asText()));
        assertEquals(LANGUAGES, supported);
        assertTrue(realm.path("internationalizationEnabled").asBoolean());
        assertEquals("en", realm.path("defaultLocale").asText());
    }

    /** Besides, a login bundle may supply Keycloak's own texts that Keycloak lacks in its language (KeycloakLanguagesTest). */
    @Test
    void everyLanguageHasExactlyTheEnglishKeys() throws IOException {
        for (Path type : TYPES) {
            Set<String> english = load(type, "en").stringPropertyNames();
            for (String language : LANGUAGES) {
                Set<String> keys = sorted(load(type, language).stringPropertyNames());
                if (type.equals(LOGIN_DIR)) {
                    keys.removeIf(key -> !english.contains(key) && KeycloakLoginTheme.KEYS_ON_OUR_PAGES.contains(key));
                }
                assertEquals(sorted(english), keys, "keys of " + ThemeBundles.bundle(type, language));
            }
        }
    }

    @Test
    void everyMessageUsesTheSamePlaceholdersAsEnglish() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path type : TYPES) {
            Properties english = load(type, "en");
            for (String language : LANGUAGES) {
                Properties messages = load(type, language);
                for (String key : messages.stringPropertyNames()) {
                    Set<String> expected = arguments(english.getProperty(key, ""));
                    Set<String> actual = arguments(messages.getProperty(key));
                    if (!expected.equals(actual)) {
                        problems.add(language + " " + key + ": " + actual + " instead of " + expected);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void noLanguageCopiesAnEnglishMessageUnchanged() throws IOException {
        List<String> copies = new ArrayList<>();
        for (Path type : TYPES) {
            Properties english = load(type, "en");
            for (String language : LANGUAGES.subList(1, LANGUAGES.size())) {
                Properties messages = load(type, language);
                for (String key : messages.stringPropertyNames()) {
                    if (messages.getProperty(key).trim().equals(english.getProperty(key, "").trim())) {
                        copies.add(language + " " + key);
                    }
                }
            }
        }
        assertEquals(List.of(), copies, "English text in another language's bundle");
    }

    @Test
    void bundlesAreUtf8AndValidMessageFormatPatterns() throws IOException {
        for (Path type : TYPES) {
            for (String language : LANGUAGES) {
                Path file = ThemeBundles.bundle(type, language);
                String text;
                try {
                    text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
                } catch (CharacterCodingException e) {
                    fail(file + " is not UTF-8");
                    return;
                }
                assertFalse(text.contains("\\u"), file + ": write the characters, not \\u escapes");
                Properties messages = load(type, language);
                for (String key : messages.stringPropertyNames()) {
                    String value = messages.getProperty(key);
                    // Keycloak formats every message with MessageFormat: a lone ' would swallow text.
                    assertFalse(value.replace("''", "").contains("'"), file + ": unescaped ' in " + key);
                    new MessageFormat(value, ThemeBundles.locale(language)); // throws on a broken pattern
                }
            }
        }
    }

    @Test
    void validityReadsCompletelyForEveryAllowedNumberOfMinutes() throws IOException {
        for (Path type : TYPES) {
            for (String language : LANGUAGES) {
                Properties messages = load(type, language);
                for (int minutes = 1; minutes <= 10; minutes++) {
                    String text = validity(messages, language, minutes);
                    assertTrue(text.contains(Integer.toString(minutes)) && !text.contains("{"), language + ": " + text);
                }
            }
        }
    }

    @Test
    void minutesTakeTheRightFormWhereLanguagesCountThem() throws IOException {
        assertEquals("The code is valid for 1 minute.", validity(load(EMAIL_DIR, "en"), "en", 1));
        assertEquals("The code is valid for 5 minutes.", validity(load(EMAIL_DIR, "en"), "en", 5));
        assertEquals("Der Code ist 1 Minute lang gültig.", validity(load(EMAIL_DIR, "de"), "de", 1));
        assertEquals("Der Code ist 10 Minuten lang gültig.", validity(load(EMAIL_DIR, "de"), "de", 10));
        assertEquals("De code is 1 minuut geldig.", validity(load(LOGIN_DIR, "nl"), "nl", 1));
        assertEquals("Il codice è valido per 7 minuti.", validity(load(LOGIN_DIR, "it"), "it", 7));
        // Polish has three plural forms (minuta, minuty, minut) that MessageFormat cannot choose: no counted noun.
        assertEquals("Kod jest ważny przez 2 min.", validity(load(EMAIL_DIR, "pl"), "pl", 2));
        assertEquals("Kod jest ważny przez 5 min.", validity(load(LOGIN_DIR, "pl"), "pl", 5));
        // So do the other Slavic languages and Lithuanian; Arabic has a dual besides: the minutes follow a colon there.
        assertEquals("Код действителен 3 мин.", validity(load(EMAIL_DIR, "ru"), "ru", 3));
        assertEquals("Kód platí 5 min.", validity(load(LOGIN_DIR, "cs"), "cs", 5));
        assertEquals("Kodas galioja 10 min.", validity(load(LOGIN_DIR, "lt"), "lt", 10));
        assertEquals("مدة صلاحية الرمز بالدقائق: 2.", validity(load(EMAIL_DIR, "ar"), "ar", 2));
        // Languages that count with the singular after a number keep it for every number.
        assertEquals("این کد 5 دقیقه اعتبار دارد.", validity(load(EMAIL_DIR, "fa"), "fa", 5));
        assertEquals("A kód 7 percig érvényes.", validity(load(LOGIN_DIR, "hu"), "hu", 7));
    }

    /** As the templates choose: one minute has a text of its own; other numbers are passed as plain text. */
    private static String validity(Properties messages, String language, int minutes) {
        return minutes == 1 ? format(messages, "emailCodeValidityOneMinute", language)
                : format(messages, "emailCodeValidity", language, Integer.toString(minutes));
    }

    @Test
    void waitingTimesAreShownAsAClockInEveryLanguage() throws IOException {
        for (String language : LANGUAGES) {
            Properties messages = load(LOGIN_DIR, language);
            for (String key : List.of("emailCodeResendIn", "emailCodeResendCooldown")) {
                String text = format(messages, key, language, "0:45");
                assertTrue(text.contains("0:45") && !text.contains("{"), language + " " + key + ": " + text);
            }
        }
    }

    @Test
    void theSignInButtonHasOneWordingPerLanguage() throws IOException {
        String page = Files.readString(LOGIN_DIR.resolve("login-email-code.ftl"), StandardCharsets.UTF_8);
        assertTrue(page.contains("<@buttons.button id=\"kc-login\" name=\"login\" label=\"doLogIn\"/>"),
                "the code page uses the key Keycloak's address and password pages use");
        assertEquals("Sign in", load(LOGIN_DIR, "en").getProperty("doLogIn"));
        for (String language : LANGUAGES) {
            assertFalse(load(LOGIN_DIR, language).getProperty("doLogIn", "").isBlank(), language);
        }
    }

    private static Set<String> arguments(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static Set<String> sorted(Set<String> keys) {
        return new TreeSet<>(keys);
    }

    private static String format(Properties messages, String key, String language, Object... args) {
        String pattern = messages.getProperty(key);
        assertTrue(pattern != null, key + " missing in " + language);
        return new MessageFormat(pattern, ThemeBundles.locale(language)).format(args);
    }
}
