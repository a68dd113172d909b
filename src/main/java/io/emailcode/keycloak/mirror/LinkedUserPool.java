package io.emailcode.keycloak.mirror;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import org.jboss.logging.Logger;

/**
 * The pool as one realm's users may change it: a pool user is updated or deleted only for the Keycloak user that holds
 * its link ({@link PoolLinks}), and a pool user the mirror creates or adopts is linked to one Keycloak user only.
 * A {@code cognito_sub} without a link (older data, a bulk import) is adopted once, only when the pool user's email is
 * the account's address and both are verified; anything else is a conflict left for an administrator, so an
 * administrator of one realm cannot reach another realm's (or another user's) pool user by editing the attribute.
 */
public final class LinkedUserPool implements UserPool {

    /** The {@code sub} is linked to another Keycloak user, of this realm or another one sharing the pool. */
    public static final String LINKED_ELSEWHERE = "linked_elsewhere";
    /** The {@code sub} has no link and the pool user's email is not the account's verified address. */
    public static final String UNPROVED_LINK = "unproved_link";
    private static final Logger LOG = Logger.getLogger(LinkedUserPool.class);

    private final UserPool pool;
    private final PoolLinks links;
    private final String realmId;

    public LinkedUserPool(UserPool pool, PoolLinks links, String realmId) {
        this.pool = pool;
        this.links = links;
        this.realmId = realmId;
    }

    @Override
    public MirrorResult sync(MirroredUser user, Adoption adoption) {
        return sync(user, adoption, sub -> true, LINKED_ELSEWHERE);
    }

    @Override
    public MirrorResult sync(MirroredUser user, Adoption adoption, Predicate<String> adoptable, String why) {
        LinkHolder holder = holder(user);
        if (user.sub().isPresent()) {
            Optional<String> refused = refusal(user.sub().get(), user, holder);
            if (refused.isPresent()) {
                return conflict(user, refused.get());
            }
        }
        // A pool user the proof would adopt that another Keycloak user holds is never reset nor overwritten.
        Predicate<String> unheld = sub -> links.holder(sub).filter(h -> !h.equals(holder)).isEmpty();
        return linked(pool.sync(user, adoption, unheld.and(adoptable), why), user, holder);
    }

    @Override
    public MirrorResult align(PooledUser current, MirroredUser desired) {
        LinkHolder holder = holder(desired);
        Optional<String> refused = refusal(current.sub(), desired, holder);
        if (refused.isPresent()) {
            return conflict(desired, refused.get());
        }
        return linked(pool.align(current, desired), desired, holder);
    }

    @Override
    public MirrorChange delete(DeletedUser user) {
        if (user.sub().isEmpty()) {
            return MirrorChange.ALREADY_ABSENT;
        }
        LinkHolder holder = new LinkHolder(realmId, user.userId());
        if (!links.holder(user.sub().get()).equals(Optional.of(holder))) {
            // Without the link the pool user is not this user's to delete, whatever the attribute said.
            LOG.warnf("Cognito mirror of user %s: the pool user of its cognito_sub is not linked to it; not deleted",
                    user.userId());
            return MirrorChange.CONFLICT;
        }
        MirrorChange change = pool.delete(user);
        links.release(user.sub().get(), holder);
        return change;
    }

    @Override
    public PoolPage page(Optional<String> token) {
        return pool.page(token);
    }

    @Override
    public List<PooledUser> withAddress(String email) {
        return pool.withAddress(email);
    }

    @Override
    public UserPool paced(CallPace pace) {
        return new LinkedUserPool(pool.paced(pace), links, realmId);
    }

    @Override
    public void startClean(PooledUser imported) {
        pool.startClean(imported);
    }

    /** Empty when {@code sub} may be changed for {@code user}: its link is the user's, or is adopted now. */
    private Optional<String> refusal(String sub, MirroredUser user, LinkHolder holder) {
        Optional<LinkHolder> current = links.holder(sub);
        if (current.isPresent()) {
            return current.get().equals(holder) ? Optional.empty() : Optional.of(LINKED_ELSEWHERE);
        }
        if (!provesUnlinked(sub, user)) {
            return Optional.of(UNPROVED_LINK);
        }
        return links.claim(sub, holder) ? Optional.empty() : Optional.of(LINKED_ELSEWHERE);
    }

    /** An unlinked {@code sub} is the user's only when its pool user has the account's address, both verified. */
    private boolean provesUnlinked(String sub, MirroredUser user) {
        return user.emailVerified() && pool.withAddress(user.email()).stream()
                .anyMatch(p -> p.sub().equals(sub) && p.emailVerified()
                        && p.email().toLowerCase(Locale.ROOT).equals(user.email().toLowerCase(Locale.ROOT)));
    }

    /** A pool user just created, recreated or adopted is linked to the user, unless another got it first. */
    private MirrorResult linked(MirrorResult result, MirroredUser user, LinkHolder holder) {
        if (!result.linked() || user.sub().equals(Optional.of(result.sub()))) {
            return result;
        }
        if (!links.claim(result.sub(), holder)) {
            return conflict(user, LINKED_ELSEWHERE);
        }
        // A recreated pool user replaces the one that was gone: its link has nothing left to protect.
        user.sub().ifPresent(gone -> links.release(gone, holder));
        return result;
    }

    private MirrorResult conflict(MirroredUser user, String why) {
        LOG.warnf("Cognito mirror of user %s: its pool user is not linked to it (%s); not changed", user.userId(), why);
        return MirrorResult.conflict(why);
    }

    private LinkHolder holder(MirroredUser user) {
        return new LinkHolder(realmId, user.userId());
    }
}
