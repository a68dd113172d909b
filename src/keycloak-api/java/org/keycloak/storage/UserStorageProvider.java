package org.keycloak.storage;

import org.keycloak.provider.Provider;

/**
 * Compile-time declaration of Keycloak's user federation provider type (module keycloak-model-storage, which
 * Keycloak ships in its server but does not publish): the server's own class is used at run time.
 */
public interface UserStorageProvider extends Provider {
}
