package io.emailcode.keycloak.mirror.keycloak;

import java.time.Clock;
import org.keycloak.Config;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;

/** The "cognito-mirror" event listener administrators add under Realm settings, Events. */
public final class MirrorEventListenerFactory implements EventListenerProviderFactory {

    public static final String PROVIDER_ID = "cognito-mirror";

    static boolean enabledIn(RealmModel realm) {
        return realm.getEventsListenersStream().anyMatch(PROVIDER_ID::equals);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new MirrorEventListener(session, session.getProvider(MirrorProvider.class), Clock.systemUTC());
    }

    @Override
    public void init(Config.Scope config) {
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return PROVIDER_ID;
    }
}
