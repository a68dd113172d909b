package org.keycloak.storage;

import org.keycloak.component.ComponentModel;

/**
 * Compile-time declaration of Keycloak's user federation component model (see {@link UserStorageProvider}); only
 * what this project uses is declared. The server's own class is used at run time.
 */
public class UserStorageProviderModel extends ComponentModel {

    public UserStorageProviderModel(ComponentModel model) {
        super(model);
    }
}
