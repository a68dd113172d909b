package io.emailcode.keycloak.mirror;

/** The user pool as the mirror, the import on proof and the drift repair use it. */
public interface UserPool extends UserMirror, PoolDirectory {

    /** The same pool, whose every call first waits for {@code pace}: for bulk work under Cognito's quotas. */
    UserPool paced(CallPace pace);
}
