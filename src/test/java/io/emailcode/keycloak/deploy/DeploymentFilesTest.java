package io.emailcode.keycloak.deploy;

import static io.emailcode.keycloak.deploy.ProjectFiles.list;
import static io.emailcode.keycloak.deploy.ProjectFiles.map;
import static io.emailcode.keycloak.deploy.ProjectFiles.matches;
import static io.emailcode.keycloak.deploy.ProjectFiles.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The container files (docker-compose.yml, Containerfile, .dockerignore) checked without a container engine:
 * pinned images, loopback ports that match the README, mounts of what the build produces, health checks.
 * Option names and the production documents are checked in {@link ProductionDocsTest}.
 */
class DeploymentFilesTest {

    /** An exact version (e.g. 26.7.3, 20.19.5-alpine) or a digest: never latest, never a bare major. */
    private static final Pattern PINNED_TAG = Pattern.compile("\\d+\\.\\d+\\.\\d+(-[a-z0-9.]+)?");
    private static final Pattern PORT = Pattern.compile("127\\.0\\.0\\.1:(\\d+):(\\d+)");
    private static final Pattern README_URL_PORT = Pattern.compile("http://localhost:(\\d+)");

    private final Map<String, Object> services = map(ProjectFiles.yaml("docker-compose.yml"), "services");

    @Test
    void everyComposeImageIsPinnedToAnExactVersion() {
        assertEquals(Set.of("keycloak", "dynamodb", "ses", "cognito"), services.keySet());
        services.forEach((name, service) -> assertPinned(name, (String) map(service).get("image")));
        assertEquals("quay.io/keycloak/keycloak:" + ProjectFiles.pomProperty("keycloak.version"),
                map(services.get("keycloak")).get("image"));
        assertEquals("amazon/dynamodb-local:" + ProjectFiles.pomProperty("dynamodb.local.version"),
                map(services.get("dynamodb")).get("image"));
    }

