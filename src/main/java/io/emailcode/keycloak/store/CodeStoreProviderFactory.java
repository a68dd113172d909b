package io.emailcode.keycloak.store;

import org.keycloak.provider.ProviderFactory;

public interface CodeStoreProviderFactory extends ProviderFactory<CodeStoreProvider> {
}
