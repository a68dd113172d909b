package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.StatelessFactory;
import java.util.List;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.AuthenticatorFactory;
import org.keycloak.models.AuthenticationExecutionModel.Requirement;
import org.keycloak.models.KeycloakSession;
import org.keycloak.provider.ProviderConfigProperty;

/** Registers "Email address form", the first step of the email-code browser flow. */
public final class EmailAddressFormFactory implements AuthenticatorFactory, StatelessFactory<Authenticator> {

    private static final EmailAddressForm SINGLETON = new EmailAddressForm();

    @Override
    public Authenticator create(KeycloakSession session) {
        return SINGLETON;
    }

    @Override
    public String getDisplayType() {
        return "Email address form";
    }

    @Override
    public String getHelpText() {
        return "Asks for an email address without revealing whether an account has it. Put 'Email code' after it.";
    }

    @Override
    public String getReferenceCategory() {
        return null;
    }

    @Override
    public boolean isConfigurable() {
        return false;
    }

    @Override
    public Requirement[] getRequirementChoices() {
        return new Requirement[]{Requirement.REQUIRED};
    }

    @Override
    public boolean isUserSetupAllowed() {
        return false;
    }

    @Override
    public List<ProviderConfigProperty> getConfigProperties() {
        return List.of();
    }




    @Override
    public String getId() {
        return ProviderIds.ADDRESS_FORM;
    }
}
