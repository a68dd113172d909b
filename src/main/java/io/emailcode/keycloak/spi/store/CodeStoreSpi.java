package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.spi.ProductSpi;
import io.emailcode.keycloak.spi.ProviderIds;

/** The {@code email-code-store} SPI: where issued codes are kept for the whole cluster. */
public final class CodeStoreSpi extends ProductSpi {

    public static final String NAME = ProviderIds.CODE_STORE_SPI;

    public CodeStoreSpi() {
        super(NAME, CodeStoreProvider.class, CodeStoreProviderFactory.class);
    }
}
