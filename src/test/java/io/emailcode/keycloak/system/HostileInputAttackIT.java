package io.emailcode.keycloak.system;

import io.emailcode.keycloak.system.fixture.AttackReport;
import io.emailcode.keycloak.system.fixture.DemoRealm;
import io.emailcode.keycloak.system.fixture.HostileInputs;
import io.emailcode.keycloak.system.fixture.LoginBrowser;
import io.emailcode.keycloak.system.fixture.RealStack;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.stack.LocalStack;
import io.emailcode.stack.ReceivedEmail;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Generated hostile input on every field and parameter of the flow: zero 5xx, nothing reflected unescaped, no template
 * evaluated, and nothing but one recipient and the product's own subject in what SES received.
 */
@ExtendWith({RealStack.class, AttackReport.class})
class HostileInputAttackIT {

    private static final int CASES_PER_FIELD = AttackReport.scaled(30, 500);
    private static final List<String> FIELDS = List.of("username", "kc_locale", "X-Forwarded-For", "Accept-Language",
            "code", "resend", "session_code", "execution", "tab_id", "client_data");
    private static final Set<String> QUERY_FIELDS = Set.of("kc_locale", "session_code", "execution", "tab_id", "client_data");
    /**
     * Keycloak's own {@code quarkus.http.limits.max-initial-line-length}: a longer request line is refused by its HTTP
     * layer with 414 and the connection closed, so a client still sending may see only the close.
     */
    private static final int KEYCLOAK_REQUEST_LINE_LIMIT = 32_779;

    private final LocalStack stack;
    private final DemoRealm realm;
    private int refusedByKeycloak;
    private int refusedForLength;

    HostileInputAttackIT(LocalStack stack, DemoRealm realm) {
        this.stack = stack;
        this.realm = realm;
    }

    @BeforeAll
    static void allowQuickRetries(DemoRealm realm) {
        realm.allowQuickRetries();
    }

    @Test
    void generatedHostileInputOnEveryFieldNeverBreaksAPageOrAnEmail() {
        HostileInputs inputs = HostileInputs.fromSystemProperty();
        String known = realm.newUser();
        int cases = 0;
        for (String field : FIELDS) {
            for (int i = 0; i < CASES_PER_FIELD; i++) {
                String payload = inputs.next();
                LoginBrowser.Page page;
                try {
                    page = attack(field, payload, known);
                } catch (RuntimeException e) {
                    if (closedForLength(field, payload, e)) {
                        refusedForLength++;
                        cases++;
                        continue;
                    }
                    throw new AssertionError("seed " + inputs.seed() + ", field " + field + ", case " + i + ": " + e, e);
                }
                String where = "seed " + inputs.seed() + ", field " + field + ", case " + i + ": " + preview(payload);
                assertTrue(page.status() < 500, where + " answered " + page.status());
                assertFalse(page.html().contains(HostileInputs.EVALUATED), where + ": template syntax was evaluated");
                if (payload.length() >= 6 && payload.matches("(?s).*[<>\"].*")) {
                    assertFalse(page.html().contains(payload), where + ": reflected unescaped");
                }
                cases++;
            }
        }
        realm.metrics().awaitCodeEmailsOut(Duration.ofSeconds(30));
        List<ReceivedEmail> emails = stack.ses().inbox();
        for (ReceivedEmail email : emails) {
            assertEquals(1, email.to().size(), "one recipient");
            assertTrue(email.cc().isEmpty() && email.bcc().isEmpty(), "no copies");
            assertFalse(email.subject().contains("\n") || email.subject().contains("\r"), email.subject());
            assertFalse(email.to().get(0).matches("(?s).*[\\r\\n,<>\" ].*"), email.to().get(0));
        }
        AttackReport.record("hostile input", "generated cases over " + FIELDS.size() + " fields (seed " + inputs.seed() + ")", cases);
        AttackReport.record("hostile input", "answers with 5xx, unescaped reflections, evaluated templates", "0, 0, 0");
        AttackReport.record("hostile input", "kc_locale values Keycloak refused itself (400) before the login page", refusedByKeycloak);
        AttackReport.record("hostile input", "query values past Keycloak's request-line limit (its 414, or the connection closed before it was read)",
                refusedForLength);
        AttackReport.record("hostile input", "emails checked for extra recipients or headers", emails.size());
    }

