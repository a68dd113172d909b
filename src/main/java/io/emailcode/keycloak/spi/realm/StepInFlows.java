package io.emailcode.keycloak.spi.realm;

import io.emailcode.keycloak.spi.ProviderIds;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticationFlowModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * The "Email code" step in a realm's flows: whether a realm has it at all (a realm whose flows never had it holds no
 * codes or limits), and the settings of the one in its browser flow, which the realm's other doors follow.
 */
public final class StepInFlows {

    private StepInFlows() {
    }

    /** Any flow of the realm, sub-flows and disabled steps included (Keycloak's realm cache answers). */
    public static boolean anyIn(RealmModel realm) {
        return realm.getAuthenticationFlowsStream().anyMatch(flow -> realm.getAuthenticationExecutionsStream(flow.getId())
                .anyMatch(execution -> ProviderIds.EMAIL_CODE_STEP.equals(execution.getAuthenticator())));
    }

    /**
     * The saved settings of the step the realm signs people in with: the first configured one in its browser flow
     * (sub-flows included), else the first in its other flows (a client's own flow, a second factor); empty when no
     * flow has a configured step (then every default holds). Read only by the doors other than the step itself, from
     * Keycloak's realm cache.
     */
    public static Map<String, String> signInStepConfig(RealmModel realm) {
        AuthenticationFlowModel browser = realm.getBrowserFlow();
        Optional<Map<String, String>> inBrowserFlow = browser == null ? Optional.empty() : configIn(realm, browser.getId());
        return inBrowserFlow.or(() -> realm.getAuthenticationFlowsStream().filter(flow -> !flow.isBuiltIn())
                .map(flow -> configIn(realm, flow.getId())).flatMap(Optional::stream).findFirst()).orElse(Map.of());
    }

    private static Optional<Map<String, String>> configIn(RealmModel realm, String flowId) {
        for (AuthenticationExecutionModel execution : realm.getAuthenticationExecutionsStream(flowId).toList()) {
            Optional<Map<String, String>> found = execution.isAuthenticatorFlow()
                    ? configIn(realm, execution.getFlowId())
                    : ProviderIds.EMAIL_CODE_STEP.equals(execution.getAuthenticator()) && execution.getAuthenticatorConfig() != null
                    ? Optional.ofNullable(realm.getAuthenticatorConfigById(execution.getAuthenticatorConfig()))
                            .map(AuthenticatorConfigModel::getConfig)
                    : Optional.empty();
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }
}
