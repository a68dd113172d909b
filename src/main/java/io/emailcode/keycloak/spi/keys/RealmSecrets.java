package io.emailcode.keycloak.spi.keys;

import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeKey;
import java.util.Comparator;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.keycloak.crypto.KeyUse;
import org.keycloak.crypto.KeyWrapper;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** Reads a realm's secrets of ours through Keycloak's key manager (cached, cluster-wide, created on first use). */
public final class RealmSecrets {

    private final KeycloakSession session;
    private final RealmModel realm;

    public RealmSecrets(KeycloakSession session, RealmModel realm) {
        this.session = session;
        this.realm = realm;
    }

    /**
     * The address secret. Should a realm ever hold two (created by two nodes at once before provisioning existed),
     * every node picks the same one: the highest priority, then the smallest key id.
     */
    public SecretKey addressSecret() {
        KeyWrapper active = session.keys().getActiveKey(realm, KeyUse.ENC, AddressSecretProviderFactory.ALGORITHM);
        return (SecretKey) session.keys().getKeysStream(realm, KeyUse.ENC, AddressSecretProviderFactory.ALGORITHM)
                .filter(key -> key.getStatus().isActive())
                .min(Comparator.comparing(KeyWrapper::getProviderPriority, Comparator.reverseOrder())
                        .thenComparing(KeyWrapper::getKid))
                .orElse(active).getSecretKey();
    }

    /** The realm's keyed hashes of addresses, mailboxes, networks and accounts, under {@link #addressSecret}. */
    public CodeHasher addressHasher() {
        return new CodeHasher(addressSecret());
    }

    /** The key new codes are hashed with. */
    public CodeKey activeCodeKey() {
        return codeKey(session.keys().getActiveKey(realm, KeyUse.ENC, CodeKeyProviderFactory.ALGORITHM));
    }

    /** A code key by id, active or passive; empty once it was deleted or disabled. */
    public Optional<CodeKey> codeKey(String kid) {
        return Optional.ofNullable(session.keys().getKey(realm, kid, KeyUse.ENC, CodeKeyProviderFactory.ALGORITHM))
                .map(RealmSecrets::codeKey);
    }

    private static CodeKey codeKey(KeyWrapper key) {
        return new CodeKey(key.getKid(), (SecretKey) key.getSecretKey());
    }
}
