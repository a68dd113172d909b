package io.emailcode.keycloak.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticationFlow;
import org.keycloak.authentication.authenticators.browser.CookieAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.IdentityProviderAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.OTPFormAuthenticatorFactory;
import org.keycloak.authentication.authenticators.browser.UsernameFormFactory;
import org.keycloak.authentication.authenticators.browser.UsernamePasswordFormFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalLoaAuthenticatorFactory;
import org.keycloak.authentication.authenticators.conditional.ConditionalUserConfiguredAuthenticatorFactory;

/** Checks the theme files and the realm export that ship with the provider, without a running server. */
class ThemeFilesTest {

    private static final String THEME = "email-code";
    private static final Path THEME_DIR = Path.of("themes", THEME);
    private static final Path LOGIN_DIR = THEME_DIR.resolve("login");
    private static final Path EMAIL_DIR = THEME_DIR.resolve("email");
    private static final Path REALM_EXPORT = Path.of("realm-export", "demo-realm.json");
    private static final Path THEMES_JSON = Path.of("src", "main", "resources", "META-INF", "keycloak-themes.json");

    /** Our own provider ids, fixed by contract with the authenticator code. */
    private static final Set<String> OUR_AUTHENTICATORS = Set.of("email-code", "email-code-address-form");

    /** Stock ids taken from Keycloak's own constants: compiling this test proves they exist in the Keycloak we build against. */
    private static final Set<String> STOCK_AUTHENTICATORS = Set.of(
            CookieAuthenticatorFactory.PROVIDER_ID,
            IdentityProviderAuthenticatorFactory.PROVIDER_ID,
            UsernamePasswordFormFactory.PROVIDER_ID,
            UsernameFormFactory.PROVIDER_ID,
            OTPFormAuthenticatorFactory.PROVIDER_ID,
            ConditionalUserConfiguredAuthenticatorFactory.PROVIDER_ID,
            ConditionalLoaAuthenticatorFactory.PROVIDER_ID);

    private static final Set<String> STOCK_FLOW_TYPES =
            Set.of(AuthenticationFlow.BASIC_FLOW, AuthenticationFlow.FORM_FLOW, AuthenticationFlow.CLIENT_FLOW);

    /** Keys the authenticator shows on the login pages; they must exist even if no template names them. */
    private static final List<String> AUTHENTICATOR_LOGIN_KEYS = List.of(
            "emailCodeTitle", "emailCodeInstruction", "emailCodeLabel", "emailCodeSubmit", "emailCodeResend",
            "emailCodeUseAnotherEmail", "emailCodeInvalid", "emailCodeAttemptsExhausted", "emailCodeExpired",
            "emailCodeMissing", "emailCodeResendCooldown", "emailCodeBudgetSpent", "emailCodeSent",
            "emailCodeServiceUnavailable", "emailCodeNoEmail", "emailCodeMisconfigured", "emailCodeAddressInvalid",
            "emailCodeRequired");

    /** The authenticator passes this key as the email subject. */
    private static final List<String> AUTHENTICATOR_EMAIL_KEYS = List.of("emailCodeSubject");

    /** msg("key") and msg('key') in FreeMarker templates. */
    private static final Pattern MSG_CALL = Pattern.compile("msg\\(\\s*[\"']([A-Za-z0-9_.-]+)[\"']");
    /** label="key" on the keycloak.v2 button macros, which look the label up as a message key. */
    private static final Pattern BUTTON_LABEL =
            Pattern.compile("<@buttons\\.(?:button|buttonLink)\\b[^>]*?\\blabel=\"([A-Za-z0-9_.-]+)\"");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyMessageKeyTheLoginPageUsesExistsInEnglishAndGerman() throws IOException {
        Set<String> used = keysUsedIn(LOGIN_DIR.resolve("login-email-code.ftl"));
        assertTrue(used.contains("emailCodeTitle"), "key scan found nothing: " + used);
        assertKeysPresent(LOGIN_DIR, used);
        assertKeysPresent(LOGIN_DIR, AUTHENTICATOR_LOGIN_KEYS);
    }

    @Test
    void everyMessageKeyTheEmailTemplatesUseExistsInEnglishAndGerman() throws IOException {
        Set<String> used = new TreeSet<>(keysUsedIn(EMAIL_DIR.resolve("html/email-code.ftl")));
        used.addAll(keysUsedIn(EMAIL_DIR.resolve("text/email-code.ftl")));
        assertFalse(used.isEmpty());
        assertKeysPresent(EMAIL_DIR, used);
        assertKeysPresent(EMAIL_DIR, AUTHENTICATOR_EMAIL_KEYS);
    }

