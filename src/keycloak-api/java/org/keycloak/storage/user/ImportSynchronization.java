package org.keycloak.storage.user;

import java.util.Date;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.storage.UserStorageProviderModel;

/**
 * Compile-time declaration of Keycloak's user federation sync actions (see
 * {@link org.keycloak.storage.UserStorageProvider}): "Sync all users" and "Sync changed users" in the admin
 * console. The server's own interface is used at run time.
 */
public interface ImportSynchronization {

    SynchronizationResult sync(KeycloakSessionFactory sessionFactory, String realmId, UserStorageProviderModel model);

    SynchronizationResult syncSince(Date lastSync, KeycloakSessionFactory sessionFactory, String realmId,
                                    UserStorageProviderModel model);
}
