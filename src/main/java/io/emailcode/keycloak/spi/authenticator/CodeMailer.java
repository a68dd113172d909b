package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.settings.StepSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.keycloak.common.util.ObjectUtil;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.light.LightweightUserAdapter;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * Renders the code email from the realm's email theme ({@code email-code.ftl}, escaped by FreeMarker) and
 * hands it to the realm's email sender, which is SES when the server selects it.
 */
final class CodeMailer {

    static final String TEMPLATE = "email-code.ftl";
    static final String SUBJECT_KEY = "emailCodeSubject";

    private final KeycloakSession session;

    CodeMailer(KeycloakSession session) {
        this.session = session;
    }

    /**
     * The email goes to the user's address: the account's (whose normalised form is {@code address}), or
     * {@code address} itself through a transient user when it has no account. Keycloak 26.7 can also take the
     * recipient as an argument, but that overload is missing before 26.6 and the provider supports 26.4 on.
     *
     * @param user the account the address belongs to; null for an address without one
     */
    void send(RealmModel realm, AuthenticationSessionModel authSession, String address, UserModel user, String code,
              StepSettings settings) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("ttlMinutes", settings.validityMinutes());
        session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(user != null ? user : pendingUser(realm, address))
                .setAuthenticationSession(authSession)
                .send(SUBJECT_KEY, List.of(realmName(realm)), TEMPLATE, attributes);
    }

    /** Templates expect a user; an address that has no account yet gets a transient one that is never stored. */
    private UserModel pendingUser(RealmModel realm, String address) {
        LightweightUserAdapter pending = new LightweightUserAdapter(session, realm, "email-code-pending");
        pending.setEmail(address);
        return pending;
    }

    private static String realmName(RealmModel realm) {
        String display = realm.getDisplayName();
        return display != null && !display.isBlank() ? display : ObjectUtil.capitalize(realm.getName());
    }
}
