package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeGenerator;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.flow.AddressRules;
import io.emailcode.keycloak.flow.CodeEngine;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import java.time.Clock;
import java.time.Duration;

/**
 * What every door of a server shares: the code store, the generator, the email queue, the mirror, the metrics and the
 * clock. Each request builds its engine from them with the realm's keys and rules.
 */
record DoorParts(CodeStore store, CodeGenerator generator, CodeEmails emails, MirrorProvider mirror, StepMetrics metrics,
                 Clock clock) {

    CodeEngine engine(CodeHasher hasher, AddressRules rules, KeycloakAccounts accounts) {
        return new CodeEngine(new OneTimeCodes(store, generator, hasher), rules, accounts);
    }

    /** @param lifetime how long a browser stays known after a sign-in by code (the realm's setting) */
    KnownBrowsers browsers(CodeHasher hasher, Duration lifetime) {
        return new KnownBrowsers(hasher, store, clock, lifetime);
    }

    OutcomeApplier.Collaborators collaborators(KnownBrowsers browsers, KeycloakAccounts accounts, String addressKey) {
        return new OutcomeApplier.Collaborators(emails, browsers, accounts, addressKey, metrics);
    }
}
