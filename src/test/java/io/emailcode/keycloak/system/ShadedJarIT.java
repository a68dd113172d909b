package io.emailcode.keycloak.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The provider JAR as Keycloak loads it: ICU4J shaded and relocated, with only the data UTS #46 reads. The JAR is
 * loaded on its own (only the JDK beside it), so nothing of the test classpath's ICU4J can stand in for its copy.
 */
class ShadedJarIT {

    private static final String RELOCATED_ICU = "io/emailcode/keycloak/shaded/com/ibm/icu/";

    private final Path jar = Path.of(System.getProperty("stack.providerJar", "target/keycloak-email-code-0.1.0-SNAPSHOT.jar"));

    @Test
    void internationalisedDomainsAreProcessedByTheJarsOwnRelocatedIcu() throws Exception {
        try (URLClassLoader provider = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader())) {
            Class<?> addresses = provider.loadClass("io.emailcode.keycloak.code.EmailAddresses");
            Method normalise = addresses.getMethod("normalise", String.class);
            Method storedForms = addresses.getMethod("storedForms", String.class);
            assertEquals(Optional.of("x@xn--fa-hia.de"), normalise.invoke(null, "x@FA\u00df.de"), "mapping and nontransitional");
            assertEquals(List.of("x@xn--fa-hia.de", "x@fa\u00df.de"), storedForms.invoke(null, "x@xn--fa-hia.de"));
            assertTrue(((Optional<?>) normalise.invoke(null, "x@\u0915\u094d\u200c\u0937.in")).isPresent(), "joining data");
            assertEquals(Optional.empty(), normalise.invoke(null, "x@exa\u200cmple.com"), "CONTEXTJ");
            assertEquals(Optional.empty(), normalise.invoke(null, "x@a\u05d0.com"), "bidi data");
            assertEquals(Optional.of("x@xn--bcher-kva.de"), normalise.invoke(null, "x@bu\u0308cher.de"), "normalisation data");
            Class<?> idna = provider.loadClass("io.emailcode.keycloak.shaded.com.ibm.icu.text.IDNA");
            assertEquals(provider, idna.getClassLoader(), "the JAR's relocated copy");
        }
    }

    @Test
    void theJarHoldsIcuOnlyRelocatedAndWithoutTheLocaleData() throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(e -> e.getName()).toList();
            assertTrue(names.stream().noneMatch(n -> n.startsWith("com/ibm/icu/")), "nothing unrelocated");
            assertTrue(names.contains(RELOCATED_ICU + "impl/data/icudata/uts46.nrm"));
            assertTrue(names.stream().noneMatch(n -> n.startsWith(RELOCATED_ICU + "impl/data/icudata/coll/")
                    || n.endsWith(".res")), "no collation or locale data");
            java.util.jar.JarEntry licence = file.getJarEntry("META-INF/LICENSE-icu4j.txt");
            assertTrue(licence != null, "ICU4J's licence travels with its classes");
            assertTrue(new String(file.getInputStream(licence).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                    .contains("UNICODE LICENSE V3"));
            long icuBytes = file.stream().filter(e -> e.getName().startsWith(RELOCATED_ICU))
                    .mapToLong(e -> e.getCompressedSize()).sum();
            System.out.printf("ShadedJarIT: the JAR is %.1f MB, of which relocated ICU4J %.1f MB%n",
                    Files.size(jar) / 1e6, icuBytes / 1e6);
        }
    }
}
