package io.emailcode.keycloak.spi.mirror;

import org.keycloak.provider.Provider;
import org.keycloak.provider.ProviderFactory;
import org.keycloak.provider.Spi;

/** The {@code cognito-mirror} SPI: where Keycloak's users are mirrored. */
public final class MirrorSpi implements Spi {

    public static final String NAME = "cognito-mirror";

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
        return MirrorProvider.class;
    }

    @Override
    public Class<? extends ProviderFactory> getProviderFactoryClass() {
        return MirrorProviderFactory.class;
    }
}
