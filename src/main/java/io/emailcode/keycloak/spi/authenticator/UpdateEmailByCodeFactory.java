package io.emailcode.keycloak.spi.authenticator;

import org.keycloak.Config;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.UpdateEmail;
import org.keycloak.provider.EnvironmentDependentProviderFactory;

/**
 * Keycloak's "Update email" required action, delivered by Keycloak's link or by a code ({@link UpdateEmailByCode}).
 * Present only where Keycloak's own is: with Keycloak's {@code update-email} feature.
 */
public final class UpdateEmailByCodeFactory extends CodeDeliveredActionFactory implements EnvironmentDependentProviderFactory {

    private final UpdateEmail updateEmail;

    public UpdateEmailByCodeFactory() {
        this(new UpdateEmail());
    }

    private UpdateEmailByCodeFactory(UpdateEmail updateEmail) {
        super(updateEmail);
        this.updateEmail = updateEmail;
    }

    @Override
    RequiredActionProvider create(RequiredActionProvider keycloaksProvider, ActionRequests requests) {
        return new UpdateEmailByCode(keycloaksProvider, requests);
    }

    @Override
    public boolean isSupported(Config.Scope config) {
        return updateEmail.isSupported(config);
    }
}
