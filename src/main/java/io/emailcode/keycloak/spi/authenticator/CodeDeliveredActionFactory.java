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
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.userprofile.ValidationException;
import org.keycloak.validate.ValidationError;

/**
 * Takes one of Keycloak's own required actions' place, server-wide: the same id and a higher {@link #order()}, so it
 * is the one Keycloak runs. It keeps Keycloak's settings of the action and adds "Deliver", whose default (the link)
 * leaves everything to Keycloak's action, so installing the provider changes nothing until an administrator chooses
 * the code.
 */
abstract class CodeDeliveredActionFactory implements RequiredActionFactory {

    /** Above Keycloak's own factory of the same id (0), which Keycloak then leaves unused. */
    static final int ORDER = 100;

    /** Keycloak's own factory of the action, which also creates the provider that delivers the link. */
    protected final RequiredActionFactory keycloaks;

    CodeDeliveredActionFactory(RequiredActionFactory keycloaks) {
        this.keycloaks = keycloaks;
    }

    /** The provider of the action, delivering by code with {@code requests} or by Keycloak's link. */
    abstract RequiredActionProvider create(RequiredActionProvider keycloaksProvider, ActionRequests requests);

    @Override
    public final RequiredActionProvider create(KeycloakSession session) {
        EmailCodeAuthenticatorFactory step = (EmailCodeAuthenticatorFactory) session.getKeycloakSessionFactory()
                .getProviderFactory(Authenticator.class, ProviderIds.EMAIL_CODE_STEP);
        return create(keycloaks.create(session), step.actionRequests(session));
    }

    @Override
    public String getId() {
        return keycloaks.getId();
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
