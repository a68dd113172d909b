package io.emailcode.keycloak.mirror;

/** The user pool as the mirror, the import on proof and the drift repair use it. */
public interface UserPool extends UserMirror, PoolDirectory {

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
