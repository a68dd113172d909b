package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.Adoption;
import io.emailcode.keycloak.mirror.CallPace;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.MirrorChange;
import io.emailcode.keycloak.mirror.MirrorResult;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.PoolPage;
import io.emailcode.keycloak.mirror.PooledUser;
import io.emailcode.keycloak.mirror.ProofCoverage;
import io.emailcode.keycloak.mirror.UserPool;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.cognitoidentityprovider.CognitoIdentityProviderClient;
import software.amazon.awssdk.services.cognitoidentityprovider.model.AttributeType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.MessageActionType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserType;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * The user pool through Cognito's admin API. The only class that writes to the pool.
 * A known {@code sub} finds the user in one call. Without one, a single pool user with the same address is adopted
 * only right after the person proved the address with a code ({@link Adoption}) and only if the proof covers it
 * ({@link ProofCoverage}: its own email is the address, verified, confirmed), never by its username; it then starts
 * clean (password replaced, sessions ended). Otherwise it is a conflict for the administrator, never a duplicate and
 * never a silent link. A linked pool user that is gone (deleted in the pool) is
 * created again, unless another pool user holds the address. Keycloak's "email verified" is mirrored as it is.
 */
public final class CognitoUserMirror implements UserPool, AutoCloseable {

    static final String EMAIL = "email";
    static final String EMAIL_VERIFIED = "email_verified";
    static final String SUB = "sub";
    private static final Logger LOG = Logger.getLogger(CognitoUserMirror.class);

    private final CognitoIdentityProviderClient client;
    private final String userPoolId;
    private final CognitoCalls calls;
    private final CognitoPoolReader reader;
    private final PoolUserUpdate updates;
    private final PoolUserReset reset;

    CognitoUserMirror(CognitoIdentityProviderClient client, String userPoolId) {
        this(client, userPoolId, CallPace.UNLIMITED);
    }

    private CognitoUserMirror(CognitoIdentityProviderClient client, String userPoolId, CallPace pace) {
        this.client = client;
        this.userPoolId = userPoolId;
        this.calls = new CognitoCalls(userPoolId, pace);
        this.reader = new CognitoPoolReader(client, userPoolId, calls);
        this.updates = new PoolUserUpdate(client, userPoolId, calls);
        this.reset = new PoolUserReset(client, userPoolId, calls);
    }

    /** The same pool and client (closed only with this one), each call paced. */
    @Override
    public CognitoUserMirror paced(CallPace pace) {
        return new CognitoUserMirror(client, userPoolId, pace);
    }

    @Override
    public MirrorResult sync(MirroredUser user, Adoption adoption) {
        return sync(user, adoption, sub -> true, "");
    }

    @Override
    public MirrorResult sync(MirroredUser user, Adoption adoption, Predicate<String> adoptable, String why) {
        Optional<PooledUser> linked = user.sub().flatMap(sub -> reader.findOne(SUB, sub));
        if (linked.isPresent()) {
            Optional<MirrorResult> updated = updateUnlessGone(linked.get(), user);
            if (updated.isPresent()) {
                return updated.get();
            }
        }
        return withoutLinkedUser(user, adoption, adoptable, why);
    }

    @Override
    public MirrorResult align(PooledUser current, MirroredUser desired) {
        return updateUnlessGone(current, desired).orElseGet(() -> withoutLinkedUser(desired, Adoption.NEVER, sub -> false, ""));
    }

    @Override
    public PoolPage page(Optional<String> token) {
        return reader.page(token);
    }

    @Override
    public List<PooledUser> withAddress(String email) {
        // AWS matches the address whatever its case; compare again, as not every pool (or emulator) does.
        return reader.find(EMAIL, email, 2).stream()
                .filter(u -> u.email().toLowerCase(Locale.ROOT).equals(email.toLowerCase(Locale.ROOT))).toList();
    }

    @Override
    public MirrorChange delete(DeletedUser user) {
        // Only the pool user we linked is ours to delete: a username or an address may belong to someone else now.
        Optional<PooledUser> linked = user.sub().flatMap(sub -> reader.findOne(SUB, sub));
        if (linked.isEmpty()) {
            return MirrorChange.ALREADY_ABSENT;
        }
        try {
            calls.call("AdminDeleteUser", () -> client.adminDeleteUser(b -> b.userPoolId(userPoolId).username(linked.get().username())));
            return MirrorChange.DELETED;
        } catch (UserNotFoundException e) {
            return MirrorChange.ALREADY_ABSENT;
        }
    }

