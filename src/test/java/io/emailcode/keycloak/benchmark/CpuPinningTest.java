package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Keycloak's CPUs set apart: the others are the rest, and some must be left for the rest. */
class CpuPinningTest {

    @Test
    void theEmulatorsAndTheLoadGeneratorGetTheCpusKeycloakDoesNot() {
        assertEquals("Keycloak on CPU 0, the emulators and the load generator on CPU 1",
                new CpuPinning(Set.of(0), 2).describe());
        assertEquals("Keycloak on CPU 1,2, the emulators and the load generator on CPU 0,3",
                new CpuPinning(Set.of(2, 1), 4).describe());
    }

    @Test
    void keycloakCannotHaveEveryCpuNoneOrOneTheMachineLacks() {
        assertThrows(IllegalArgumentException.class, () -> new CpuPinning(Set.of(0, 1), 2));
        assertThrows(IllegalArgumentException.class, () -> new CpuPinning(Set.of(), 2));
        assertThrows(IllegalArgumentException.class, () -> new CpuPinning(Set.of(2), 2));
    }
}