    @Test
    void englishAndGermanBundlesHaveTheSameKeys() throws IOException {
        for (Path dir : List.of(LOGIN_DIR, EMAIL_DIR)) {
            assertEquals(load(dir, "en").stringPropertyNames(), load(dir, "de").stringPropertyNames(),
                    "en and de differ in " + dir);
        }
    }

    @Test
    void messagesAreUtf8AndValidMessageFormatPatterns() throws IOException {
        for (Path dir : List.of(LOGIN_DIR, EMAIL_DIR)) {
            for (String lang : List.of("en", "de")) {
                Path file = bundle(dir, lang);
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(Files.readAllBytes(file)));
                } catch (CharacterCodingException e) {
                    fail(file + " is not UTF-8");
                }
                Properties messages = load(dir, lang);
                for (String key : messages.stringPropertyNames()) {
                    String value = messages.getProperty(key);
                    // Keycloak formats every message with MessageFormat: a lone ' would swallow text.
                    assertFalse(value.replace("''", "").contains("'"), file + ": unescaped ' in " + key);
                    new MessageFormat(value, Locale.forLanguageTag(lang)); // throws on a broken pattern
                }
            }
        }
        String german = Files.readString(bundle(LOGIN_DIR, "de"), StandardCharsets.UTF_8);
        assertTrue(german.contains("ü"), "German login texts should contain real umlauts");
        assertFalse(german.contains("\\u00"), "German texts should be UTF-8, not \\u escapes");
    }

    @Test
    void codeValidityReadsNaturallyForOneAndManyMinutes() throws IOException {
        Properties en = load(EMAIL_DIR, "en");
        Properties de = load(EMAIL_DIR, "de");
        assertEquals("The code is valid for 1 minute.", format(en, "emailCodeValidityOneMinute", Locale.ENGLISH));
        assertEquals("The code is valid for 5 minutes.", format(en, "emailCodeValidity", Locale.ENGLISH, "5"));
        assertEquals("Der Code ist 1 Minute lang gültig.", format(de, "emailCodeValidityOneMinute", Locale.GERMAN));
        assertEquals("Der Code ist 10 Minuten lang gültig.", format(de, "emailCodeValidity", Locale.GERMAN, "10"));
        assertEquals("Your sign-in code for Demo", format(en, "emailCodeSubject", Locale.ENGLISH, "Demo"));
        assertFalse(en.getProperty("emailCodeSubject").contains("{1}"), "the subject must not carry the code");
    }

    /**
     * Keycloak 26.4 passes the values a template hands to msg() to the message format as template objects, not
     * as Java numbers, so a number or choice format in an email text fails there ("Cannot format given Object as
     * a Number") and no code is sent. Email texts take their values as plain text.
     */
    @Test
    void emailTextsFormatNoNumbersSoEveryTestedKeycloakCanRenderThem() throws IOException {
        for (String lang : List.of("en", "de")) {
            load(EMAIL_DIR, lang).forEach((key, text) -> assertFalse(
                    text.toString().matches("(?s).*\\{\\d+,\\s*(number|choice|date|time).*"), lang + ": " + key + "=" + text));
        }
    }

    @Test
    void htmlEmailEscapesValuesAndPlainTextEmailDoesNot() throws IOException {
        String html = Files.readString(EMAIL_DIR.resolve("html/email-code.ftl"), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<#ftl output_format=\"HTML\">"), "HTML email must declare output_format HTML first");
        assertFalse(html.contains("?no_esc"), "HTML email must not switch escaping off");
        assertTrue(html.contains("<#import \"template.ftl\" as layout>"), "HTML email should use the base email layout");
        String text = Files.readString(EMAIL_DIR.resolve("text/email-code.ftl"), StandardCharsets.UTF_8);
        assertTrue(text.startsWith("<#ftl output_format=\"plainText\">"));
        for (String template : List.of(html, text)) {
            assertTrue(template.contains("${code}"), "the email must show the code");
            assertFalse(template.contains("href"), "the code never travels in a URL");
        }
    }

    @Test
    void loginPageHasTheFieldsAndButtonsTheAuthenticatorExpects() throws IOException {
        String page = Files.readString(LOGIN_DIR.resolve("login-email-code.ftl"), StandardCharsets.UTF_8);
        assertTrue(page.contains("<@layout.registrationLayout"));
        assertTrue(page.contains("action=\"${url.loginAction}\""));
        assertTrue(page.contains("id=\"code\" name=\"code\""));
        assertTrue(page.contains("autocomplete=\"one-time-code\""));
        assertTrue(page.contains("messagesPerField.existsError('code')"));
        assertTrue(page.contains("aria-describedby="));
        assertTrue(page.contains("name=\"resend\" value=\"true\""));
        assertTrue(page.contains("formnovalidate"), "resend must not require the code field");
        assertTrue(page.contains("url.loginRestartFlowUrl"));
        assertTrue(page.contains("maskedEmail"));

        Properties theme = new Properties();
        try (Reader in = Files.newBufferedReader(LOGIN_DIR.resolve("theme.properties"), StandardCharsets.UTF_8)) {
            theme.load(in);
        }
        assertEquals("keycloak.v2", theme.getProperty("parent"));
    }

    @Test
    void themeIsRegisteredForLoginAndEmail() throws IOException {
        JsonNode themes = json.readTree(THEMES_JSON.toFile()).path("themes");
        JsonNode ours = null;
        for (JsonNode theme : themes) {
            if (THEME.equals(theme.path("name").asText())) {
                ours = theme;
            }
        }
        assertTrue(ours != null, "keycloak-themes.json must list " + THEME);
        Set<String> types = new TreeSet<>();
        ours.path("types").forEach(t -> types.add(t.asText()));
        assertEquals(Set.of("login", "email"), types);
        assertTrue(Files.isDirectory(LOGIN_DIR) && Files.isDirectory(EMAIL_DIR));
    }

    @Test
    void realmExportUsesTheThemeAndTheEmailCodeBrowserFlow() throws IOException {
        JsonNode realm = json.readTree(REALM_EXPORT.toFile());
        assertEquals("demo", realm.path("realm").asText());
        assertTrue(realm.path("enabled").asBoolean());
        assertEquals(THEME, realm.path("loginTheme").asText());
        assertEquals(THEME, realm.path("emailTheme").asText());
        assertTrue(realm.path("bruteForceProtected").asBoolean());
        assertEquals("email code browser", realm.path("browserFlow").asText());
    }

    @Test
    void realmExportFlowsReferenceOnlyKnownProvidersFlowsAndConfigs() throws IOException {
        JsonNode realm = json.readTree(REALM_EXPORT.toFile());
        Map<String, JsonNode> flows = new HashMap<>();
        realm.path("authenticationFlows").forEach(f -> flows.put(f.path("alias").asText(), f));
        Set<String> configs = new TreeSet<>();
        realm.path("authenticatorConfig").forEach(c -> configs.add(c.path("alias").asText()));

        assertTrue(flows.containsKey(realm.path("browserFlow").asText()), "browserFlow must be defined");
        List<String> problems = new ArrayList<>();
        Set<String> usedAuthenticators = new TreeSet<>();
        for (JsonNode flow : flows.values()) {
            String alias = flow.path("alias").asText();
            if (!STOCK_FLOW_TYPES.contains(flow.path("providerId").asText())) {
                problems.add(alias + ": unknown flow type " + flow.path("providerId").asText());
            }
            for (JsonNode execution : flow.path("authenticationExecutions")) {
                if (execution.path("authenticatorFlow").asBoolean()) {
                    if (!flows.containsKey(execution.path("flowAlias").asText())) {
                        problems.add(alias + ": missing subflow " + execution.path("flowAlias").asText());
                    }
                    continue;
                }
                String id = execution.path("authenticator").asText();
                usedAuthenticators.add(id);
                if (!STOCK_AUTHENTICATORS.contains(id) && !OUR_AUTHENTICATORS.contains(id)) {
                    problems.add(alias + ": unknown authenticator " + id);
                }
                if (execution.has("authenticatorConfig") && !configs.contains(execution.path("authenticatorConfig").asText())) {
                    problems.add(alias + ": missing config " + execution.path("authenticatorConfig").asText());
                }
            }
        }
        assertEquals(List.of(), problems);
        assertTrue(usedAuthenticators.containsAll(OUR_AUTHENTICATORS), "flows should use " + OUR_AUTHENTICATORS);
    }

    @Test
    void emailCodeStepsCarryCompleteConfigs() throws IOException {
        JsonNode realm = json.readTree(REALM_EXPORT.toFile());
        // Every setting the step offers in the admin console, so the export shows admins what they can change.
        Set<String> expectedKeys = new io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticatorFactory().getConfigProperties()
                .stream().map(org.keycloak.provider.ProviderConfigProperty::getName).collect(java.util.stream.Collectors.toCollection(TreeSet::new));
        int seen = 0;
        for (JsonNode config : realm.path("authenticatorConfig")) {
            Set<String> keys = new TreeSet<>();
            config.path("config").fieldNames().forEachRemaining(keys::add);
            assertEquals(expectedKeys, keys, config.path("alias").asText());
            assertEquals("6", config.path("config").path("code.length").asText());
            assertEquals("300", config.path("config").path("code.validity.seconds").asText());
            seen++;
        }
        assertEquals(2, seen, "one config for the first-factor and one for the second-factor step");
    }

    /**
     * Codes and table keys are hashed with the realm's active HS256 key. A realm without one gets it generated on
     * first use by whichever node asks; two nodes asking at once generate two, and until their caches agree one
     * node does not find the codes the other issued. The export ships the key, next to Keycloak's defaults.
     */
    @Test
    void realmExportShipsTheHs256KeyThatHashesCodes() throws IOException {
        JsonNode realm = json.readTree(REALM_EXPORT.toFile());
        List<String> hmacAlgorithms = new java.util.ArrayList<>();
        List<String> providers = new java.util.ArrayList<>();
        for (JsonNode provider : realm.path("components").path("org.keycloak.keys.KeyProvider")) {
            providers.add(provider.path("providerId").asText());
            if (provider.path("providerId").asText().equals("hmac-generated")) {
                hmacAlgorithms.add(provider.path("config").path("algorithm").path(0).asText());
            }
        }
        assertTrue(hmacAlgorithms.contains("HS256"), hmacAlgorithms::toString);
        assertTrue(providers.containsAll(List.of("rsa-generated", "rsa-enc-generated", "aes-generated")),
                "Keycloak's default keys, which an import creates only when the export names no key provider: " + providers);
    }

    @Test
    void demoClientIsAPublicPkceClientWithTheCodeFlowOnly() throws IOException {
        JsonNode realm = json.readTree(REALM_EXPORT.toFile());
        JsonNode client = null;
        for (JsonNode c : realm.path("clients")) {
            if ("demo-app".equals(c.path("clientId").asText())) {
                client = c;
            }
        }
        assertTrue(client != null, "client demo-app missing");
        assertTrue(client.path("publicClient").asBoolean());
        assertTrue(client.path("standardFlowEnabled").asBoolean());
        assertFalse(client.path("implicitFlowEnabled").asBoolean());
        assertFalse(client.path("directAccessGrantsEnabled").asBoolean());
        assertEquals("S256", client.path("attributes").path("pkce.code.challenge.method").asText());
    }

    private static Set<String> keysUsedIn(Path template) throws IOException {
        String source = Files.readString(template, StandardCharsets.UTF_8);
        Set<String> keys = new TreeSet<>();
        for (Pattern pattern : List.of(MSG_CALL, BUTTON_LABEL)) {
            Matcher m = pattern.matcher(source);
            while (m.find()) {
                keys.add(m.group(1));
            }
        }
        return keys;
    }

    private static void assertKeysPresent(Path themeType, Iterable<String> keys) throws IOException {
        for (String lang : List.of("en", "de")) {
            Properties messages = load(themeType, lang);
            List<String> missing = new ArrayList<>();
            keys.forEach(k -> {
                if (!messages.containsKey(k)) {
                    missing.add(k);
                }
            });
            assertEquals(List.of(), missing, "missing in " + bundle(themeType, lang));
        }
    }

    private static String format(Properties messages, String key, Locale locale, Object... args) {
        return new MessageFormat(messages.getProperty(key), locale).format(args);
    }

    private static Path bundle(Path themeType, String lang) {
        return themeType.resolve("messages").resolve("messages_" + lang + ".properties");
    }

    /** Keycloak 26 reads message bundles as UTF-8. */
    private static Properties load(Path themeType, String lang) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(bundle(themeType, lang), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }
}
