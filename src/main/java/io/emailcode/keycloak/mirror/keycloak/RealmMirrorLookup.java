package io.emailcode.keycloak.mirror.keycloak;

import io.emailcode.keycloak.authenticator.EmailCodeAuthenticatorFactory;
import io.emailcode.keycloak.mirror.RealmMirrorSettings;
import java.util.Optional;
import org.keycloak.models.AuthenticationExecutionModel;
import org.keycloak.models.AuthenticatorConfigModel;
import org.keycloak.models.RealmModel;

/**
 * Finds a realm's mirror settings outside a sign-in (events, the reconciler, the admin endpoint): they are
 * the settings of the "Email code" step in the realm's browser flow, the one place administrators set them.
 * A realm whose browser flow has no such step, or whose settings are invalid, does not mirror.
 */
public final class RealmMirrorLookup {

    private static final int MAX_DEPTH = 5;

    private RealmMirrorLookup() {
    }

    public static RealmMirrorSettings of(RealmModel realm) {
        if (realm.getBrowserFlow() == null) {
            return RealmMirrorSettings.OFF;
        }
        return find(realm, realm.getBrowserFlow().getId(), 0)
                .map(config -> RealmMirrorSettings.parse(config.getConfig()))
                .filter(RealmMirrorSettings.Parsed::valid)
                .map(RealmMirrorSettings.Parsed::settings)
                .orElse(RealmMirrorSettings.OFF);
    }

    private static Optional<AuthenticatorConfigModel> find(RealmModel realm, String flowId, int depth) {
        if (depth > MAX_DEPTH) {
            return Optional.empty();
        }
        return realm.getAuthenticationExecutionsStream(flowId)
                .filter(e -> e.getRequirement() != AuthenticationExecutionModel.Requirement.DISABLED)
                .map(e -> {
                    if (e.isAuthenticatorFlow()) {
                        return find(realm, e.getFlowId(), depth + 1);
                    }
                    if (EmailCodeAuthenticatorFactory.PROVIDER_ID.equals(e.getAuthenticator()) && e.getAuthenticatorConfig() != null) {
                        return Optional.ofNullable(realm.getAuthenticatorConfigById(e.getAuthenticatorConfig()));
                    }
                    return Optional.<AuthenticatorConfigModel>empty();
                })
                .flatMap(Optional::stream)
                .findFirst();
    }
}
