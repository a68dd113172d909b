package io.emailcode.keycloak.spi.keys;

import java.util.List;
import org.keycloak.common.util.Base64Url;
import org.keycloak.common.util.MultivaluedHashMap;
import org.keycloak.common.util.SecretGenerator;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyUse;
import org.keycloak.keys.Attributes;
import org.keycloak.keys.KeyProvider;
import org.keycloak.keys.KeyProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;

/**
 * A realm secret of ours as a Keycloak key provider ("Realm settings → Keys → Providers"): generated (256 bits)
 * when the component is saved, kept in Keycloak's database rather than next to the hashes it keys, with a key id,
 * and created on first use in every realm (Keycloak asks key providers for fallback keys when none exists).
 */
abstract class SecretKeyProviderFactory implements KeyProviderFactory<KeyProvider> {

    private static final int SECRET_BYTES = 32;
    private static final List<ProviderConfigProperty> PROPERTIES = List.of(
            Attributes.PRIORITY_PROPERTY, Attributes.ENABLED_PROPERTY, Attributes.ACTIVE_PROPERTY);

    private final String id;
    private final String algorithm;
    private final String help;

    SecretKeyProviderFactory(String id, String algorithm, String help) {
        this.id = id;
        this.algorithm = algorithm;
        this.help = help;
    }

    @Override
    public KeyProvider create(KeycloakSession session, ComponentModel model) {
        return new SecretKeyProvider(model, algorithm);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model) {
        if (!model.contains(Attributes.SECRET_KEY)) {
            model.put(Attributes.SECRET_KEY, Base64Url.encode(SecretGenerator.getInstance().randomBytes(SECRET_BYTES)));
            model.put(Attributes.KID_KEY, KeycloakModelUtils.generateId());
        }
    }

    @Override
    public boolean createFallbackKeys(KeycloakSession session, KeyUse use, String requested) {
        if (use != KeyUse.ENC || !algorithm.equals(requested)) {
            return false;
        }
        createIn(session.getContext().getRealm());
        return true;
    }

    /** Whether the realm has a component of this provider. */
    boolean presentIn(RealmModel realm) {
        return realm.getComponentsStream(realm.getId(), KeyProvider.class.getName()).anyMatch(c -> id.equals(c.getProviderId()));
    }

    /** Adds this provider to the realm; Keycloak generates the secret and its id when the component is stored. */
    void createIn(RealmModel realm) {
        ComponentModel model = new ComponentModel();
        model.setName(id);
        model.setParentId(realm.getId());
        model.setProviderId(id);
        model.setProviderType(KeyProvider.class.getName());
        MultivaluedHashMap<String, String> config = new MultivaluedHashMap<>();
        config.putSingle(Attributes.PRIORITY_KEY, "100");
        model.setConfig(config);
        realm.addComponentModel(model);
    }

    @Override
    public String getHelpText() {
        return help;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return PROPERTIES;
    }

    @Override
    public String getId() {
        return id;
    }
}
