package io.emailcode.keycloak.spi.realm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.emailcode.keycloak.settings.RealmOptions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.keycloak.component.ComponentModel;

class BridgeComponentTest {

    private static final String KEY = RealmOptions.MIRROR_ATTRIBUTES.key();

    @Test
    void aMultiValuedSettingReadsTheSameWhateverOrderKeycloakReturnsItsValuesIn() {
        // Keycloak keeps one row per value and reads the rows back in no fixed order: two nodes, or two reads after
        // a save, may see them in either order.
        assertEquals("given_name##family_name", BridgeComponent.saved(withAttributes("family_name", "given_name")).get(KEY));
        assertEquals("given_name##family_name", BridgeComponent.saved(withAttributes("given_name", "family_name")).get(KEY));
    }

    @Test
    void aValueThatIsNoChoiceIsKeptForTheValidationToName() {
        assertEquals("family_name##nickname", BridgeComponent.saved(withAttributes("nickname", "family_name")).get(KEY));
    }

    private static ComponentModel withAttributes(String... values) {
        ComponentModel component = new ComponentModel();
        component.getConfig().put(KEY, List.of(values));
        return component;
    }
}
