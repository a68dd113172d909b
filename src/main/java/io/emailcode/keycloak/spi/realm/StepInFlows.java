package io.emailcode.keycloak.spi.realm;

import io.emailcode.keycloak.spi.ProviderIds;
import org.keycloak.models.RealmModel;

/** Whether a realm's flows have the "Email code" step: a realm whose flows never had it holds no codes or limits. */
public final class StepInFlows {

    private StepInFlows() {
    }

    /** Any flow of the realm, sub-flows and disabled steps included (Keycloak's realm cache answers). */
    public static boolean anyIn(RealmModel realm) {
        return realm.getAuthenticationFlowsStream().anyMatch(flow -> realm.getAuthenticationExecutionsStream(flow.getId())
                .anyMatch(execution -> ProviderIds.EMAIL_CODE_STEP.equals(execution.getAuthenticator())));
    }
}
