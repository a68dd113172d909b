package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.StatelessFactory;
import org.keycloak.events.EventListenerProvider;
import org.keycloak.events.EventListenerProviderFactory;
import org.keycloak.models.KeycloakSession;

/** The "email-code-known-browsers" event listener administrators add under Realm settings, Events. */
public final class KnownBrowserRevocationListenerFactory implements EventListenerProviderFactory,
        StatelessFactory<EventListenerProvider> {

    @Override
    public EventListenerProvider create(KeycloakSession session) {
        return new KnownBrowserRevocationListener(session);
    }

    @Override
    public String getId() {
        return ProviderIds.KNOWN_BROWSERS_EVENT_LISTENER;
    }
}
