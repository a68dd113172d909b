package io.emailcode.keycloak.mirror;

/**
 * Where the mirror tells the administrator about what it left alone on purpose: a pool user it may not link (a
 * conflict) and a change it dropped. Reports name the realm, the Keycloak user and a short reason, never an address.
 */
public interface MirrorAlerts {

    MirrorAlerts NONE = (realmId, userId, change, reason) -> {
    };

    /**
     * @param change {@link MirrorChange#CONFLICT} or {@link MirrorChange#DROPPED}
     * @param reason a short label ({@code unverified}, {@code unconfirmed}, {@code other_address}, {@code several},
     *               {@code no_proof}, {@code proved_address_changed})
     */
    void report(String realmId, String userId, MirrorChange change, String reason);
}
