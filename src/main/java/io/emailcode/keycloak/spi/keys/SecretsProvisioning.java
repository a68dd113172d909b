package io.emailcode.keycloak.spi.keys;

import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.cluster.ClusterProvider;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Makes sure every realm has the product's secrets before it takes traffic: at server start, on one node of the
 * cluster at a time (Keycloak's cluster lock), and when a realm is created. Otherwise two nodes could each create an
 * address secret on first use, and hash the same address differently until their caches agreed.
 */
public final class SecretsProvisioning implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(SecretsProvisioning.class);
    private static final String TASK = "email-code-secrets";
    private static final int LOCK_SECONDS = 120;
    private static final List<SecretKeyProviderFactory> SECRETS =
            List.of(new AddressSecretProviderFactory(), new CodeKeyProviderFactory());

    private final KeycloakSessionFactory factory;

    public SecretsProvisioning(KeycloakSessionFactory factory) {
        this.factory = factory;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof RealmModel.RealmPostCreateEvent created) {
            ensure(created.getCreatedRealm());
        } else if (event instanceof PostMigrationEvent) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, session -> session.getProvider(ClusterProvider.class)
                        .executeIfNotExecuted(TASK, LOCK_SECONDS, () -> {
                            session.realms().getRealmsStream().forEach(SecretsProvisioning::ensure);
                            return null;
                        }));
            } catch (RuntimeException e) {
                // Not fatal: a realm without its secrets gets them on first use.
                LOG.warnf("Could not create the email-code secrets of every realm at start: %s", e.getClass().getSimpleName());
            }
        }
    }

    private static void ensure(RealmModel realm) {
        for (SecretKeyProviderFactory secret : SECRETS) {
            if (!secret.presentIn(realm)) {
                secret.createIn(realm);
                LOG.infof("Created the %s of realm %s", secret.getId(), realm.getName());
            }
        }
    }
}
