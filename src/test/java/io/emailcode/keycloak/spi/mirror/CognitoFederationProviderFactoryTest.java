package io.emailcode.keycloak.spi.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.RealmOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.storage.user.SynchronizationResult;

class CognitoFederationProviderFactoryTest {

    private final CognitoFederationProviderFactory factory = new CognitoFederationProviderFactory();

    @Test
    void theConsoleFormOffersEveryBridgeSettingWithTheRestApisKeysLabelsAndHelpButTheScheduleWhichIsKeycloaksOwn() {
        assertEquals(RealmOptions.MIRROR.stream().map(Option::key)
                        .filter(key -> !key.equals(RealmOptions.MIRROR_REPAIR_EVERY.key())).toList(),
                factory.getConfigProperties().stream().map(ProviderConfigProperty::getName).toList(),
                "the drift repair's schedule is the form's Periodic full sync, which Keycloak adds to every such form");
        ProviderConfigProperty mode = factory.getConfigProperties().stream()
                .filter(p -> p.getName().equals(RealmOptions.MIRROR_MODE.key())).findFirst().orElseThrow();
        assertEquals(RealmOptions.MIRROR_MODE.label(), mode.getLabel());
        assertEquals(RealmOptions.MIRROR_MODE.help(), mode.getHelpText());
        assertEquals("OFF", mode.getDefaultValue());
        ProviderConfigProperty attributes = factory.getConfigProperties().stream()
                .filter(p -> p.getName().equals(RealmOptions.MIRROR_ATTRIBUTES.key())).findFirst().orElseThrow();
        assertEquals(null, attributes.getDefaultValue(), "the console presets one entry at most: empty means both");
    }

    @Test
    void aRunsCountsAreShownInTheConsolesWords() {
        MirrorSummary summary = MirrorSummary.of(Map.of("created", 3, "recreated", 1, "updated", 2, "disabled", 1,
                "deleted", 4, "unchanged", 9, "conflicts", 1, "failed", 2, "unlinked", 5));
        SynchronizationResult result = CognitoFederationProviderFactory.result(summary);
        assertEquals(4, result.getAdded());
        assertEquals(3, result.getUpdated());
        assertEquals(4, result.getRemoved());
        assertEquals(3, result.getFailed(), "conflicts need an administrator, as failures do");
    }
}
