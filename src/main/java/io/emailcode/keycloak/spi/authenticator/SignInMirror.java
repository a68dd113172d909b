package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.MessageKeys;
import io.emailcode.keycloak.flow.Notice;
import io.emailcode.keycloak.flow.Reason;
import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import io.emailcode.keycloak.spi.mirror.MirroredUsers;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;
import org.keycloak.authentication.AuthenticationFlowContext;
import org.keycloak.models.UserModel;

/**
 * The Cognito mirror at the end of a successful email-code sign-in: the one moment the person has just proved the
 * address, so the one moment a pool user with that address may be adopted. A user already linked to the pool costs
 * nothing. Otherwise best effort mirrors after the commit, off the request thread; "required" waits for the pool
 * and, when it cannot be reached, refuses the sign-in with a page that says to try again later.
 */
final class SignInMirror {

    private static final Logger LOG = Logger.getLogger(SignInMirror.class);

    private final MirrorProvider mirror;
    private final MirrorSettings settings;
    private final String provedAddress;

    /** @param provedAddress the normalised address the code is for: what a right code proves */
    SignInMirror(MirrorProvider mirror, MirrorSettings settings, String provedAddress) {
        this.mirror = mirror;
        this.settings = settings;
        this.provedAddress = provedAddress;
    }

    /** @return false when the sign-in must not complete; the refusal page has then been set */
    boolean allowsSignIn(AuthenticationFlowContext context, UserModel user, DoorPage page) {
        if (!settings.enabled() || !mirror.available() || MirroredUsers.sub(user).isPresent()) {
            return true;
        }
        Optional<MirroredUser> desired = MirroredUsers.of(user, settings);
        if (settings.mode() == MirrorSettings.Mode.BEST_EFFORT || desired.isEmpty()) {
            mirror.syncAfterProof(context.getSession(), context.getRealm().getId(), user.getId(), provedAddress);
            context.getEvent().detail(StepEvents.DETAIL_MIRROR, "queued");
            return true;
        }
        try {
            // Only the proved address may adopt: an account whose address is another is mirrored, never linked on it.
            Adoption adoption = desired.get().email().equals(provedAddress) ? Adoption.ON_PROOF : Adoption.NEVER;
            MirrorResult result = mirror.syncNow(context.getRealm().getId(), desired.get(), adoption);
            if (result.linked()) {
                user.setSingleAttribute(MirroredUsers.SUB_ATTRIBUTE, result.sub());
            }
            context.getEvent().detail(StepEvents.DETAIL_MIRROR, result.change().name().toLowerCase(Locale.ROOT));
            return true;
        } catch (MirrorException e) {
            LOG.warnf("Sign-in of user %s in realm %s refused: the realm requires the Cognito mirror and it failed: %s",
                    user.getId(), context.getRealm().getName(), e.getMessage());
            // Recorded for the retries: a user registered by this sign-in must still reach the pool.
            mirror.syncAfterProof(context.getSession(), context.getRealm().getId(), user.getId(), provedAddress);
            StepEvents.error(context.getEvent(), Reason.MIRROR_UNAVAILABLE, Optional.empty());
            context.challenge(page.show(Optional.of(Notice.error(MessageKeys.MIRROR_UNAVAILABLE))));
            return false;
        }
    }
}
