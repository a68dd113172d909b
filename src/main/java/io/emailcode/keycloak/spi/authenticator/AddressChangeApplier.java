package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.AddressChange;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.flow.StepOutcome;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticatorUtil;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.requiredactions.UpdateEmail;
import org.keycloak.events.EventBuilder;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.userprofile.UserProfile;
import org.keycloak.userprofile.ValidationException;

/**
 * The address-change door's applier (Keycloak's "Update email" delivered by code): a right code makes the new
 * address the signed-in account's, verified, with Keycloak's own {@code UPDATE_EMAIL} event. Only now does the user
 * profile's whole verdict count, so only someone who proved they own the address learns that another account holds
 * it. The known browsers of both addresses lose their lane, the previous address gets a notice, and the Cognito pool
 * learns of the change. Nobody is signed in by it.
 */
final class AddressChangeApplier extends ActionApplier {

    private static final Logger LOG = Logger.getLogger(AddressChangeApplier.class);

    AddressChangeApplier(RequiredActionContext context, EventBuilder event, Attempt attempt, Optional<String> lockoutError,
                         StepSettings settings, Collaborators with, MirrorProvider mirror, MirrorSettings mirrorSettings) {
        super(context, event, attempt, lockoutError, settings, with, mirror, mirrorSettings);
    }

    @Override
    void proceed(StepOutcome.Action action, UserModel account) {
        if (action != StepOutcome.Action.CHANGE_ADDRESS) {
            throw new IllegalStateException(action + " is not an outcome of the address-change door");
        }
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        PendingChange pending = PendingChange.of(context.getAuthenticationSession()).orElseThrow();
        UserProfile profile;
        try {
            profile = AddressForm.validatedAfterProof(session, account, pending.typed());
        } catch (ValidationException e) {
            refuseAddress(pending, e);
            return;
        }
        String previous = account.getEmail();
        AddressChange change = new AddressChange(Optional.ofNullable(previous), Optional.of(attempt.address()));
        try {
            with.browsers().revoke(session, realm, change);
        } catch (CodeStoreUnavailableException e) {
            // Fail closed: the previous address's known browsers must lose their lane before it leaves the account.
            LOG.warnf("Address of user %s in realm %s not changed: known browsers could not be revoked: %s",
                    account.getId(), realm.getName(), e.getMessage());
            refuse(Reason.STORE_UNAVAILABLE, MessageKeys.SERVICE_UNAVAILABLE);
            return;
        }
        EventBuilder changed = event.clone().user(account);
        UpdateEmail.updateEmailNow(changed, account, profile);
        account.setEmailVerified(true);
        changed.success();
        PendingChange.clear(context.getAuthenticationSession());
        LOG.infof("Address of user %s in realm %s changed to %s with a code", account.getId(), realm.getName(), attempt.masked());
        if (pending.signOutOthers()) {
            AuthenticatorUtil.logoutOtherSessions(context);
        }
        noticeTo(previous, change, account);
        tellThePool(account);
        context.success();
    }

    /**
     * The proved address cannot be the account's: another account holds it (said only now), or the user profile's
     * rules changed since it was typed. The form asks for another address.
     */
    private void refuseAddress(PendingChange pending, ValidationException e) {
        boolean taken = AddressForm.heldByAnother(e);
        StepEvents.error(event, taken ? Reason.ADDRESS_TAKEN : Reason.ADDRESS_REFUSED, Optional.empty());
        LOG.infof("Address of user %s in realm %s not changed to %s: %s", user.getId(), context.getRealm().getName(),
                attempt.masked(), taken ? "another account holds it" : "the user profile refuses it");
        PendingChange.clear(context.getAuthenticationSession());
        context.challenge(AddressForm.withErrors(context, pending.typed(), taken ? AddressForm.taken() : AddressForm.errors(e)));
    }

    /** The previous address hears of the change, with what to do if it was not them; no code, no link. */
    private void noticeTo(String previous, AddressChange change, UserModel account) {
        if (change.previous().isEmpty() || change.revoked().isEmpty()) {
            // No address before, or the same one proved again: nobody to tell.
            return;
        }
        String locale = context.getSession().getContext().resolveLocale(account).toLanguageTag();
        AddressChangedEmail notice = new AddressChangedEmail(context.getRealm().getId(), account.getId(), previous,
                attempt.masked(), locale);
        if (!with.emails().submit(context.getSession(), Optional.of(notice))) {
            LOG.warnf("Address-change notice to %s not sent: the email queue is full", notice.maskedAddress());
        }
    }
}
