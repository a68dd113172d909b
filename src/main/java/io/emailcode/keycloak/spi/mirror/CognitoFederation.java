package io.emailcode.keycloak.spi.mirror;

import org.keycloak.storage.UserStorageProvider;

/**
 * The "Amazon Cognito" user federation provider of a realm. It implements none of Keycloak's user lookup or query
 * interfaces on purpose: Keycloak never asks Cognito about anyone when people sign in or administrators search;
 * the provider is only the console home of the bridge's settings and sync actions.
 */
final class CognitoFederation implements UserStorageProvider {

    static final CognitoFederation INSTANCE = new CognitoFederation();

    private CognitoFederation() {
    }

    @Override
    public void close() {
    }
}
