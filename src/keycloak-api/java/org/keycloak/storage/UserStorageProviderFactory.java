package org.keycloak.storage;

import org.keycloak.Config;
import org.keycloak.component.ComponentFactory;
import org.keycloak.component.ComponentModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * Compile-time declaration of Keycloak's user federation provider factory (see {@link UserStorageProvider}); only
 * what this project uses is declared. The server's own interface is used at run time.
 *
 * @param <T> the provider the factory creates
 */
public interface UserStorageProviderFactory<T extends UserStorageProvider> extends ComponentFactory<T, UserStorageProvider> {

    @Override
    T create(KeycloakSession session, ComponentModel model);

    @Override
    default void init(Config.Scope config) {
    }

    @Override
    default void postInit(KeycloakSessionFactory factory) {
    }

    @Override
    default void close() {
    }
}