    @Test
    void internationalisedAddressesAreNormalisedAndQuotedLocalPartsRefusedWithTheFormsMessage() {
        LoginBrowser idn = realm.browser();
        idn.openLogin();
        assertTrue(idn.submitEmail("someone@b\u00fccher.example").shows("one-time-code"), "accepted, as xn--bcher-kva.example");
        LoginBrowser quoted = realm.browser();
        quoted.openLogin();
        assertTrue(quoted.submitEmail("\"some one\"@example.com").shows("Enter a valid email address"));
        LoginBrowser unicodeLocal = realm.browser();
        unicodeLocal.openLogin();
        assertTrue(unicodeLocal.submitEmail("j\u00f6rg@example.com").shows("Enter a valid email address"),
                "a non-ASCII local part cannot be sent through SES v1: refused at the form");
    }

    private LoginBrowser.Page attack(String field, String payload, String known) {
        LoginBrowser browser = realm.browser();
        switch (field) {
            case "kc_locale" -> {
                LoginBrowser.Page opened = browser.openLogin(Map.of("kc_locale", payload));
                if (opened.status() == 400 && opened.html().contains("Blocking invalid query parameter value")) {
                    // Keycloak itself refuses query values with control characters before any page is built.
                    refusedByKeycloak++;
                    return opened;
                }
                if (opened.status() == 414) {
                    // Keycloak's HTTP layer refuses a request line past its limit, before any page is built.
                    assertTrue(URLEncoder.encode(payload, StandardCharsets.UTF_8).length() > KEYCLOAK_REQUEST_LINE_LIMIT,
                            "414 for a request line within Keycloak's limit");
                    refusedForLength++;
                    return opened;
                }
                return browser.submitEmail(known);
            }
            case "username" -> {
                browser.openLogin();
                return browser.postCrafted(Map.of("username", payload), Map.of(), Map.of());
            }
            case "X-Forwarded-For", "Accept-Language" -> {
                browser.openLogin();
                return browser.postCrafted(Map.of("username", DemoRealm.newAddress("hostile")), Map.of(),
                        Map.of(field, headerSafe(payload)));
            }
            default -> {
                browser.openLogin();
                browser.submitEmail(DemoRealm.newAddress("hostile"));
                return switch (field) {
                    case "code" -> browser.postCrafted(Map.of("code", payload), Map.of(), Map.of());
                    case "resend" -> browser.postCrafted(Map.of("resend", payload), Map.of(), Map.of());
                    default -> browser.postCrafted(Map.of("code", "123456"), Map.of(field, payload), Map.of());
                };
            }
        }
    }

    /**
     * Whether the request failed only because Keycloak's HTTP layer closed a connection whose request line was past its
     * limit: the answer there is 414 (checked as any page when it arrives), never a page of ours.
     */
    private static boolean closedForLength(String field, String payload, RuntimeException failure) {
        return QUERY_FIELDS.contains(field) && failure.getCause() instanceof IOException
                && URLEncoder.encode(payload, StandardCharsets.UTF_8).length() > KEYCLOAK_REQUEST_LINE_LIMIT;
    }

    /** What an HTTP client can put in a header at all: visible ASCII, Latin-1 and tabs; anything else becomes a space. */
    private static String headerSafe(String payload) {
        return payload.replaceAll("[^\\t\\x20-\\x7E\\xA0-\\xFF]", " ");
    }

    private static String preview(String payload) {
        String shown = payload.length() > 80 ? payload.substring(0, 80) + "... (" + payload.length() + " chars)" : payload;
        return shown.replace("\r", "\\r").replace("\n", "\\n").replace("\u0000", "\\0");
    }
}
