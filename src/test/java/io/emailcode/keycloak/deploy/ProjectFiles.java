package io.emailcode.keycloak.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Reads the project's own files for the deployment tests; Maven runs tests in the project directory. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    static Path path(String relative) {
        return Path.of(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Plain YAML only: CloudFormation short-form tags such as !Ref would fail here, on purpose. */
    static Map<String, Object> yaml(String relative) {
        return map(new Yaml(new SafeConstructor(new LoaderOptions())).load(read(relative)));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object node) {
        if (!(node instanceof Map)) {
            throw new AssertionError("expected a mapping, got: " + node);
        }
        return (Map<String, Object>) node;
    }

    static Map<String, Object> map(Map<String, Object> parent, String key) {
        return map(parent.get(key));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object node) {
        if (!(node instanceof List)) {
            throw new AssertionError("expected a list, got: " + node);
        }
        return (List<Object>) node;
    }

    /** Group 1 of every match. */
    static List<String> matches(Pattern pattern, String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }

    static boolean globMatches(String glob, String relative) {
        return FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(relative));
    }

    /** Files below {@code dir} whose names end with {@code suffix}. */
    static List<Path> files(String dir, String suffix) {
        try (Stream<Path> walk = Files.walk(path(dir))) {
            return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String pomProperty(String name) {
        return childText(child(pom(), "properties"), name);
    }

    /** What {@code mvn package} names the JAR: build/finalName if set, otherwise artifactId-version. */
    static String pomFinalName() {
        Element project = pom();
        Element build = child(project, "build");
        String finalName = childTextOrNull(build, "finalName");
        if (finalName != null) {
            return finalName;
        }
        return childText(project, "artifactId") + "-" + childText(project, "version");
    }

    private static Element pom() {
        try {
            Document document = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(path("pom.xml").toFile());
            return document.getDocumentElement();
        } catch (Exception e) {
            throw new IllegalStateException("Could not read pom.xml", e);
        }
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("pom.xml has no <" + name + "> under <" + parent.getTagName() + ">");
    }

    private static String childText(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static String childTextOrNull(Element parent, String name) {
        try {
            return childText(parent, name);
        } catch (AssertionError e) {
            return null;
        }
    }
}
