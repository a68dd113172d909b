package io.emailcode.keycloak.authenticator;

import io.emailcode.keycloak.config.EmailCodeSettings;
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

    void send(RealmModel realm, AuthenticationSessionModel authSession, CodeRecipient recipient, String code,
              EmailCodeSettings settings) throws EmailException {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", code);
        attributes.put("ttlMinutes", settings.validityMinutes());
        session.getProvider(EmailTemplateProvider.class)
                .setRealm(realm)
                .setUser(addressee(realm, recipient))
                .setAuthenticationSession(authSession)
                .send(SUBJECT_KEY, List.of(realmName(realm)), TEMPLATE, attributes, recipient.address());
    }

    /** Templates expect a user; an address that has no account yet gets a transient one that is never stored. */
    private UserModel addressee(RealmModel realm, CodeRecipient recipient) {
        if (recipient.known()) {
            return recipient.user();
        }
        LightweightUserAdapter pending = new LightweightUserAdapter(session, realm, "email-code-pending");
        pending.setEmail(recipient.address());
        return pending;
    }

    private static String realmName(RealmModel realm) {
        String display = realm.getDisplayName();
        return display != null && !display.isBlank() ? display : ObjectUtil.capitalize(realm.getName());
    }
}
