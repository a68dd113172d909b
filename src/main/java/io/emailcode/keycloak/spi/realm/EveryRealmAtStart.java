package io.emailcode.keycloak.spi.realm;

import java.util.function.BiConsumer;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Runs a job over every realm once the server has started (realm imports included), in one transaction. A failure
 * is logged and never stops the server: these jobs migrate or warn, and the product works without them.
 */
public final class EveryRealmAtStart implements ProviderEventListener {

    private static final Logger LOG = Logger.getLogger(EveryRealmAtStart.class);

    private final KeycloakSessionFactory factory;
    private final String what;
    private final BiConsumer<KeycloakSession, RealmModel> job;

    /** @param what names the job in the log line of a failure, e.g. "move realm settings off flow steps" */
    public EveryRealmAtStart(KeycloakSessionFactory factory, String what, BiConsumer<KeycloakSession, RealmModel> job) {
        this.factory = factory;
        this.what = what;
        this.job = job;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof PostMigrationEvent)) {
            return;
        }
        try {
            KeycloakModelUtils.runJobInTransaction(factory, session ->
                    session.realms().getRealmsStream().forEach(realm -> job.accept(session, realm)));
        } catch (RuntimeException e) {
            LOG.warnf("Could not %s: %s", what, e.getClass().getSimpleName());
        }
    }
}
