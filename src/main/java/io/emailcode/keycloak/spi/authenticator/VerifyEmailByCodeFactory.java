package io.emailcode.keycloak.spi.authenticator;

import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.VerifyEmail;

/** Keycloak's "Verify email" required action, delivered by Keycloak's link or by a code ({@link VerifyEmailByCode}). */
public final class VerifyEmailByCodeFactory extends CodeDeliveredActionFactory {

    public VerifyEmailByCodeFactory() {
        super(new VerifyEmail());
    }

    @Override
    RequiredActionProvider create(RequiredActionProvider keycloaksProvider, ActionRequests requests) {
        return new VerifyEmailByCode(keycloaksProvider, requests);
    }
}
