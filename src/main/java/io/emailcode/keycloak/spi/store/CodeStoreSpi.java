package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.spi.ProviderIds;
import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code email-code-store} SPI: where issued codes are kept for the whole cluster. */
public final class CodeStoreSpi implements Spi {

    public static final String NAME = ProviderIds.CODE_STORE_SPI;

    @Override
    public boolean isInternal() {
        return false;
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public Class<? extends Provider> getProviderClass() {
        return CodeStoreProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return CodeStoreProviderFactory.class;
    }
}
