package io.emailcode.keycloak.spi.authenticator;

import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialModel;
import org.keycloak.events.Details;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.FederatedIdentityModel;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.UserSessionModel;

/**
 * Hands an account whose address was never verified to the person who just proved the address with a code
 * ({@link io.emailcode.keycloak.flow.UnverifiedAccounts#CLAIM}): whoever set the account up may have used someone
 * else's address (account pre-hijacking), so nothing they could have left behind survives. Every credential and
 * identity-provider link goes (Keycloak records no time of verification, so those set before the proof cannot be told
 * apart from others), every session ends, and the address becomes verified; each step is one of Keycloak's own
 * events with the detail {@code reason=email_code_claim}.
 */
final class AccountClaim {

    /** The {@code reason} detail of every event a claim writes. */
    static final String REASON = "email_code_claim";
    private static final Logger LOG = Logger.getLogger(AccountClaim.class);

    private AccountClaim() {
    }

    /** @param masked the proved address, masked, for the events */
    static void claim(KeycloakSession session, RealmModel realm, UserModel account, String masked) {
        EventBuilder base = new EventBuilder(realm, session, session.getContext().getConnection())
                .client(session.getContext().getClient()).user(account)
                .detail(StepEvents.DETAIL_MASKED_EMAIL, masked).detail(Details.REASON, REASON);
        List<CredentialModel> credentials = account.credentialManager().getStoredCredentialsStream().toList();
        for (CredentialModel credential : credentials) {
            account.credentialManager().removeStoredCredentialById(credential.getId());
            event(base, EventType.REMOVE_CREDENTIAL)
                    .detail(Details.CREDENTIAL_TYPE, credential.getType())
                    .detail(Details.CREDENTIAL_ID, credential.getId())
                    .success();
        }
        List<FederatedIdentityModel> links = session.users().getFederatedIdentitiesStream(realm, account).toList();
        for (FederatedIdentityModel link : links) {
            session.users().removeFederatedIdentity(realm, account, link.getIdentityProvider());
            event(base, EventType.REMOVE_FEDERATED_IDENTITY)
                    .detail(Details.IDENTITY_PROVIDER, link.getIdentityProvider())
                    .success();
        }
        // Tokens issued to the account's earlier sessions stop being accepted, as after an administrator's sign-out.
        session.users().setNotBeforeForUser(realm, account, Time.currentTime());
        List<UserSessionModel> sessions = session.sessions().getUserSessionsStream(realm, account).toList();
        sessions.forEach(ended -> session.sessions().removeUserSession(realm, ended));
        List<UserSessionModel> offline = session.sessions().getOfflineUserSessionsStream(realm, account).toList();
        offline.forEach(ended -> session.sessions().removeOfflineUserSession(realm, ended));
        account.setEmailVerified(true);
        event(base, EventType.VERIFY_EMAIL).success();
        LOG.infof("Account %s in realm %s claimed by the owner of %s: %d credentials, %d identity-provider links, "
                        + "%d sessions and %d offline sessions removed", account.getId(), realm.getName(),
                masked, credentials.size(), links.size(), sessions.size(), offline.size());
    }

    /** A fresh copy per event: the sign-in's own event may name the typed address, these never do. */
    private static EventBuilder event(EventBuilder base, EventType type) {
        return base.clone().event(type);
    }
}
