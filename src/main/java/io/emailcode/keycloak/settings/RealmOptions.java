package io.emailcode.keycloak.settings;

import io.emailcode.keycloak.mirror.ImportOnProof;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.MirrorSettings.Mode;
import io.emailcode.keycloak.mirror.MirrorSettings.UsernameStrategy;
import io.emailcode.keycloak.mirror.PoolAddress;
import io.emailcode.keycloak.mirror.RepairSchedule;
import io.emailcode.keycloak.code.AbuseLimits;
import io.emailcode.keycloak.code.FailurePolicy;
import io.emailcode.keycloak.flow.UnverifiedAccounts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The realm-level settings, by the keys of the admin REST endpoint: the Cognito bridge's in the realm's "Amazon Cognito"
 * user federation provider, the limits as realm attributes with a prefix.
 */
public final class RealmOptions {

    public static final TextOption MIRROR_POOL_ID = TextOption.labelled("mirror.pool.id", "User pool id",
            "The Cognito user pool this realm's users are mirrored into, e.g. eu-west-1_AbCdEf123. Needed unless the "
            + "mode is OFF. Realms sharing a pool never touch each other's pool users.",
            text -> text.matches("[\\w-]+_[0-9a-zA-Z]+") && text.length() <= 55, "a Cognito user pool id such as eu-west-1_AbCdEf123");
    public static final TextOption MIRROR_REGION = TextOption.labelled("mirror.region", "Region",
            "AWS region of the user pool. Empty: the server's Cognito region (its option, else the AWS SDK's region chain).",
            text -> text.matches("[a-z]{2}(-[a-z]+)+-\\d{1,2}"), "an AWS region such as eu-west-1");
    public static final ChoiceOption<Mode> MIRROR_MODE = new ChoiceOption<>("mirror.mode", "Cognito mirror",
            "Mirror the realm's users into its Cognito user pool. OFF: never. BEST_EFFORT: after sign-in and "
                    + "changes, off the request, retried until Cognito agrees; never delays or blocks a sign-in. REQUIRED: "
                    + "the first sign-in waits for Cognito and is refused while Cognito is unreachable.", Mode.class, Mode.OFF);
    public static final ChoiceOption<UsernameStrategy> MIRROR_USERNAME = new ChoiceOption<>("mirror.username",
            "Cognito username", "What becomes the username of a new Cognito user: the email address or the Keycloak "
            + "user id. Cognito usernames cannot change later.", UsernameStrategy.class, UsernameStrategy.EMAIL);
    public static final SubsetOption MIRROR_ATTRIBUTES = new SubsetOption("mirror.attributes", "Mirrored attributes",
            "Mirrored besides the email address and Keycloak's email-verified flag. None chosen: all of them.", MirrorSettings.OPTIONAL_ATTRIBUTES,
            Set.copyOf(MirrorSettings.OPTIONAL_ATTRIBUTES));
    public static final FlagOption MIRROR_IMPORT = new FlagOption("mirror.import",
            "Sign in people who exist only in the pool", "An address without a Keycloak account that exactly one "
            + "enabled Cognito user has gets a code; the right code creates the Keycloak user from the Cognito user "
            + "(address verified, mirrored attributes) and links it. Costs a Cognito lookup per address without an "
            + "account, after the response.", false);
    public static final IntOption MIRROR_IMPORT_CACHE_SECONDS = IntOption.range("mirror.import.cache.seconds",
            "Remember 'not in the pool' (seconds)", "How long each node remembers that an address has no Cognito user "
            + "to import, so repeated requests for it cost no lookup. 0: look up every time.", 60, 0, 3_600);
    /**
     * Keycloak's own "Periodic full sync" of the provider (its config key {@code fullSyncPeriod}, in seconds, -1 when
     * off): Keycloak's timer presses "Sync all users" this often, which asks for a drift repair.
     */
    public static final IntOption MIRROR_REPAIR_EVERY = IntOption.range("mirror.repair.every.seconds",
            "Drift repair every (seconds)", "The provider's Periodic full sync: how often one node asks for a full "
            + "reconciliation, which repairs Cognito users deleted or edited in the pool. -1 or 0: only when an "
            + "administrator starts one (Sync all users).", -1, -1, 31_536_000);
    public static final IntOption MIRROR_REPAIR_CALLS_PER_SECOND = IntOption.range("mirror.repair.calls.per.second",
            "Drift repair: Cognito calls per second", "The most Cognito calls a reconciliation makes per second. "
            + "Cognito's quotas hold per account and region (e.g. 30 ListUsers calls per second by default) and are "
            + "shared with every app that calls the pool.", 5, 1, 100);

