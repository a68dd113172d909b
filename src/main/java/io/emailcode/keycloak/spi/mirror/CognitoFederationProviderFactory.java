package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.ProviderProperties;
import io.emailcode.keycloak.spi.realm.BridgeComponent;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.keycloak.component.ComponentModel;
import org.keycloak.component.ComponentValidationException;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.storage.UserStorageProviderFactory;
import org.keycloak.storage.UserStorageProviderModel;
import org.keycloak.storage.user.ImportSynchronization;
import org.keycloak.storage.user.SynchronizationResult;

/**
 * "Amazon Cognito" under the admin console's User federation: its form holds the realm's Cognito bridge settings
 * (validated as the admin REST endpoint validates them; Keycloak makes every change an admin event), and its sync
 * actions are the bridge's: "Sync all users" has a drift repair start in the background and answers at once with the
 * last run's counts; "Sync changed users" retries the realm's queued changes, due or not. Keycloak's own "Periodic full
 * sync" presses the first on one node at the period the form sets, so it is the drift repair's schedule.
 */
public final class CognitoFederationProviderFactory implements UserStorageProviderFactory<CognitoFederation>,
        ImportSynchronization {

    /** The most queued changes one "Sync changed users" retries. */
    static final int CHANGED_USERS_LIMIT = 1_000;

    @Override
    public CognitoFederation create(KeycloakSession session, ComponentModel model) {
        return CognitoFederation.INSTANCE;
    }

    @Override
    public String getId() {
        return ProviderIds.COGNITO_FEDERATION;
    }

    @Override
    public String getHelpText() {
        return "Mirrors the realm's users into an Amazon Cognito user pool after sign-in and changes. Keycloak never "
                + "looks anyone up in Cognito. Sync all users starts a drift repair (Periodic full sync: its schedule); "
                + "Sync changed users retries queued changes.";
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return ProviderProperties.ofComponent(BridgeComponent.FORM);
    }

    @Override
    public void validateConfiguration(KeycloakSession session, RealmModel realm, ComponentModel model)
            throws ComponentValidationException {
        List<String> problems = new ArrayList<>(RealmSettingsStore.readWithBridge(realm, model).problems());
        BridgeComponent.find(realm).filter(existing -> !existing.getId().equals(model.getId()))
                .ifPresent(existing -> problems.add("the realm already has an Amazon Cognito provider: " + existing.getName()));
        if (!problems.isEmpty()) {
            throw new ComponentValidationException(String.join("; ", problems));
        }
    }

    @Override
    public SynchronizationResult sync(KeycloakSessionFactory factory, String realmId, UserStorageProviderModel model) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            MirrorProvider mirror = session.getProvider(MirrorProvider.class);
            if (refused(session, realmId, mirror)) {
                return SynchronizationResult.ignored();
            }
            mirror.driftRepair().request(realmId);
            return result(mirror.driftRepair().progress(realmId)
                    .map(progress -> MirrorSummary.of(progress.lastCounts())).orElseGet(MirrorSummary::new));
        });
    }

    @Override
    public SynchronizationResult syncSince(Date lastSync, KeycloakSessionFactory factory, String realmId,
                                           UserStorageProviderModel model) {
        return KeycloakModelUtils.runJobInTransactionWithResult(factory, session -> {
            MirrorProvider mirror = session.getProvider(MirrorProvider.class);
            if (refused(session, realmId, mirror)) {
                return SynchronizationResult.ignored();
            }
            return result(mirror.retryQueue().drainRealm(realmId, CHANGED_USERS_LIMIT));
        });
    }

    private static boolean refused(KeycloakSession session, String realmId, MirrorProvider mirror) {
        RealmModel realm = session.realms().getRealm(realmId);
        return realm == null || new RequestedDriftRepair(session, realm, mirror).refusal().isPresent();
    }

    /** The counts in the console's words: added, updated, removed, failed (conflicts need an administrator). */
    static SynchronizationResult result(MirrorSummary summary) {
        Map<String, Integer> counts = summary.asMap();
        SynchronizationResult result = new SynchronizationResult();
        result.setAdded(counts.get("created") + counts.get("recreated"));
        result.setUpdated(counts.get("updated") + counts.get("disabled"));
        result.setRemoved(counts.get("deleted"));
        result.setFailed(counts.get("failed") + counts.get("conflicts"));
        return result;
    }
}
