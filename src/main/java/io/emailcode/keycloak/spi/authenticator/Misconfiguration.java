package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.settings.Parsed;
import io.emailcode.keycloak.settings.RealmSettings;
import io.emailcode.keycloak.settings.StepSettings;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.keycloak.models.RealmModel;

/** A door's settings that cannot be used: the administrator's to fix, so a log line says every problem at once. */
final class Misconfiguration {

    private static final Logger LOG = Logger.getLogger(Misconfiguration.class);

    private Misconfiguration() {
    }

    static void log(RealmModel realm, Parsed<StepSettings> step, Parsed<RealmSettings> limits) {
        List<String> problems = new ArrayList<>(step.problems());
        problems.addAll(limits.problems());
        LOG.errorf("Email code in realm %s cannot run: %s", realm.getName(), String.join("; ", problems));
    }
}
