package io.emailcode.keycloak.settings;

/** How a required action that proves an address reaches the person. */
public enum ActionDelivery {
    /** Keycloak's own: an email with a link, which Keycloak's action carries out. */
    LINK,
    /** A code emailed to the address and typed on a page in the same browser and session. */
    CODE
}