    public static final IntOption FAILURE_CAP = IntOption.range("limits.failures.cap", "Consecutive failures per address",
            "Wrong codes in a row, across codes and past their expiry, after which an address gets no codes for a "
                    + "while. Counted for every address, with or without an account; reset by a successful sign-in. "
                    + "NIST SP 800-63B allows at most 100.", 20, 1, FailurePolicy.NIST_MAX_CAP);
    public static final IntOption LOCK_MINUTES = IntOption.range("limits.failures.lock.minutes", "First lock (minutes)",
            "How long an address that reached the cap gets no codes. Each further lock before a successful sign-in "
                    + "lasts twice as long, up to the longest lock.", 15, 1, 1_440);
    public static final IntOption MAX_LOCK_MINUTES = IntOption.range("limits.failures.lock.max.minutes",
            "Longest lock (minutes)", "The longest a repeated lock lasts.", 1_440, 1, 10_080);
    public static final IntOption NETWORK_SENDS = IntOption.range("limits.network.sends.per.hour",
            "Codes per client network per hour", "Code emails per client IPv4 address or IPv6 /64 per clock hour, "
                    + "for all addresses together. Stops one client from spraying many addresses.", 50, 1, 1_000_000);
    public static final IntOption IPV6_56_SENDS = IntOption.range("limits.ipv6.56.sends.per.hour",
            "Codes per IPv6 /56 per hour", "Code emails per client IPv6 /56 (256 /64 networks, what a provider gives one "
                    + "household) per clock hour, for all addresses together. Stops one client from multiplying the "
                    + "network budget by its many /64s.", 250, 1, 1_000_000);
    public static final IntOption IPV6_48_SENDS = IntOption.range("limits.ipv6.48.sends.per.hour",
            "Codes per IPv6 /48 per hour", "Code emails per client IPv6 /48 (65,536 /64 networks, what a provider gives "
                    + "one site or office) per clock hour, for all addresses together.", 1_000, 1, 1_000_000);
    public static final IntOption MAILBOX_SENDS = IntOption.range("limits.mailbox.sends.per.hour",
            "Codes per mailbox per hour", "Code emails per mailbox per clock hour: an address and its sub-addresses "
                    + "(alice+anything@ is alice@; at Gmail, dots do not count either) together, so one inbox cannot be "
                    + "flooded through many tagged addresses. Also caps one address's own budget.", 20, 1, 1_000_000);
    public static final IntOption REALM_SENDS = IntOption.range("limits.realm.sends.per.hour", "Codes per realm per hour",
            "Ceiling of code emails for the whole realm per clock hour. Protects the email account from a flood "
                    + "(bounces, suspension).", 10_000, 1, 10_000_000);
    public static final IntOption KNOWN_BROWSER_DAYS = IntOption.range("known.browser.days", "Known browsers (days)",
            "A browser that signed in with an address gets its own cooldown, budget and failure cap for that address "
                    + "for this many days, so a stranger who knows only the address cannot keep its owner out. 0: off.",
            90, 0, 400);

    public static final ChoiceOption<UnverifiedAccounts> ACCOUNTS_UNVERIFIED = new ChoiceOption<>("accounts.unverified",
            "Accounts with an unverified address", "What the right code for a typed address does when its account "
            + "never verified the address (registered with a password, an address changed without verification). "
            + "CLAIM: the account's credentials, identity-provider links and sessions are removed, the address becomes "
            + "verified and the person is signed in. REFUSE: the person is not signed in and is told to verify the "
            + "account another way.", UnverifiedAccounts.class, UnverifiedAccounts.CLAIM);

    /** The Cognito bridge's settings: the realm's "Amazon Cognito" user federation provider holds them. */
    public static final List<Option<?>> MIRROR = List.of(MIRROR_POOL_ID, MIRROR_REGION, MIRROR_MODE, MIRROR_USERNAME, MIRROR_ATTRIBUTES, MIRROR_IMPORT,
            MIRROR_IMPORT_CACHE_SECONDS, MIRROR_REPAIR_EVERY, MIRROR_REPAIR_CALLS_PER_SECOND);
    /** The realm-wide limits and account rules: realm attributes. */
    public static final List<Option<?>> LIMITS = List.of(FAILURE_CAP, LOCK_MINUTES, MAX_LOCK_MINUTES, NETWORK_SENDS,
            REALM_SENDS, KNOWN_BROWSER_DAYS, IPV6_56_SENDS, IPV6_48_SENDS, MAILBOX_SENDS, ACCOUNTS_UNVERIFIED);
    public static final List<Option<?>> ALL = Stream.concat(MIRROR.stream(), LIMITS.stream()).toList();

    private RealmOptions() {
    }

    /** Reads saved realm settings by key; {@code null} or empty means every default. */
    public static Parsed<RealmSettings> read(Map<String, String> saved) {
        SavedValues values = new SavedValues(saved);
        Mode mode = values.get(MIRROR_MODE);
        Optional<String> region = Optional.ofNullable(values.get(MIRROR_REGION));
        Optional<PoolAddress> pool = Optional.ofNullable(values.get(MIRROR_POOL_ID)).map(id -> new PoolAddress(id, region));
        if (mode != Mode.OFF && pool.isEmpty()) {
            values.problem(MIRROR_POOL_ID.key() + " is needed when " + MIRROR_MODE.key() + " is " + mode);
            mode = Mode.OFF;
        }
        MirrorSettings mirror = new MirrorSettings(mode, values.get(MIRROR_USERNAME),
                values.get(MIRROR_ATTRIBUTES),
                new ImportOnProof(values.get(MIRROR_IMPORT), Duration.ofSeconds(values.get(MIRROR_IMPORT_CACHE_SECONDS))),
                new RepairSchedule(Duration.ofSeconds(Math.max(0, values.get(MIRROR_REPAIR_EVERY))), values.get(MIRROR_REPAIR_CALLS_PER_SECOND)),
                pool);
        Duration lock = Duration.ofMinutes(values.get(LOCK_MINUTES));
        Duration maxLock = Duration.ofMinutes(values.get(MAX_LOCK_MINUTES));
        if (maxLock.compareTo(lock) < 0) {
            values.problem(MAX_LOCK_MINUTES.key() + " must be at least " + LOCK_MINUTES.key());
            maxLock = lock;
        }
        return values.result(new RealmSettings(mirror, new FailurePolicy(values.get(FAILURE_CAP), lock, maxLock),
                new AbuseLimits(values.get(NETWORK_SENDS), values.get(IPV6_56_SENDS), values.get(IPV6_48_SENDS),
                        values.get(MAILBOX_SENDS), values.get(REALM_SENDS)),
                Duration.ofDays(values.get(KNOWN_BROWSER_DAYS)), values.get(ACCOUNTS_UNVERIFIED)));
    }
}
