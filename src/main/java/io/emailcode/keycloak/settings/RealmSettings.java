package io.emailcode.keycloak.settings;

import io.emailcode.keycloak.code.AbuseLimits;
import io.emailcode.keycloak.code.FailurePolicy;
import io.emailcode.keycloak.flow.UnverifiedAccounts;
import io.emailcode.keycloak.mirror.MirrorSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings that hold for a whole realm, whatever its flows: read identically by the sign-in step, the event
 * listener, the retry task and the admin endpoints ({@link RealmOptions}).
 *
 * @param mirror       how the realm's users are mirrored into the server's Cognito user pool
 * @param failures     the cap on consecutive wrong codes per address and the locks it brings
 * @param abuse        send budgets per client network and for the whole realm
 * @param knownBrowser how long a browser that signed in with an address keeps its own lane; zero turns the lane off
 * @param unverified   what a right code does for a typed address whose account never verified it
 */
public record RealmSettings(MirrorSettings mirror, FailurePolicy failures, AbuseLimits abuse, Duration knownBrowser,
                            UnverifiedAccounts unverified) {

    public static final RealmSettings DEFAULTS = RealmOptions.read(null).value();

    public RealmSettings {
        Objects.requireNonNull(mirror, "mirror");
        Objects.requireNonNull(failures, "failures");
        Objects.requireNonNull(abuse, "abuse");
        Objects.requireNonNull(knownBrowser, "knownBrowser");
        Objects.requireNonNull(unverified, "unverified");
    }

    public boolean knownBrowsersEnabled() {
        return !knownBrowser.isZero();
    }
}
