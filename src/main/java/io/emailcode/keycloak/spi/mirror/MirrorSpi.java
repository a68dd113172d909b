package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.spi.ProductSpi;
import io.emailcode.keycloak.spi.ProviderIds;

/** The {@code cognito-mirror} SPI: where Keycloak's users are mirrored. */
public final class MirrorSpi extends ProductSpi {

    public static final String NAME = ProviderIds.MIRROR_SPI;

    public MirrorSpi() {
        super(NAME, MirrorProvider.class, MirrorProviderFactory.class);
    }
}
