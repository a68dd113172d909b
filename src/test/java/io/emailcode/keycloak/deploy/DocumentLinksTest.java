package io.emailcode.keycloak.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link of the README and docs/ reaches a file of the repository and, with an anchor, one of its headings;
 * every document the sources name is in the repository.
 */
class DocumentLinksTest {

    /** A project document as sources name it: {@code README.md}, {@code docs/operations.md}. */
    private static final Pattern NAMED_DOCUMENT = Pattern.compile("(?<![\\w/.-])([A-Z][A-Z_]*\\.md|docs/[a-z0-9-]+\\.md)\\b");

    @Test
    void everyRelativeLinkAndAnchorOfTheDocumentsResolves() {
        List<Path> documents = new ArrayList<>(List.of(ProjectFiles.path("README.md")));
        documents.addAll(ProjectFiles.files("docs", ".md"));
        List<String> dead = new ArrayList<>();
        for (Path document : documents) {
            dead.addAll(MarkdownLinks.dead(document));
        }
        assertEquals(List.of(), dead);
    }

    @Test
    void everyDocumentTheSourcesNameIsInTheRepository() {
        List<String> missing = new ArrayList<>();
        for (Path source : ProjectFiles.files("src", ".java")) {
            Matcher named = NAMED_DOCUMENT.matcher(ProjectFiles.read(source));
            while (named.find()) {
                if (!Files.isRegularFile(ProjectFiles.path(named.group(1)))) {
                    missing.add(source + " names " + named.group(1));
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void anchorsAreSluggedAsGitHubSlugsHeadings() {
        assertEquals(List.of("2-iam-least-privilege", "server-options", "server-options-1", "what-people-see",
                        "keycloak_email_code_codes_total-labels", "drift-repair-and-full-reconciliation", "faß-domains"),
                MarkdownLinks.anchors("""
                        # 2. IAM: least privilege
                        ## Server options
                        ```bash
                        # not a heading
                        ```
                        ### Server options
                        ## What *people* see
                        ## `keycloak_email_code_codes_total` labels
                        ## [Drift repair](x.md) and full reconciliation
                        ## Faß domains
                        """));
    }

    @Test
    void aMissingFileOrHeadingIsToldAndLinksInCodeOrToOtherSitesAreNot(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("other.md"), "# Other\n## Known part\n");
        Path document = dir.resolve("doc.md");
        Files.writeString(document, """
                # Doc
                See [other](other.md#known-part), [top](#doc), [web](https://example.com/missing.md) and `[code](nowhere.md)`.
                Broken: [gone](gone.md), [part](other.md#unknown-part), [here](#nowhere).
                ```
                [fenced](fenced.md)
                ```
                """);
        assertEquals(List.of("doc.md:3: gone.md (no such file)", "doc.md:3: other.md#unknown-part (no such heading)",
                "doc.md:3: #nowhere (no such heading)"), MarkdownLinks.dead(document).stream()
                .map(line -> line.substring(line.indexOf("doc.md"))).toList());
        assertEquals(List.of(), MarkdownLinks.dead(dir.resolve("other.md")));
    }
}
