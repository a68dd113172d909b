package io.emailcode.keycloak.mirror;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One user whose pool copy is not known to match Keycloak. There is at most one per user: a newer
 * change replaces the older one, and a sync always reads the user's current state, so the latest wins.
 *
 * @param kind          sync the current Keycloak state, or delete
 * @param sub           for a delete: the linked sub, if there was one
 * @param attempts      failed attempts so far
 * @param nextAttemptAt not to be tried before this instant
 * @param version       identifies this write; finishing an older version never removes a newer change
 * @param adoption      whether the sync may adopt a pool user with the address (queued right after a code proof)
 * @param provedAddress for a sync queued right after a code proof: the {@link ProvedAddress} fingerprint of the proved
 *                      address; a change whose account no longer has that address is dropped, and one without it
 *                      (queued by an earlier version) never adopts
 */
public record PendingMirror(String realmId, String userId, Kind kind, Optional<String> sub,
                            int attempts, Instant nextAttemptAt, String version, Adoption adoption,
                            Optional<String> provedAddress) {

    public enum Kind { SYNC, DELETE }

    public PendingMirror {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(sub, "sub");
        Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(adoption, "adoption");
        Objects.requireNonNull(provedAddress, "provedAddress");
    }

    /** A sync that adopts nothing: an event, an admin change, a reconciliation. */
    public static PendingMirror sync(String realmId, String userId, Instant notBefore, String version) {
        return new PendingMirror(realmId, userId, Kind.SYNC, Optional.empty(), 0, notBefore, version, Adoption.NEVER,
                Optional.empty());
    }

    /** A sync right after the person proved {@code address} with a code: it may adopt, for that address only. */
    public static PendingMirror afterProof(String realmId, String userId, Instant notBefore, String version, String address) {
        return new PendingMirror(realmId, userId, Kind.SYNC, Optional.empty(), 0, notBefore, version, Adoption.ON_PROOF,
                Optional.of(ProvedAddress.fingerprint(realmId, userId, address)));
    }

    public static PendingMirror delete(String realmId, DeletedUser user, Instant notBefore, String version) {
        return new PendingMirror(realmId, user.userId(), Kind.DELETE, user.sub(), 0, notBefore, version,
                Adoption.NEVER, Optional.empty());
    }

    /** The same change, due at {@code notBefore} with no failed attempts. */
    public PendingMirror dueAt(Instant notBefore) {
        return new PendingMirror(realmId, userId, kind, sub, 0, notBefore, version, adoption, provedAddress);
    }

    /**
     * A sync queued right after a code proof: the person stays unlinked until it succeeds, and every sign-in of an
     * unlinked person queues it again, so it needs no record of its own unless it fails.
     */
    public boolean repeatsAtNextSignIn() {
        return kind == Kind.SYNC && adoption == Adoption.ON_PROOF;
    }

    /**
     * How far the sync of {@code current} may go: {@link Adoption#ON_PROOF} only while the account still has the
     * proved address; empty when it no longer has it (the change must be dropped).
     */
    public Optional<Adoption> adoptionFor(MirroredUser current) {
        if (adoption != Adoption.ON_PROOF) {
            return Optional.of(adoption);
        }
        if (provedAddress.isEmpty()) {
            return Optional.of(Adoption.NEVER);
        }
        return ProvedAddress.matches(provedAddress.get(), realmId, userId, current.email())
                ? Optional.of(Adoption.ON_PROOF) : Optional.empty();
    }

    public DeletedUser deletedUser() {
        return new DeletedUser(userId, sub);
    }

    public PendingMirror failedAgain(Instant next) {
        return new PendingMirror(realmId, userId, kind, sub, attempts + 1, next, version, adoption, provedAddress);
    }
}
