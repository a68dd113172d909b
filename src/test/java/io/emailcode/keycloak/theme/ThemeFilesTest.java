package io.emailcode.keycloak.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
    private static final Path LOGIN_DIR = ThemeBundles.LOGIN_DIR;
    private static final Path EMAIL_DIR = ThemeBundles.EMAIL_DIR;
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
            "doLogIn", "emailCodeTitle", "emailCodeInstruction", "emailCodeLabel", "emailCodeResend",
            "emailCodeUseAnotherEmail", "emailCodeInvalid", "emailCodeAttemptsExhausted", "emailCodeExpired",
            "emailCodeMissing", "emailCodeResendCooldown", "emailCodeBudgetSpent", "emailCodeSent",
            "emailCodeServiceUnavailable", "emailCodeNoEmail", "emailCodeMisconfigured", "emailCodeAddressInvalid",
            "emailCodeRequired", "emailCodeChangeAddressTaken");

    /** The authenticator passes this key as the email subject. */
    private static final List<String> AUTHENTICATOR_EMAIL_KEYS = List.of("emailCodeSubject", "emailCodeVerifySubject",
            "emailCodeChangeSubject", "emailCodeChangedSubject");

    /** msg("key") and msg('key') in FreeMarker templates. */
    private static final Pattern MSG_CALL = Pattern.compile("msg\\(\\s*[\"']([A-Za-z0-9_.-]+)[\"']");
    /** msg(prefix + "Suffix"): a key of each purpose the template's prefix map names. */
    private static final Pattern PREFIXED_MSG_CALL = Pattern.compile("msg\\(\\s*prefix \\+ \"([A-Za-z0-9_.-]+)\"");
    /** The template's purpose prefixes: {@code <#assign prefix = {"a": "x", "b": "y"}[...]!"z">}. */
    private static final Pattern PREFIX_MAP = Pattern.compile("<#assign prefix = \\{([^}]*)\\}\\[[^\\]]*\\]!\"([A-Za-z]+)\">");
    /** label="key" on the keycloak.v2 button macros, which look the label up as a message key. */
    private static final Pattern BUTTON_LABEL =
            Pattern.compile("<@buttons\\.(?:button|buttonLink)\\b[^>]*?\\blabel=\"([A-Za-z0-9_.-]+)\"");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyMessageKeyTheLoginPageUsesExistsInEveryLanguage() throws IOException {
        Set<String> used = keysUsedIn(LOGIN_DIR.resolve("login-email-code.ftl"));
        assertTrue(used.containsAll(List.of("emailCodeTitle", "emailCodeVerifyTitle", "emailCodeChangeTitle")),
                "key scan missed the purposes' keys: " + used);
        assertKeysPresent(LOGIN_DIR, used);
        assertKeysPresent(LOGIN_DIR, AUTHENTICATOR_LOGIN_KEYS);
    }

    @Test
    void everyMessageKeyTheEmailTemplatesUseExistsInEveryLanguage() throws IOException {
        Set<String> used = new TreeSet<>(keysUsedIn(EMAIL_DIR.resolve("html/email-code.ftl")));
        used.addAll(keysUsedIn(EMAIL_DIR.resolve("text/email-code.ftl")));
        used.addAll(keysUsedIn(EMAIL_DIR.resolve("html/email-code-address-changed.ftl")));
        used.addAll(keysUsedIn(EMAIL_DIR.resolve("text/email-code-address-changed.ftl")));
        assertTrue(used.containsAll(List.of("emailCodeVerifySubject", "emailCodeChangeSubject", "emailCodeChangedSubject")),
                "key scan missed the purposes' keys: " + used);
        assertFalse(used.isEmpty());
        assertKeysPresent(EMAIL_DIR, used);
        assertKeysPresent(EMAIL_DIR, AUTHENTICATOR_EMAIL_KEYS);
    }

    @Test
    void subjectNamesTheRealmAndNeverCarriesTheCode() throws IOException {
        for (String language : ThemeBundles.LANGUAGES) {
            String subject = ThemeBundles.load(EMAIL_DIR, language).getProperty("emailCodeSubject");
            assertEquals(Set.of("0"), argumentsOf(subject), language + ": the subject takes the realm name only");
        }
        assertEquals("Your sign-in code for Demo", format(ThemeBundles.load(EMAIL_DIR, "en"), "emailCodeSubject", Locale.ENGLISH, "Demo"));
    }

    @Test
    void htmlEmailEscapesValuesAndPlainTextEmailDoesNot() throws IOException {
        String html = Files.readString(EMAIL_DIR.resolve("html/email-code.ftl"), StandardCharsets.UTF_8);
        assertTrue(html.startsWith("<#ftl output_format=\"HTML\">"), "HTML email must declare output_format HTML first");
        assertFalse(html.contains("?no_esc"), "HTML email must not switch escaping off");
        assertTrue(html.contains("<html lang=\"${locale.toLanguageTag()}\""), "the email says its language, region included");
        assertFalse(html.contains("<img") || html.contains("url("), "no images: nothing to load, nothing to track");
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
        assertTrue(page.contains("messagesPerField.get('code')"));
        assertTrue(page.contains("aria-describedby="));
        assertTrue(page.contains("name=\"resend\" value=\"true\""));
        assertTrue(page.contains("formnovalidate"), "resend must not require the code field");
        assertTrue(page.contains("url.loginRestartFlowUrl"));
        assertTrue(page.contains("emailShown"));
        assertFalse(page.contains("maxlength") || page.contains("pattern="), "a pasted code with spaces must reach the server");
        assertTrue(page.contains("inputmode=\"numeric\""));

        assertEquals("keycloak.v2", ThemeBundles.themeProperties(LOGIN_DIR).getProperty("parent"));
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
        assertEquals(3, seen, "one config for the first-factor, the second-factor and the app step");
    }

    /**
     * Keycloak 26.4 hands the values a template passes to msg() to the message format as template objects, not as
     * Java numbers, so a number or choice format fails there ("Cannot format given Object as a Number") and the page
     * or the email is not rendered. Every text takes its values as plain text.
     */
    @Test
    void noTextFormatsNumbersSoEveryTestedKeycloakCanRenderIt() throws IOException {
        for (Path dir : List.of(LOGIN_DIR, EMAIL_DIR)) {
            for (String lang : ThemeBundles.LANGUAGES) {
                ThemeBundles.load(dir, lang).forEach((key, text) -> assertFalse(
                        text.toString().matches("(?s).*\\{\\d+,\\s*(number|choice|date|time).*"), dir + " " + lang + ": " + key));
            }
        }
    }

    /**
     * The product's own secrets ship in the export beside Keycloak's default keys: created by the import, not on first
     * use, so two nodes of a fresh cluster can never each make one (and hash addresses differently).
     */
    @Test
    void realmExportShipsTheProductsSecretsBesideKeycloaksDefaultKeys() throws IOException {
        JsonNode realm = json.readTree(REALM_EXPORT.toFile());
        List<String> providers = new java.util.ArrayList<>();
        realm.path("components").path("org.keycloak.keys.KeyProvider").forEach(p -> providers.add(p.path("providerId").asText()));
        assertTrue(providers.containsAll(List.of("email-code-address-secret", "email-code-code-key")), providers::toString);
        assertTrue(providers.containsAll(List.of("rsa-generated", "rsa-enc-generated", "hmac-generated", "aes-generated")),
                "Keycloak's default keys, which an import creates only when the export names no key provider: " + providers);
        realm.path("components").path("org.keycloak.keys.KeyProvider").forEach(p -> assertFalse(p.path("config").has("secret"),
                "no secret in a file: " + p.path("name").asText()));
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
        Matcher map = PREFIX_MAP.matcher(source);
        if (map.find()) {
            List<String> prefixes = new ArrayList<>(List.of(map.group(2)));
            Matcher value = Pattern.compile(":\\s*\"([A-Za-z]+)\"").matcher(map.group(1));
            while (value.find()) {
                prefixes.add(value.group(1));
            }
            Matcher prefixed = PREFIXED_MSG_CALL.matcher(source);
            while (prefixed.find()) {
                for (String prefix : prefixes) {
                    keys.add(prefix + prefixed.group(1));
                }
            }
        }
        return keys;
    }

    /** Each key is ours in every language, or one of Keycloak's own, which Keycloak translates. */
    private static void assertKeysPresent(Path themeType, Iterable<String> keys) throws IOException {
        Properties stock = stockEnglish(themeType);
        for (String lang : ThemeBundles.LANGUAGES) {
            Properties messages = ThemeBundles.load(themeType, lang);
            List<String> missing = new ArrayList<>();
            keys.forEach(k -> {
                if (!messages.containsKey(k) && !stock.containsKey(k)) {
                    missing.add(k);
                }
            });
            assertEquals(List.of(), missing, "missing in " + ThemeBundles.bundle(themeType, lang));
        }
    }

    private static Properties stockEnglish(Path themeType) throws IOException {
        Properties stock = new Properties();
        String path = "theme/base/" + themeType.getFileName() + "/messages/messages_en.properties";
        try (InputStream in = ThemeFilesTest.class.getClassLoader().getResourceAsStream(path)) {
            assertTrue(in != null, path + " not on the test classpath");
            stock.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return stock;
    }

    private static String format(Properties messages, String key, Locale locale, Object... args) {
        return new MessageFormat(messages.getProperty(key), locale).format(args);
    }

    private static Set<String> argumentsOf(String pattern) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile("\\{(\\d+)").matcher(pattern);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
