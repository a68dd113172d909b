package io.emailcode.keycloak.code;

import java.time.Duration;

/** Limits on sending, enforced per slot by the store: a cooldown between sends and a budget per rolling hour. */
public record SendPolicy(Duration cooldown, int sendsPerHour) {
}
