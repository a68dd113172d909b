package io.emailcode.keycloak.flow;

/** How a code reaches the person. The engine decides who gets a code, never how it is carried. */
public enum Channel {
    /** An email to the address, rendered from the realm's email theme. */
    EMAIL
}
