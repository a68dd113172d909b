package io.emailcode.keycloak.theme;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Keycloak's own login theme in the version the project builds against: the keycloak-themes jar on the test
 * classpath. Its base theme lists the login locales; its bundles, base with keycloak.v2 on top, hold the texts of the
 * layout around our code page and of the address page before it.
 */
public final class KeycloakLoginTheme {

    /**
     * Keycloak's keys on the pages of the email-code flow: the page title, keycloak.v2's layout around the code page
     * (language menu, the address with its restart link, "try another way") and the address page (login-username.ftl)
     * whose button shares our {@code doLogIn}. Where Keycloak's bundle for a language lacks one, Keycloak would show
     * English; our bundle for that language supplies it instead.
     */
    public static final List<String> KEYS_ON_OUR_PAGES = List.of("loginTitle", "loginTitleHtml", "languages",
            "username", "usernameOrEmail", "email", "restartLoginTooltip", "doTryAnotherWay", "loginAccountTitle",
            "rememberMe", "noAccount", "doRegister", "identity-provider-login-label", "doLogIn", "doSubmit",
            "authenticatorCode", "doCancel");

    private static final List<String> THEMES = List.of("theme/base/login/", "theme/keycloak.v2/login/");

    private KeycloakLoginTheme() {
    }

    /** The {@code locales} of Keycloak's base login theme, spelled as Keycloak spells them (pt-BR, zh-CN). */
    public static List<String> locales() {
        return Arrays.stream(read(THEMES.get(0) + "theme.properties").getProperty("locales", "").split(","))
                .map(String::trim).filter(tag -> !tag.isEmpty()).toList();
    }

    /** Keycloak's own login messages for a language, without the English fallback Keycloak adds when showing them. */
    public static Properties messages(String languageTag) {
        Properties messages = new Properties();
        for (String theme : THEMES) {
            String file = theme + "messages/messages_" + fileSuffix(languageTag) + ".properties";
            if (KeycloakLoginTheme.class.getClassLoader().getResource(file) != null) {
                messages.putAll(read(file));
            }
        }
        return messages;
    }

    /** A Keycloak text without arguments as our login theme shows it: ours where we supply the key, else Keycloak's. */
    public static String shown(String languageTag, String key) throws IOException {
        String ours = ThemeBundles.load(ThemeBundles.LOGIN_DIR, languageTag).getProperty(key);
        String pattern = ours != null ? ours : messages(languageTag).getProperty(key);
        return new MessageFormat(pattern, ThemeBundles.locale(languageTag)).format(new Object[0]);
    }

    /** Keycloak names its Chinese bundles by script (zh_Hans, zh_Hant) and the others as we do (pt_BR). */
    private static String fileSuffix(String languageTag) {
        return switch (languageTag) {
            case "zh-CN" -> "zh_Hans";
            case "zh-TW" -> "zh_Hant";
            default -> languageTag.replace('-', '_');
        };
    }

    private static Properties read(String resource) {
        try (InputStream in = KeycloakLoginTheme.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test classpath (keycloak-themes)");
            }
            Properties p = new Properties();
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
