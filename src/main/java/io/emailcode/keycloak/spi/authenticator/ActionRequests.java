package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.flow.AddressRules;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.CodeEngine;
import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.settings.ActionDelivery;
import io.emailcode.keycloak.settings.ActionOptions;
import io.emailcode.keycloak.settings.Parsed;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.StepOptions;
import io.emailcode.keycloak.settings.StepSettings;
import io.emailcode.keycloak.spi.keys.RealmSecrets;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import io.emailcode.keycloak.spi.realm.StepInFlows;
import java.util.Map;
import java.util.Optional;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.events.EventBuilder;
import org.keycloak.events.EventType;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.RequiredActionConfigModel;
import org.keycloak.models.UserModel;

/**
 * Opens one request of a required action delivered by code. The code's rules are the realm's sign-in's: the
 * settings of the realm's Email code step ({@link StepInFlows#signInStepConfig}), and the realm's limits; the code
 * goes to the address the action proves (the signed-in account's, or the new one it is to have). A request that cannot go on (a broken configuration) is answered here.
 */
final class ActionRequests {

    private final DoorParts parts;

    ActionRequests(DoorParts parts) {
        this.parts = parts;
    }

    /** Makes a door's applier for one request of its action. */
    interface Appliers {
        OutcomeApplier make(RequiredActionContext context, EventBuilder event, Attempt attempt, Optional<String> lockoutError,
                            StepSettings settings, OutcomeApplier.Collaborators with, MirrorProvider mirror,
                            MirrorSettings mirrorSettings);
    }

    /**
     * @param events  Keycloak's event type of the action (its failures are that type's errors)
     * @param address the signed-in account's normalised address
     * @param issuing the request may issue a code (which is hashed with the realm's active key)
     * @param appliers the door's applier
     * @return the request, or empty when it was answered already (a misconfiguration page)
     */
    Optional<DoorRequest> open(RequiredActionContext context, Door door, EventType events, String address, boolean issuing,
                               Appliers appliers) {
        KeycloakSession session = context.getSession();
        RealmModel realm = context.getRealm();
        UserModel user = context.getUser();
        Parsed<StepSettings> step = StepOptions.read(StepInFlows.signInStepConfig(realm));
        Parsed<RealmSettings> limits = RealmSettingsStore.read(realm);
        if (Misconfiguration.in(step, limits)) {
            context.challenge(Misconfiguration.answer(realm, "Email code", context.getEvent().clone().event(events),
                    context.form(), step, limits));
            return Optional.empty();
        }
        RealmSecrets secrets = new RealmSecrets(session, realm);
        CodeHasher hasher = secrets.addressHasher();
        KnownBrowsers browsers = parts.browsers(hasher, limits.value().knownBrowser());
        Optional<String> lockout = KeycloakAccounts.lockout(session, realm, user);
        Attempt attempt = new Attempts(secrets, hasher, browsers).read(door, session, context.getAuthenticationSession(), user,
                lockout, address, issuing);
        // The door's own events, Keycloak's event type of the action (its failures are that type's errors), with the
        // sign-in's errors and reasons; Keycloak's event of the action's success stays its own.
        EventBuilder event = context.getEvent().clone().event(events).user(user)
                .detail(StepEvents.DETAIL_MASKED_EMAIL, attempt.masked());
        KeycloakAccounts accounts = new KeycloakAccounts(session, realm);
        OutcomeApplier applier = appliers.make(context, event, attempt, lockout, step.value(),
                parts.collaborators(browsers, accounts, hasher.addressKey(address)), parts.mirror(),
                limits.value().mirror());
        // The account is known: no address is registered or imported at an action's door.
        AddressRules rules = new AddressRules(false, false, limits.value().unverified());
        CodeEngine engine = parts.engine(hasher, rules, accounts);
        return Optional.of(new DoorRequest(engine, attempt, step.value().policy(limits.value().failures()),
                limits.value().abuse(), applier));
    }

    /**
     * How the realm delivers the action; empty when its settings cannot be used (the page says so).
     *
     * @param action the action's name for the log line
     */
    static Optional<ActionDelivery> delivery(RequiredActionContext context, String action, EventType events) {
        RequiredActionConfigModel config = context.getConfig();
        Parsed<ActionDelivery> delivery = ActionOptions.read(config == null ? Map.of() : config.getConfig());
        if (delivery.valid()) {
            return Optional.of(delivery.value());
        }
        context.challenge(Misconfiguration.answer(context.getRealm(), action, context.getEvent().clone().event(events),
                context.form(), delivery));
        return Optional.empty();
    }

    /** The signed-in account's normalised address; empty when it has none a code can go to. */
    static Optional<String> address(UserModel user) {
        return EmailAddresses.normalise(user.getEmail());
    }
}