    /** Empty when the pool user is gone by the time it is changed ("user not found"). */
    private Optional<MirrorResult> updateUnlessGone(PooledUser current, MirroredUser desired) {
        try {
            return Optional.of(new MirrorResult(current.sub(), updates.apply(current, desired, false)));
        } catch (UserNotFoundException e) {
            LOG.infof("Cognito mirror of user %s: the linked pool user is gone", desired.userId());
            return Optional.empty();
        }
    }

    /** Not linked, or the linked pool user is gone: look for pool users that already have the address. */
    private MirrorResult withoutLinkedUser(MirroredUser user, Adoption adoption, Predicate<String> adoptable,
                                           String why) {
        List<PooledUser> withAddress = withAddress(user.email());
        if (withAddress.size() > 1) {
            LOG.warnf("Cognito mirror of user %s: %d or more pool users have the address; none is linked", user.userId(),
                    withAddress.size());
            return MirrorResult.conflict("several");
        }
        if (withAddress.size() == 1) {
            return adoption == Adoption.ON_PROOF ? adoptIfCovered(withAddress.get(0), user, adoptable, why)
                    : MirrorResult.conflict("no_proof");
        }
        return create(user);
    }

    /** The address was just proved; the user is the prover's only if the proof covers it, and then starts clean. */
    private MirrorResult adoptIfCovered(PooledUser found, MirroredUser user, Predicate<String> adoptable, String why) {
        ProofCoverage coverage = ProofCoverage.of(found, user.email());
        if (!coverage.covered()) {
            LOG.warnf("Cognito mirror of user %s: the pool user with the address is not covered by the proof (%s); "
                    + "not linked, left for an administrator", user.userId(), coverage.label());
            return MirrorResult.conflict(coverage.label());
        }
        if (!adoptable.test(found.sub())) {
            LOG.warnf("Cognito mirror of user %s: the pool user with the address is linked to another user; not linked, "
                    + "left for an administrator", user.userId());
            return MirrorResult.conflict(why);
        }
        reset.startClean(found.username());
        return new MirrorResult(found.sub(), updates.apply(found, user, true));
    }

    private MirrorResult create(MirroredUser user) {
        List<AttributeType> attributes = new ArrayList<>();
        attributes.add(PoolUserUpdate.attribute(EMAIL, user.email()));
        attributes.add(PoolUserUpdate.attribute(EMAIL_VERIFIED, Boolean.toString(user.emailVerified())));
        user.attributes().forEach((name, value) -> {
            if (!value.isEmpty()) {
                attributes.add(PoolUserUpdate.attribute(name, value));
            }
        });
        UserType created;
        try {
            created = calls.call("AdminCreateUser", () -> client.adminCreateUser(b -> b.userPoolId(userPoolId)
                    .username(user.username()).messageAction(MessageActionType.SUPPRESS).userAttributes(attributes))).user();
        } catch (UsernameExistsException e) {
            // Ours when the username is the Keycloak user id (an earlier attempt whose answer was lost). A username
            // that is an address belongs to a pool user whose email is another address by now (none has this one):
            // usernames never change, so it may be the user of whoever had the address before, never the prover's.
            if (!user.username().equals(user.userId())) {
                LOG.warnf("Cognito mirror of user %s: a pool user has the address as its username but another email; "
                        + "not linked, left for an administrator", user.userId());
                return MirrorResult.conflict(ProofCoverage.OTHER_ADDRESS.label());
            }
            PooledUser existing = reader.get(user.username());
            return new MirrorResult(existing.sub(), updates.apply(existing, user, true));
        }
        PooledUser pooled = CognitoPoolReader.pooled(created);
        if (!user.enabled()) {
            updates.disable(pooled.username());
        }
        return new MirrorResult(pooled.sub(), user.sub().isPresent() ? MirrorChange.RECREATED : MirrorChange.CREATED);
    }

    /** Import on proof: the pool user becomes a Keycloak user's, so it starts clean as an adopted one does. */
    @Override
    public void startClean(PooledUser imported) {
        reset.startClean(imported.username());
    }

    @Override
    public void close() {
        client.close();
    }
}