    @Test
    void everyContainerfileStageIsPinnedAndTheFinalStageStartsOptimisedAsNonRoot() {
        List<String> lines = read("Containerfile").lines().map(String::strip).toList();
        List<String> from = lines.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, from.size(), "a builder and a final stage");
        for (String stage : from) {
            String image = stage.split("\\s+")[1];
            assertPinned(stage, image);
            assertEquals("quay.io/keycloak/keycloak:" + ProjectFiles.pomProperty("keycloak.version"), image);
        }
        String text = read("Containerfile");
        assertTrue(text.contains("kc.sh build"), "augmented at build time");
        assertTrue(text.contains("--db=postgres"), "a production database");
        assertTrue(text.contains("COPY --from=builder /opt/keycloak/ /opt/keycloak/"));
        assertTrue(text.contains("ENTRYPOINT [\"/opt/keycloak/bin/kc.sh\"]"));
        assertTrue(text.contains("CMD [\"start\", \"--optimized\"]"));
        String finalStage = text.substring(text.lastIndexOf("\nFROM "));
        List<String> users = finalStage.lines().filter(l -> l.startsWith("USER ")).toList();
        assertFalse(users.isEmpty(), "the final stage names its user");
        users.forEach(u -> assertFalse(Set.of("USER root", "USER 0").contains(u.strip()), u));
    }

    @Test
    void everyServiceHasAHealthCheckAndDependenciesWaitForHealth() {
        services.forEach((name, service) -> {
            List<Object> test = list(map(map(service), "healthcheck").get("test"));
            assertTrue(test.size() > 1 && test.get(0).toString().startsWith("CMD"), name + " has a health check");
            Object dependsOn = map(service).get("depends_on");
            if (dependsOn != null) {
                map(dependsOn).forEach((dependency, how) -> {
                    assertTrue(services.containsKey(dependency), name + " depends on a service: " + dependency);
                    assertEquals("service_healthy", map(how).get("condition"), name + " -> " + dependency);
                });
            }
        });
        assertEquals(Set.of("dynamodb", "ses"), map(map(services.get("keycloak")), "depends_on").keySet());
    }

    private static final int DEMO_APP_PORT = io.emailcode.stack.StackPorts.demo().demoApp();

    @Test
    void hostPortsAreLoopbackOnlyAndAreTheReadmePorts() {
        Set<Integer> composePorts = new TreeSet<>();
        services.forEach((name, service) -> {
            for (Object port : list(map(service).get("ports"))) {
                var matcher = PORT.matcher(port.toString());
                assertTrue(matcher.matches(), name + " publishes on 127.0.0.1 only: " + port);
                composePorts.add(Integer.parseInt(matcher.group(1)));
            }
        });
        Set<Integer> readmePorts = matches(README_URL_PORT, read("README.md")).stream()
                .map(Integer::parseInt).collect(Collectors.toCollection(TreeSet::new));
        // The demo app runs from the JVM launcher on the host, not in compose; its port stays free for it.
        assertTrue(readmePorts.remove(DEMO_APP_PORT), "the README names the demo app's port");
        assertFalse(composePorts.contains(DEMO_APP_PORT), "compose leaves the demo app's port free");
        assertEquals(readmePorts, composePorts);
    }

    @Test
    void mountsPointAtTheBuiltJarAndTheRealmExport() {
        Map<String, String> binds = list(map(services.get("keycloak")).get("volumes")).stream()
                .map(ProjectFiles::map)
                .peek(v -> assertEquals(true, v.get("read_only"), "read-only: " + v))
                .collect(Collectors.toMap(v -> (String) v.get("target"), v -> (String) v.get("source")));
        String jar = "target/" + ProjectFiles.pomFinalName() + ".jar";
        assertEquals(Map.of("/opt/keycloak/providers/keycloak-email-code.jar", "./" + jar,
                "/opt/keycloak/data/import", "./realm-export"), binds);
        assertTrue(Files.isRegularFile(ProjectFiles.path("realm-export/demo-realm.json")));

        assertTrue(read("Containerfile").contains("ARG PROVIDER_JAR=" + jar), "the Containerfile copies " + jar);
        List<String> ignore = read(".dockerignore").lines().filter(l -> l.startsWith("!")).toList();
        assertTrue(ignore.stream().anyMatch(p -> ProjectFiles.globMatches(p.substring(1), jar)),
                ".dockerignore lets " + jar + " into the build context");

        for (String emulator : List.of("ses", "cognito")) {
            for (Object volume : list(map(services.get(emulator)).get("volumes"))) {
                String source = volume.toString().split(":")[0];
                assertTrue(Files.isRegularFile(ProjectFiles.path(source)), emulator + " mounts " + source);
                assertTrue(volume.toString().endsWith(":ro"), "read-only: " + volume);
            }
        }
    }

    @Test
    void endpointOptionsPointAtComposeServices() {
        List<String> options = list(map(services.get("keycloak")).get("command")).stream().map(Object::toString).toList();
        Pattern endpoint = Pattern.compile("--spi-[a-z-]+--endpoint=http://([a-z]+):(\\d+)");
        List<String> endpoints = options.stream().filter(o -> o.contains("--endpoint=")).toList();
        assertEquals(2, endpoints.size(), "SES and DynamoDB point at their emulators");
        for (String option : endpoints) {
            var matcher = endpoint.matcher(option);
            assertTrue(matcher.matches(), option);
            String service = matcher.group(1);
            assertTrue(services.containsKey(service), option + " names a service");
            assertTrue(list(map(services.get(service)).get("ports")).toString().contains(":" + matcher.group(2)),
                    option + " uses the port " + service + " listens on");
        }
        assertTrue(options.contains("--spi-email-sender--provider=ses"));
        assertTrue(options.contains("--spi-email-code-store--dynamodb--create-table=true"));
        assertTrue(options.contains("--import-realm"));
    }

    private static void assertPinned(String where, String image) {
        assertTrue(image != null && !image.isBlank(), where + " names an image");
        if (image.contains("@sha256:")) {
            return;
        }
        int colon = image.lastIndexOf(':');
        assertTrue(colon > image.lastIndexOf('/'), where + ": " + image + " has a tag");
        String tag = image.substring(colon + 1);
        assertTrue(PINNED_TAG.matcher(tag).matches(), where + ": " + image + " is pinned to an exact version");
    }
}
