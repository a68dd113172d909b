package io.emailcode.keycloak.spi.store;

import org.keycloak.provider.ProviderFactory;

public interface CodeStoreProviderFactory extends ProviderFactory<CodeStoreProvider> {
}
