package io.emailcode.keycloak.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Keycloak's sampled CPU split into parts that do not overlap: each execution sample goes to the first part whose
 * frames are on its stack, so the parts add up to the whole and, multiplied by a block's CPU per sign-in, say what
 * each costs a sign-in. The order decides: the AWS SDK's frames (DynamoDB and SES calls, shaded into the provider JAR)
 * win over the code email that sends through it, FreeMarker under the email over the email's other work, a page
 * over the step that shows it (the address page is Keycloak's Username Form page, which the floor shows too).
 */
public record JfrParts(int samples, Map<String, Integer> parts) {

    static final String AWS_SDK = "AWS SDK calls (DynamoDB transaction and update, SES send)";
    static final String EMAIL_TEMPLATE = "code email: FreeMarker rendering";
    static final String EMAIL_OTHER = "code email: the rest (finding the recipient, Keycloak's email provider, theme)";
    static final String CODE_PAGE = "code page: built and rendered by Keycloak's login forms";
    static final String ADDRESS_PAGE = "address page: built and rendered by Keycloak's login forms";
    static final String PROVIDER = "the provider's own work";
    static final String KEYCLOAK = "Keycloak's own (flow, sessions, HTTP, OIDC, database)";

    private static final String SHADED = "io.emailcode.keycloak.shaded.";
    private static final List<String> EMAIL = List.of("io.emailcode.keycloak.spi.authenticator.CodeMailer.",
            "io.emailcode.keycloak.spi.authenticator.CodeEmails.");
    private static final String CODE_PAGE_FRAME = "io.emailcode.keycloak.spi.authenticator.CodePage.";
    /** Keycloak's Username Form page, which both the product's address form and the floor's Username Form show. */
    private static final String USERNAME_PAGE = "org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider.createLoginUsername";
    private static final String FREEMARKER = "freemarker.";
    private static final Map<String, Predicate<List<String>>> RULES = new LinkedHashMap<>();

    static {
        RULES.put(AWS_SDK, stack -> has(stack, SHADED));
        RULES.put(EMAIL_TEMPLATE, stack -> EMAIL.stream().anyMatch(frame -> has(stack, frame)) && has(stack, FREEMARKER));
        RULES.put(EMAIL_OTHER, stack -> EMAIL.stream().anyMatch(frame -> has(stack, frame)));
        RULES.put(CODE_PAGE, stack -> has(stack, CODE_PAGE_FRAME));
        RULES.put(ADDRESS_PAGE, stack -> has(stack, USERNAME_PAGE));
        RULES.put(PROVIDER, stack -> has(stack, "io.emailcode."));
        RULES.put(KEYCLOAK, stack -> true);
    }

    /** Reads a recording with the JDK's {@code jfr} tool. */
    public static JfrParts of(Path recording) {
        return JfrShare.read(recording, JfrParts::parse);
    }

    static JfrParts parse(BufferedReader printed) throws IOException {
        List<List<String>> stacks = new ArrayList<>();
        JfrShare.forEachStack(printed, stacks::add);
        return of(stacks);
    }

    /** Splits samples given as stacks (frames innermost first, each starting with its class and method name). */
    static JfrParts of(List<List<String>> stacks) {
        Map<String, Integer> parts = new LinkedHashMap<>();
        RULES.keySet().forEach(part -> parts.put(part, 0));
        for (List<String> stack : stacks) {
            RULES.entrySet().stream().filter(rule -> rule.getValue().test(stack)).findFirst()
                    .ifPresent(rule -> parts.merge(rule.getKey(), 1, Integer::sum));
        }
        return new JfrParts(stacks.size(), parts);
    }

    /** A part's share of the samples times {@code cpuPerSignIn}: what that part costs a sign-in, in the same unit. */
    double perSignIn(String part, double cpuPerSignIn) {
        return samples == 0 ? Double.NaN : cpuPerSignIn * parts.getOrDefault(part, 0) / samples;
    }

    private static boolean has(List<String> stack, String prefix) {
        return stack.stream().anyMatch(frame -> frame.startsWith(prefix));
    }
}
