package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.flow.Recipient;
import io.emailcode.keycloak.flow.UnresolvedRecipient;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import org.keycloak.common.util.ObjectUtil;
import org.keycloak.email.EmailException;
import org.keycloak.email.EmailTemplateProvider;
import org.keycloak.events.Details;
import org.keycloak.events.Errors;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.light.LightweightUserAdapter;

/**
 * Renders the code email from the realm's email theme ({@code email-code.ftl}, escaped by FreeMarker) and hands it
 * to the realm's email sender (SES when the server selects it), in a session of its own off the request thread.
 * A failure is a log line, a {@code LOGIN_ERROR} event ({@code email_send_failed}) and a metric; the person's page
 * was already shown and says what to do when no email arrives.
 */
final class CodeMailer {

    static final String TEMPLATE = "email-code.ftl";
    static final String SUBJECT_KEY = "emailCodeSubject";
    static final String VERIFY_SUBJECT_KEY = "emailCodeVerifySubject";
    static final String CHANGE_SUBJECT_KEY = "emailCodeChangeSubject";
    static final String CHANGED_TEMPLATE = "email-code-address-changed.ftl";
    static final String CHANGED_SUBJECT_KEY = "emailCodeChangedSubject";
    private static final Logger LOG = Logger.getLogger(CodeMailer.class);

    private final StepMetrics metrics;

    CodeMailer(StepMetrics metrics) {
        this.metrics = metrics;
    }

    /** Sends a code email handed over by the step, in the task's own session. */
    void send(KeycloakSession session, CodeEmail email) {
        RealmModel realm = session.realms().getRealm(email.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        if (email.recipient().isPresent()) {
            sendToTyped(session, realm, email, email.recipient().get());
        } else {
            deliver(session, realm, email, email.userId().map(id -> session.users().getUserById(realm, id)).orElse(null));
        }
    }

    /**
     * A typed address is looked up here, after the response, and the engine decides who gets the code. Nobody else
     * gets it, which only the metrics and, for an account, an event say.
     */
    private void sendToTyped(KeycloakSession session, RealmModel realm, CodeEmail email, UnresolvedRecipient unresolved) {
        KeycloakAccounts accounts = new KeycloakAccounts(session, realm);
        Recipient recipient = unresolved.decide(accounts);
        switch (recipient.kind()) {
            case ACCOUNT -> deliver(session, realm, email, accounts.user(recipient.account().orElseThrow()));
            case ADDRESS -> deliver(session, realm, email, null);
            case ADDRESS_IF_IN_POOL -> {
                if (poolHasIt(session, realm, email, email.addressKey())) {
                    deliver(session, realm, email, null);
                }
            }
            case NOBODY -> {
                metrics.code(CodeEvent.NO_RECIPIENT);
                recipient.withheld().ifPresent(reason -> {
                    EventBuilder event = new EventBuilder(realm, session).event(EventType.LOGIN_ERROR)
                            .user(accounts.user(recipient.account().orElseThrow()))
                            .detail(StepEvents.DETAIL_MASKED_EMAIL, email.maskedAddress());
                    StepEvents.error(event, reason, recipient.lockout());
                });
            }
        }
    }

    /** An email that will not be sent: its request rolled back, or the server stopped before it left. */
    void dropped(CodeEmail email) {
        metrics.code(CodeEvent.SEND_FAILED);
        LOG.warnf("Email code for %s not sent: its request did not complete", email.maskedAddress());
    }

    /**
     * The email goes to the template's user: a transient copy with the address. Keycloak 26.7 can also take the
     * recipient as an argument, but that overload is missing before 26.6 and the provider supports 26.4 on.
     */
    private void deliver(KeycloakSession session, RealmModel realm, CodeEmail email, UserModel account) {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("code", email.code());
        attributes.put("ttlMinutes", email.validityMinutes());
        attributes.put("emailCodePurpose", email.door().purpose());
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(recipient(session, realm, account, email.address(), email.locale()))
                    .send(subjectKey(email.door()), List.of(realmName(realm)), TEMPLATE, attributes);
            metrics.code(CodeEvent.SENT);
        } catch (EmailException e) {
            metrics.code(CodeEvent.SEND_FAILED);
            LOG.warnf("Email code send to %s in realm %s failed: %s", email.maskedAddress(), realm.getName(), describe(e));
            EventBuilder event = new EventBuilder(realm, session).event(EventType.LOGIN_ERROR)
                    .detail(StepEvents.DETAIL_MASKED_EMAIL, email.maskedAddress())
                    .detail(Details.REASON, Reason.SEND_FAILED.detail());
            if (account != null) {
                event.user(account);
            }
            event.error(Errors.EMAIL_SEND_FAILED);
        }
    }

