package io.emailcode.keycloak.spi.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.keycloak.email.EmailSenderProviderFactory;
import org.keycloak.provider.ProviderConfigProperty;

class SesEmailSenderProviderFactoryTest {

    @Test
    void operatorsSelectItAsProviderSes() {
        assertEquals("ses", new SesEmailSenderProviderFactory().getId());
    }

    @Test
    void keycloakFindsTheFactoryThroughServiceLoader() {
        assertTrue(ServiceLoader.load(EmailSenderProviderFactory.class).stream()
                .anyMatch(p -> p.type() == SesEmailSenderProviderFactory.class));
    }

    @Test
    void startsWithValidOptionsAndHandsOutProvidersUntilClosed() {
        SesEmailSenderProviderFactory factory = new SesEmailSenderProviderFactory();
        factory.init(MapConfigScope.of(Map.of("region", "eu-west-1", "configuration-set", "sign-in_codes",
                "max-attempts", "2", "api-call-timeout-ms", "3000", "rehearsal-seconds", "0")));
        factory.postInit(null);
        try {
            assertInstanceOf(SesEmailSenderProvider.class, factory.create(null));
        } finally {
            factory.close();
        }
        assertThrows(IllegalStateException.class, () -> factory.create(null));
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
            "max-attempts|three",
            "max-attempts|0",
            "api-call-timeout-ms|-5",
            "attempt-timeout-ms|2s",
            "configuration-set|codes; rm -rf",
            "rehearsal-seconds|61",
            "rehearsal-seconds|-1",
    })
    void badOptionValueFailsStartNamingTheOption(String option, String value) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SesEmailSenderProviderFactory()
                .init(MapConfigScope.of(Map.of("region", "eu-west-1", option, value))));

        assertTrue(e.getMessage().contains("--spi-email-sender--ses--"), e.getMessage());
        assertTrue(e.getMessage().contains(option), e.getMessage());
    }

    @Test
    void everyOptionIsDescribedForOperators() {
        List<ProviderConfigProperty> metadata = new SesEmailSenderProviderFactory().getConfigMetadata();

        assertEquals(List.of("region", "endpoint", "api-call-timeout-ms", "attempt-timeout-ms", "max-attempts", "configuration-set",
                        "rehearsal-seconds"),
                metadata.stream().map(ProviderConfigProperty::getName).toList());
        assertTrue(metadata.stream().allMatch(p -> p.getHelpText() != null && !p.getHelpText().isBlank()));
    }
}
