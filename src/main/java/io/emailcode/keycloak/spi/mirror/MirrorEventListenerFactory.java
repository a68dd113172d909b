package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.StatelessFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;

/** The "cognito-mirror" event listener administrators add under Realm settings, Events. */
public final class MirrorEventListenerFactory implements EventListenerProviderFactory, StatelessFactory<EventListenerProvider> {

    static boolean enabledIn(RealmModel realm) {
        return realm.getEventsListenersStream().anyMatch(ProviderIds.MIRROR_EVENT_LISTENER::equals);
    }

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new MirrorEventListener(session, session.getProvider(MirrorProvider.class));
    }




    @Override
    public String getId() {
        return ProviderIds.MIRROR_EVENT_LISTENER;
    }
}
