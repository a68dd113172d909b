package io.emailcode.keycloak.mirror;

import java.util.function.Predicate;

/** The user pool as the mirror, the import on proof and the drift repair use it. */
public interface UserPool extends UserMirror, PoolDirectory {

    /**
     * As {@link #sync}, but a pool user that the proof would adopt is adopted (reset, changed, linked) only if
     * {@code adoptable} accepts its {@code sub}; otherwise it is a conflict labelled {@code why} and left untouched.
     *
     * @throws MirrorException when the pool could not be brought in line
     */
    MirrorResult sync(MirroredUser user, Adoption adoption, Predicate<String> adoptable, String why);

    /** The same pool, whose every call first waits for {@code pace}: for bulk work under Cognito's quotas. */
    UserPool paced(CallPace pace);

    /**
     * Makes a pool user just imported on proof start clean: a password it carries stops working and its sessions in
     * the pool end, as for a pool user the mirror adopts.
     *
     * @throws MirrorException when the pool could not be reached or refused
     */
    void startClean(PooledUser imported);
}
