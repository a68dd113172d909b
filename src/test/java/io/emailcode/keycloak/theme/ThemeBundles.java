package io.emailcode.keycloak.theme;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.text.MessageFormat;
import java.util.Properties;
import java.util.Set;

/** The theme's message bundles as Keycloak reads them: UTF-8 properties, one file per language and theme type. */
public final class ThemeBundles {

    public static final Path THEME_DIR = Path.of("themes", "email-code");
    public static final Path LOGIN_DIR = THEME_DIR.resolve("login");
    public static final Path EMAIL_DIR = THEME_DIR.resolve("email");
    public static final List<Path> TYPES = List.of(LOGIN_DIR, EMAIL_DIR);
    /**
     * The languages the product promises, as language tags (the realm's supportedLocales): English, then every locale
     * of Keycloak's own login theme in its order.
     */
    public static final List<String> LANGUAGES = List.of("en", "ar", "az", "ca", "cs", "da", "de", "el", "es", "eu",
            "fa", "fr", "fi", "hr", "hu", "hy", "id", "it", "ja", "kk", "ko", "ky", "lt", "lv", "nl", "no", "pl", "pt",
            "pt-BR", "ro", "ru", "sk", "sl", "sv", "th", "tr", "uk", "vi", "zh-CN", "zh-TW");
    /** Written right to left: Keycloak gives their pages and emails {@code dir="rtl"}. */
    public static final Set<String> RIGHT_TO_LEFT = Set.of("ar", "fa");

    private ThemeBundles() {
    }

    /** {@code pt-BR} is read from {@code messages_pt_BR.properties}, as Keycloak names the files. */
    public static Path bundle(Path themeType, String languageTag) {
        return themeType.resolve("messages").resolve("messages_" + languageTag.replace('-', '_') + ".properties");
    }

    public static Properties load(Path themeType, String languageTag) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(bundle(themeType, languageTag), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    public static Properties themeProperties(Path themeType) throws IOException {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(themeType.resolve("theme.properties"), StandardCharsets.UTF_8)) {
            p.load(in);
        }
        return p;
    }

    public static Locale locale(String languageTag) {
        return Locale.forLanguageTag(languageTag);
    }

    /** A message as Keycloak shows it: the bundle's pattern formatted with java.text.MessageFormat. */
    public static String text(Path themeType, String languageTag, String key, Object... args) throws IOException {
        String pattern = load(themeType, languageTag).getProperty(key);
        if (pattern == null) {
            throw new IllegalArgumentException(key + " is not in " + bundle(themeType, languageTag));
        }
        return new MessageFormat(pattern, locale(languageTag)).format(args);
    }
}
