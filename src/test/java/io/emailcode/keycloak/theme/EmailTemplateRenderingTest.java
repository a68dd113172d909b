package io.emailcode.keycloak.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.FileTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.keycloak.theme.beans.MessageFormatterMethod;

/**
 * Renders the email templates the way Keycloak does: FreeMarker with HTML as the default output format,
 * our theme in front of the stock base email theme, messages through Keycloak's own msg() method.
 */
class EmailTemplateRenderingTest {

    private static final Path EMAIL_DIR = ThemeBundles.EMAIL_DIR;

    @Test
    void htmlEmailShowsTheCodeProminentlyAndEscapesEveryValue() throws Exception {
        String html = render("html", Locale.ENGLISH, "<b>12&34</b>", 5, "Demo <Realm>");

        assertTrue(html.contains("&lt;b&gt;12&amp;34&lt;/b&gt;"), html);
        assertFalse(html.contains("<b>12"), "the code must be escaped");
        assertTrue(html.contains("Demo &lt;Realm&gt;"), "the realm name must be escaped");
        assertTrue(html.contains("monospace") && html.contains("letter-spacing") && html.contains("font-size: 32px"));
        assertTrue(html.contains("The code is valid for 5 minutes."));
        assertTrue(html.contains("If you did not try to sign in, you can ignore this email."));
        assertTrue(html.contains("<html lang=\"en\""), html);
        assertTrue(html.contains("<title>Your sign-in code for Demo &lt;Realm&gt;</title>"), html);
    }

    @Test
    void previewTextStartsWithTheCodeAndTheSubjectDoesNot() throws Exception {
        String html = render("html", Locale.ENGLISH, "482913", 5, "Demo");

        int preview = html.indexOf("482913 is your sign-in code for Demo.");
        assertTrue(preview > 0 && preview < html.indexOf("<table"), "the hidden preview comes before the content");
        assertTrue(html.contains("<title>Your sign-in code for Demo</title>"));
    }

    @Test
    void htmlEmailHasNoImagesLinksOrRemoteContent() throws Exception {
        String html = render("html", Locale.ENGLISH, "482913", 5, "Demo");

        for (String remote : List.of("<img", "<a ", "href", "src=", "url(", "<link", "<script", "<style")) {
            assertFalse(html.contains(remote), "found " + remote);
        }
    }

    @Test
    void languageAttributeKeepsTheRegion() throws Exception {
        String html = render("html", Locale.forLanguageTag("pt-BR"), "482913", 5, "Demo");

        assertTrue(html.contains("<html lang=\"pt-BR\""), html);
        assertTrue(html.contains("O código vale por 5 minutos."), html);
    }

    @Test
    void rightToLeftEmailKeepsTheCodeLeftToRight() throws Exception {
        String html = render("html", Locale.forLanguageTag("ar"), "482913", 5, "Demo", false);

        assertTrue(html.contains("<html lang=\"ar\" dir=\"rtl\">"), html);
        assertTrue(html.contains("<p dir=\"ltr\" style=\"margin: 0; padding: 16px 24px;"), "the code reads left to right");
        assertTrue(html.contains("مدة صلاحية الرمز بالدقائق: 5."), html);
    }

    @Test
    void plainTextEmailCarriesTheSameContentInGerman() throws Exception {
        String text = render("text", Locale.GERMAN, "482913", 1, "Demo");

        assertTrue(text.contains("\n    482913\n"), text);
        assertTrue(text.contains("Mit diesem Code melden Sie sich bei Demo an:"), text);
        assertTrue(text.contains("Der Code ist 1 Minute lang gültig."), text);
        assertTrue(text.contains("Geben Sie diesen Code an niemanden weiter."), text);
        assertTrue(text.contains("können Sie diese E-Mail ignorieren."), text);
        assertTrue(text.contains("weil diese Adresse für eine Anmeldung bei Demo eingegeben wurde."), text);
        assertFalse(text.contains("<"), "plain text has no markup");
    }

    @Test
    void validityAlsoRendersWhenTheMinutesArriveAsText() throws Exception {
        String text = render("text", Locale.ENGLISH, "482913", "10", "Demo");

        assertTrue(text.contains("The code is valid for 10 minutes."), text);
    }

    @Test
    void subjectNamesTheRealmButNotTheCode() throws Exception {
        MessageFormatterMethod msg = new MessageFormatterMethod(Locale.GERMAN, messages(Locale.GERMAN));
        Object subject = msg.exec(List.of(new SimpleScalar("emailCodeSubject"), new SimpleScalar("Demo")));

        assertEquals("Ihr Anmeldecode für Demo", subject);
    }

    private static String render(String kind, Locale locale, String code, Object ttlMinutes, String realmName)
            throws IOException, TemplateException {
        return render(kind, locale, code, ttlMinutes, realmName, true);
    }

    /** @param ltr as Keycloak decides it: from the direction of the language's own name */
    private static String render(String kind, Locale locale, String code, Object ttlMinutes, String realmName, boolean ltr)
            throws IOException, TemplateException {
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setDefaultEncoding("UTF-8");
        cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
                new FileTemplateLoader(EMAIL_DIR.resolve(kind).toFile()),
                new ClassTemplateLoader(EmailTemplateRenderingTest.class.getClassLoader(), "theme/base/email/" + kind)}));

        Map<String, Object> model = new HashMap<>();
        model.put("code", code);
        model.put("ttlMinutes", ttlMinutes);
        model.put("realmName", realmName);
        model.put("locale", locale);
        model.put("ltr", ltr);
        model.put("msg", new MessageFormatterMethod(locale, messages(locale)));

        StringWriter out = new StringWriter();
        cfg.getTemplate("email-code.ftl").process(model, out);
        return out.toString();
    }

    /** Stock base messages first, ours on top, as Keycloak merges a theme with its parent. */
    private static Properties messages(Locale locale) throws IOException {
        Properties messages = new Properties();
        String file = "messages_" + locale.getLanguage() + ".properties";
        try (InputStream base = EmailTemplateRenderingTest.class.getClassLoader()
                .getResourceAsStream("theme/base/email/messages/" + file)) {
            assertTrue(base != null, "stock base email messages not on the test classpath");
            messages.load(new InputStreamReader(base, StandardCharsets.UTF_8));
        }
        messages.putAll(ThemeBundles.load(EMAIL_DIR, locale.toLanguageTag()));
        return messages;
    }
}
