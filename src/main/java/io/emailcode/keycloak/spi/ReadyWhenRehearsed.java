package io.emailcode.keycloak.spi;

import io.emailcode.keycloak.aws.Rehearsal;
import java.time.Duration;
import java.util.Locale;
import org.jboss.logging.Logger;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.utils.PostMigrationEvent;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Holds the end of the server's start until a rehearsal of the hot path's AWS calls has ended, so the node reports
 * ready (and a load balancer sends it sign-ins) warm, not while the rehearsal still takes both of its threads' cores
 * from the first sign-ins. Keycloak's bootstrap publishes {@link PostMigrationEvent} just before it completes; the
 * rehearsal starts at the factories' {@code postInit}, so most of it has run beside the start by then.
 */
public final class ReadyWhenRehearsed implements ProviderEventListener {

    /**
     * What a start waits past the rehearsal's own time: its first round, which loads the classes (a second or two
     * here). A rehearsal stuck past both goes on beside the traffic instead of keeping the node out of service.
     */
    static final Duration FIRST_ROUND = Duration.ofSeconds(10);
    private static final Logger LOG = Logger.getLogger(ReadyWhenRehearsed.class);

    private final String what;
    private final Rehearsal.Running rehearsal;
    private final Duration most;

    ReadyWhenRehearsed(String what, Rehearsal.Running rehearsal, Duration most) {
        this.what = what;
        this.rehearsal = rehearsal;
        this.most = most;
    }

    /**
     * Starts {@code rehearsal} on a thread of its own and holds the end of the start for it; with a time of 0 (the
     * operator turned it off) does neither.
     *
     * @param what   names the rehearsal in the log and its thread, e.g. "DynamoDB code store"
     * @param time   the rehearsal's bound on its rounds after the first
     */
    public static void start(KeycloakSessionFactory factory, String what, Duration time, Runnable rehearsal) {
        if (time.isZero()) {
            LOG.infof("The %s's AWS calls are not rehearsed at start (rehearsal-seconds is 0): the first sign-ins load"
                    + " and compile them", what);
            return;
        }
        factory.register(new ReadyWhenRehearsed(what, Rehearsal.inBackground(threadName(what), rehearsal),
                time.plus(FIRST_ROUND)));
    }

    /** "DynamoDB code store" runs on thread {@code email-code-rehearsal-dynamodb-code-store}. */
    static String threadName(String what) {
        return "email-code-rehearsal-" + what.toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (event instanceof PostMigrationEvent && !rehearsal.awaitEnd(most)) {
            LOG.infof("The %s's rehearsal did not end within %d s of the end of the start: it goes on beside the first sign-ins",
                    what, most.toSeconds());
        }
    }
}
