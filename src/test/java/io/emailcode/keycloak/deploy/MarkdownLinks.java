package io.emailcode.keycloak.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of a Markdown document that lead nowhere: a file that does not exist, or an anchor that no heading
 * of the target has, with headings slugged as GitHub renders them (lower case, punctuation dropped, spaces as
 * hyphens, "-1", "-2"... for repeated headings). Links to other sites are not followed; links inside code are not links.
 */
final class MarkdownLinks {

    private static final Pattern LINK = Pattern.compile("!?\\[[^\\]]*\\]\\(([^)\\s]+)(?:\\s+\"[^\"]*\")?\\)");
    private static final Pattern INLINE_CODE = Pattern.compile("`[^`]*`");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern EXTERNAL = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");
    private static final Pattern NOT_IN_SLUG = Pattern.compile("[^\\p{L}\\p{N}\\p{M} _-]");

    private MarkdownLinks() {
    }

    /** One line per dead link: {@code file:line: target (why)}. */
    static List<String> dead(Path document) {
        List<String> dead = new ArrayList<>();
        List<String> lines = prose(read(document));
        for (int i = 0; i < lines.size(); i++) {
            Matcher link = LINK.matcher(INLINE_CODE.matcher(lines.get(i)).replaceAll(""));
            while (link.find()) {
                String target = link.group(1);
                if (EXTERNAL.matcher(target).matches()) {
                    continue;
                }
                int line = i + 1;
                problem(document, target).ifPresent(why -> dead.add(document + ":" + line + ": " + target + " (" + why + ")"));
            }
        }
        return dead;
    }

    /** The anchors of a document's headings, in order. */
    static List<String> anchors(String markdown) {
        Map<String, Integer> seen = new HashMap<>();
        List<String> anchors = new ArrayList<>();
        for (String line : prose(markdown)) {
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                continue;
            }
            String slug = slug(heading.group(1));
            int repeats = seen.merge(slug, 1, Integer::sum) - 1;
            anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
        }
        return anchors;
    }

    private static Optional<String> problem(Path document, String target) {
        int hash = target.indexOf('#');
        String file = hash < 0 ? target : target.substring(0, hash);
        String anchor = hash < 0 ? "" : target.substring(hash + 1);
        Path resolved = file.isEmpty() ? document : document.toAbsolutePath().getParent().resolve(file).normalize();
        if (!Files.exists(resolved)) {
            return Optional.of("no such file");
        }
        if (!anchor.isEmpty() && (!resolved.toString().endsWith(".md") || !anchors(read(resolved)).contains(anchor))) {
            return Optional.of("no such heading");
        }
        return Optional.empty();
    }

    /** GitHub's heading ids: the heading's text without markup, lower case, punctuation dropped, spaces as hyphens. */
    private static String slug(String heading) {
        String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1").replace("`", "").replace("*", "");
        return NOT_IN_SLUG.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    /** The document's lines with fenced code blocks blanked (kept as empty lines, so line numbers stay right). */
    private static List<String> prose(String markdown) {
        List<String> lines = new ArrayList<>();
        boolean fenced = false;
        for (String line : markdown.split("\n", -1)) {
            boolean fence = line.strip().startsWith("```") || line.strip().startsWith("~~~");
            if (fence) {
                fenced = !fenced;
            }
            lines.add(fenced || fence ? "" : line);
        }
        return lines;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
