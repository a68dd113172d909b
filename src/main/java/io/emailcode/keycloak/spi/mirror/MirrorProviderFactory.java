package io.emailcode.keycloak.spi.mirror;

import org.keycloak.provider.ProviderFactory;

/** Factories of the {@code cognito-mirror} SPI. */
public interface MirrorProviderFactory extends ProviderFactory<MirrorProvider> {
}