    /**
     * The notice to an account's previous address after a proved change. A failure is a log line: the change stands,
     * and the account's events hold it.
     */
    void sendNotice(KeycloakSession session, AddressChangedEmail notice) {
        RealmModel realm = session.realms().getRealm(notice.realmId());
        if (realm == null) {
            return;
        }
        // Before any lookup: Keycloak's providers read the realm from the session's context.
        session.getContext().setRealm(realm);
        UserModel account = session.users().getUserById(realm, notice.userId());
        if (account == null) {
            return;
        }
        try {
            session.getProvider(EmailTemplateProvider.class)
                    .setRealm(realm)
                    .setUser(recipient(session, realm, account, notice.previousAddress(), notice.locale()))
                    .send(CHANGED_SUBJECT_KEY, List.of(realmName(realm)), CHANGED_TEMPLATE,
                            new HashMap<>(Map.of("newAddressMasked", notice.maskedNew())));
        } catch (EmailException e) {
            LOG.warnf("Address-change notice to %s in realm %s failed: %s", notice.maskedAddress(), realm.getName(), describe(e));
        }
    }

    void noticeDropped(AddressChangedEmail notice) {
        LOG.warnf("Address-change notice to %s not sent: its request did not complete", notice.maskedAddress());
    }

    private static String subjectKey(Door door) {
        return switch (door) {
            case BROWSER_SIGN_IN, APP_SIGN_IN -> SUBJECT_KEY;
            case VERIFY_EMAIL -> VERIFY_SUBJECT_KEY;
            case UPDATE_EMAIL -> CHANGE_SUBJECT_KEY;
        };
    }

    /**
     * Import on proof: the code goes only to an address exactly one enabled pool user has. Looked up here, after the
     * response, so the request does the same work for every address and the pool's latency shows on no page.
     */
    private boolean poolHasIt(KeycloakSession session, RealmModel realm, CodeEmail email, String addressKey) {
        MirrorSettings settings = RealmSettingsStore.readOrDefaults(realm).mirror();
        try {
            boolean found = settings.importsOnProof() && session.getProvider(MirrorProvider.class)
                    .importable(realm.getId(), addressKey, email.address(), settings.importOnProof().absenceCache())
                    .isPresent();
            if (!found) {
                metrics.code(CodeEvent.NOT_IN_POOL);
            }
            return found;
        } catch (MirrorException e) {
            metrics.code(CodeEvent.SEND_FAILED);
            LOG.warnf("Email code for %s in realm %s not sent: the Cognito pool could not be read: %s", email.maskedAddress(),
                    realm.getName(), e.getMessage());
            new EventBuilder(realm, session).event(EventType.LOGIN_ERROR)
                    .detail(StepEvents.DETAIL_MASKED_EMAIL, email.maskedAddress())
                    .detail(Details.REASON, Reason.POOL_LOOKUP_FAILED.detail())
                    .error(Errors.EMAIL_SEND_FAILED);
            return false;
        }
    }

    /**
     * The template's user: a transient copy that carries the language the email is written in (the account's, or
     * the login's for an address without one) and the names the template may greet with. Never stored.
     */
    private static UserModel recipient(KeycloakSession session, RealmModel realm, UserModel account, String address,
                                       String loginLocale) {
        LightweightUserAdapter recipient = new LightweightUserAdapter(session, realm, "email-code-recipient");
        recipient.setEmail(address);
        if (account != null) {
            recipient.setFirstName(account.getFirstName());
            recipient.setLastName(account.getLastName());
        }
        String accountLocale = account == null ? null : account.getFirstAttribute(UserModel.LOCALE);
        recipient.setSingleAttribute(UserModel.LOCALE, accountLocale != null && !accountLocale.isBlank() ? accountLocale : loginLocale);
        return recipient;
    }

    private static String realmName(RealmModel realm) {
        String display = realm.getDisplayName();
        return display != null && !display.isBlank() ? display : ObjectUtil.capitalize(realm.getName());
    }

    /** Exception types only: a mail sender's messages may quote the address. */
    private static String describe(EmailException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + " caused by " + root.getClass().getName();
    }
}
