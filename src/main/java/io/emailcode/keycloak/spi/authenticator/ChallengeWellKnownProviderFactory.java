package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.spi.StatelessFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.protocol.oidc.representations.OIDCConfigurationRepresentation;
import org.keycloak.services.Urls;
import org.keycloak.wellknown.WellKnownProvider;
import org.keycloak.wellknown.WellKnownProviderFactory;

/**
 * Advertises the authorization challenge endpoint as {@code authorization_challenge_endpoint} in one of Keycloak's
 * well-known documents: Keycloak's own document, with that one member added. Keycloak serves the factory of the
 * lowest priority for an alias, so this one (below Keycloak's 100) takes the alias and asks Keycloak's for the rest.
 */
public abstract class ChallengeWellKnownProviderFactory implements WellKnownProviderFactory, StatelessFactory<WellKnownProvider> {

    static final String MEMBER = "authorization_challenge_endpoint";
    private static final int PRIORITY = 50;

    private final String keycloaksId;

    ChallengeWellKnownProviderFactory(String keycloaksId) {
        this.keycloaksId = keycloaksId;
    }

    @Override
    public WellKnownProvider create(KeycloakSession session) {
        WellKnownProviderFactory keycloaks = (WellKnownProviderFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(WellKnownProvider.class, keycloaksId);
        WellKnownProvider document = keycloaks.create(session);
        return new WellKnownProvider() {
            @Override
            public Object getConfig() {
                Object config = document.getConfig();
                if (config instanceof OIDCConfigurationRepresentation representation) {
                    representation.setOtherClaims(MEMBER, Urls.realmIssuer(session.getContext().getUri().getBaseUri(),
                            session.getContext().getRealm().getName()) + "/" + AuthorizationChallengeProviderFactory.ID);
                }
                return config;
            }

            @Override
            public void close() {
                document.close();
            }
        };
    }

    @Override
    public String getId() {
        return "email-code-" + keycloaksId;
    }

    @Override
    public String getAlias() {
        return keycloaksId;
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }


    /** {@code /.well-known/openid-configuration}. */
    public static final class OpenIdConfiguration extends ChallengeWellKnownProviderFactory {
        public OpenIdConfiguration() {
            super("openid-configuration");
        }
    }

    /** {@code /.well-known/oauth-authorization-server}. */
    public static final class AuthorizationServer extends ChallengeWellKnownProviderFactory {
        public AuthorizationServer() {
            super("oauth-authorization-server");
        }
    }
}
