package io.emailcode.keycloak.spi.store;

import io.emailcode.keycloak.code.CodeStore;
import org.keycloak.provider.Provider;

/** A {@link CodeStore} as a Keycloak provider, so operators configure it with {@code --spi-email-code-store--...} options. */
public interface CodeStoreProvider extends Provider {

    CodeStore codeStore();

    @Override
    default void close() {
        // Providers share the factory's store and client; nothing per session to release.
    }
}
