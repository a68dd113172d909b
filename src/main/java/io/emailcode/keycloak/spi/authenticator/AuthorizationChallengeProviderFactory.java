package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.spi.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.services.resource.RealmResourceProvider;
import org.keycloak.services.resource.RealmResourceProviderFactory;

/** Serves {@link AuthorizationChallengeEndpoint} at {@code /realms/{realm}/authorization-challenge}. */
public final class AuthorizationChallengeProviderFactory implements RealmResourceProviderFactory, StatelessFactory<RealmResourceProvider> {

    static final String ID = "authorization-challenge";

    @Override
    public RealmResourceProvider create(KeycloakSession session) {
        return new RealmResourceProvider() {
            @Override
            public Object getResource() {
                return new AuthorizationChallengeEndpoint(session);
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String getId() {
        return ID;
    }
}
