package io.emailcode.keycloak.settings;

import io.emailcode.keycloak.mirror.MirrorSettings;

/**
 * Settings that hold for a whole realm, whatever its flows: read identically by the sign-in step, the event
 * listener, the retry task and the admin endpoints ({@link RealmOptions}).
 *
 * @param mirror how the realm's users are mirrored into the server's Cognito user pool
 */
public record RealmSettings(MirrorSettings mirror) {

    public static final RealmSettings DEFAULTS = RealmOptions.read(null).value();
}
