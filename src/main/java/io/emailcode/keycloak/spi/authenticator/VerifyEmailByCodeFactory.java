package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.settings.ActionDelivery;
import io.emailcode.keycloak.settings.ActionOptions;
import io.emailcode.keycloak.settings.Parsed;
import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.ProviderProperties;
import java.util.ArrayList;
import java.util.List;
import org.keycloak.Config;
import org.keycloak.authentication.Authenticator;
import org.keycloak.authentication.RequiredActionFactory;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.authentication.requiredactions.VerifyEmail;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * Takes Keycloak's own "Verify email" required action's place, server-wide: the same id and a higher
 * {@link #order()}, so it is the one Keycloak runs. It keeps Keycloak's settings of the action and adds "Deliver",
 * whose default (the link) leaves everything to Keycloak's action, so installing the provider changes nothing until
 * an administrator chooses the code.
 */
public final class VerifyEmailByCodeFactory implements RequiredActionFactory {

    /** Above Keycloak's own factory of the same id (0), which Keycloak then leaves unused. */
    static final int ORDER = 100;

    private final VerifyEmail keycloaks = new VerifyEmail();

    @Override
    public RequiredActionProvider create(KeycloakSession session) {
        EmailCodeAuthenticatorFactory step = (EmailCodeAuthenticatorFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(Authenticator.class, ProviderIds.EMAIL_CODE_STEP);
        return new VerifyEmailByCode(keycloaks.create(session), step.actionRequests(session));
    }

    @Override
    public String getId() {
        return UserModel.RequiredAction.VERIFY_EMAIL.name();
    }

    @Override
    public int order() {
        return ORDER;
    }

    @Override
    public String getDisplayText() {
        return keycloaks.getDisplayText();
    }

    @Override
    public boolean isOneTimeAction() {
        return keycloaks.isOneTimeAction();
    }

    @Override
    public List<ProviderConfigProperty> getConfigMetadata() {
        List<ProviderConfigProperty> properties = new ArrayList<>(keycloaks.getConfigMetadata());
        properties.addAll(ProviderProperties.of(ActionOptions.ALL));
        return properties;
    }

    @Override
    public void validateConfig(KeycloakSession session, RealmModel realm, RequiredActionConfigModel model) {
        keycloaks.validateConfig(session, realm, model);
        Parsed<ActionDelivery> delivery = ActionOptions.read(model.getConfig());
        if (!delivery.valid()) {
            throw new ValidationException(new ValidationError(getId(), ActionOptions.DELIVER.key(),
                    String.join("; ", delivery.problems())));
        }
    }

    @Override
    public void init(Config.Scope config) {
        keycloaks.init(config);
    }

    @Override
    public void postInit(KeycloakSessionFactory factory) {
        keycloaks.postInit(factory);
    }

    @Override
    public void close() {
        keycloaks.close();
    }
}
