package io.emailcode.keycloak.spi.keys;

import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.keycloak.common.util.Base64Url;
import org.keycloak.component.ComponentModel;
import org.keycloak.crypto.KeyStatus;
import org.keycloak.crypto.KeyType;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.keys.Attributes;
import org.keycloak.keys.KeyProvider;

/** One realm secret of ours, as Keycloak's key manager lists it: under an algorithm name no token ever uses. */
final class SecretKeyProvider implements KeyProvider {

    private final KeyWrapper key;

    SecretKeyProvider(ComponentModel model, String algorithm) {
        key = new KeyWrapper();
        key.setProviderId(model.getId());
        key.setProviderPriority(model.get(Attributes.PRIORITY_KEY, 0L));
        key.setKid(model.get(Attributes.KID_KEY));
        key.setUse(KeyUse.ENC);
        key.setType(KeyType.OCT);
        key.setAlgorithm(algorithm);
        key.setStatus(KeyStatus.from(model.get(Attributes.ACTIVE_KEY, true), model.get(Attributes.ENABLED_KEY, true)));
        key.setSecretKey(new SecretKeySpec(Base64Url.decode(model.get(Attributes.SECRET_KEY)), "HmacSHA256"));
    }

    @Override
    public Stream<KeyWrapper> getKeysStream() {
        return Stream.of(key);
    }
}
