package io.emailcode.keycloak.benchmark;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The provider's share of Keycloak's CPU from a flight recording's execution samples ({@code jfr print --events
 * jdk.ExecutionSample}). A sample is the provider's when the nearest frame outside the JDK is under
 * {@code io.emailcode}: the provider's own code, or the AWS SDK and its HTTP client, which the provider JAR carries
 * shaded under {@code io.emailcode.keycloak.shaded} (JDK code they call, such as HMAC or sockets, counts with them).
 * The inclusive share (an {@code io.emailcode} frame anywhere on the stack) also counts Keycloak's own work that the
 * step asks for, such as rendering the code page, and is an upper bound.
 */
public record JfrShare(int samples, int providerSelf, int providerInclusive, List<Map.Entry<String, Integer>> topProviderFrames,
                       Map<String, Integer> parts) {

    private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");
    private static final String PROVIDER = "io.emailcode.";
    /**
     * Where Keycloak's time goes, by a frame anywhere on the sample's stack (parts overlap: signing happens inside the
     * token endpoint): what both ways of signing in share, and what only the email-code step adds.
     */
    private static final Map<String, String> PARTS = new LinkedHashMap<>(Map.of(
            "token endpoint (Keycloak)", "org.keycloak.protocol.oidc.endpoints.TokenEndpoint.",
            "authorization endpoint (Keycloak)", "org.keycloak.protocol.oidc.endpoints.AuthorizationEndpoint.",
            "form posts (Keycloak's LoginActionsService)", "org.keycloak.services.resources.LoginActionsService.",
            "RSA signatures (tokens)", "org.keycloak.crypto.AsymmetricSignatureSignerContext.",
            "page rendering (FreeMarker)", "freemarker.",
            "database (Hibernate)", "org.hibernate.",
            "the provider's step", "io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticator.",
            "the code email (template and SES, after the response)", "io.emailcode.keycloak.spi.authenticator.CodeMailer.",
            "the AWS SDK (shaded)", "io.emailcode.keycloak.shaded.software.amazon."));

    public double selfShare() {
        return samples == 0 ? Double.NaN : (double) providerSelf / samples;
    }

    public double inclusiveShare() {
        return samples == 0 ? Double.NaN : (double) providerInclusive / samples;
    }

    /** Reads a recording with the JDK's {@code jfr} tool. */
    public static JfrShare of(Path recording) {
        return read(recording, JfrShare::parse);
    }

    /** A parser of the execution samples that {@code jfr print} wrote. */
    interface SampleParser<T> {
        T parse(BufferedReader printed) throws IOException;
    }

    /** Prints a recording's execution samples next to it ({@code <recording>.txt}) and parses them. */
    static <T> T read(Path recording, SampleParser<T> parser) {
        Path printed = recording.resolveSibling(recording.getFileName() + ".txt");
        String out = KeycloakProcess.run(List.of(KeycloakProcess.tool("jfr"), "print", "--events", "jdk.ExecutionSample",
                "--stack-depth", "256", recording.toString()), Duration.ofMinutes(5));
        try {
            Files.writeString(printed, out);
            try (BufferedReader reader = Files.newBufferedReader(printed)) {
                return parser.parse(reader);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + printed, e);
        }
    }

    /** Hands each sample's stack (frames innermost first, as {@code jfr print} writes them) to {@code sample}. */
    static void forEachStack(BufferedReader printed, Consumer<List<String>> sample) throws IOException {
        List<String> stack = new ArrayList<>();
        boolean inStack = false;
        for (String line = printed.readLine(); line != null; line = printed.readLine()) {
            String trimmed = line.strip();
            if (trimmed.startsWith("stackTrace = [")) {
                inStack = true;
                stack.clear();
            } else if (inStack && trimmed.startsWith("]")) {
                inStack = false;
                sample.accept(List.copyOf(stack));
            } else if (inStack && !trimmed.equals("...")) {
                stack.add(trimmed);
            }
        }
    }

    static JfrShare parse(BufferedReader printed) throws IOException {
        Map<String, Integer> frames = new HashMap<>();
        Map<String, Integer> parts = new LinkedHashMap<>();
        PARTS.keySet().forEach(part -> parts.put(part, 0));
        int[] counts = new int[3]; // samples, the provider's own, with a provider frame anywhere
        forEachStack(printed, stack -> {
            counts[0]++;
            String owner = stack.stream().filter(f -> JDK.stream().noneMatch(f::startsWith)).findFirst().orElse("");
            if (owner.startsWith(PROVIDER)) {
                counts[1]++;
                frames.merge(owner.replaceAll("\\(.*", ""), 1, Integer::sum);
            }
            if (stack.stream().anyMatch(f -> f.startsWith(PROVIDER))) {
                counts[2]++;
            }
            PARTS.forEach((part, prefix) -> {
                if (stack.stream().anyMatch(f -> f.startsWith(prefix))) {
                    parts.merge(part, 1, Integer::sum);
                }
            });
        });
        List<Map.Entry<String, Integer>> top = frames.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())).limit(12).toList();
        return new JfrShare(counts[0], counts[1], counts[2], top, parts);
    }
}
