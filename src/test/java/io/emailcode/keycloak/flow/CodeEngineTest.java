package io.emailcode.keycloak.flow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.code.AbuseLimits;
import io.emailcode.keycloak.code.AddressStanding;
import io.emailcode.keycloak.code.ClientNetwork;
import io.emailcode.keycloak.code.KnownBrowser;
import io.emailcode.keycloak.code.CodeAlphabet;
import io.emailcode.keycloak.code.CodeGenerator;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeKey;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import io.emailcode.keycloak.code.FailurePolicy;
import io.emailcode.keycloak.code.InMemoryCodeStore;
import io.emailcode.keycloak.code.IssueOutcome;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.code.MutableClock;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.code.SendPolicy;
import io.emailcode.keycloak.code.VerifyOutcome;
import io.emailcode.keycloak.code.VerifyRequest;
import io.emailcode.keycloak.flow.Attempt.Standing;
import io.emailcode.keycloak.flow.StepOutcome.Action;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The product's rules, outcome by outcome: what asking for a code gives, who receives it, what a wrong or a right
 * code does, for every standing and lane, with the in-memory store, a directory of accounts and a clock the tests
 * move.
 */
class CodeEngineTest {

    private static final String RIGHT = "000000";
    private static final OneTimeCodes.Policy POLICY = new OneTimeCodes.Policy(CodeAlphabet.DIGITS, 6, Duration.ofMinutes(5), 3,
            new SendPolicy(Duration.ofSeconds(30), 2), new FailurePolicy(5, Duration.ofMinutes(15), Duration.ofHours(24)));
    private static final AbuseLimits ABUSE = limits(50, 1_000);
    private static final CodeKey KEY = new CodeKey("kid", new SecretKeySpec("code key".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:10Z"));
    private final CodeHasher hasher = new CodeHasher(new SecretKeySpec("address".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    /** Always draws the first symbol, so every code is 000000 and tests can type it without an email. */
    private final CodeGenerator zeros = new CodeGenerator(new SecureRandom() {
        @Override
        public int nextInt(int bound) {
            return 0;
        }
    });
    /** The accounts the directory knows, by address; every lookup is counted. */
    private final Map<String, AccountFacts> directory = new HashMap<>();
    private int lookups;
    private final Accounts accounts = (address, readLockout) -> {
        lookups++;
        return Optional.ofNullable(directory.get(address)).map(found -> readLockout ? found
                : new AccountFacts(found.id(), found.enabled(), Optional.empty(), found.addressVerified()));
    };
    private static final AddressRules NEITHER = new AddressRules(false, false, UnverifiedAccounts.CLAIM);
    private final InMemoryCodeStore store = new InMemoryCodeStore(clock);
    private CodeEngine step = engine(new AddressRules(true, false, UnverifiedAccounts.CLAIM));

    private CodeEngine engine(AddressRules rules) {
        return new CodeEngine(new OneTimeCodes(store, zeros, hasher), rules, accounts);
    }

    private static Attempt attempt(Standing standing) {
        return attempt(standing, Lane.OPEN, "login-1", "alice@example.com");
    }

    private static Attempt attempt(Standing standing, Lane lane, String binding, String address) {
        return new Attempt(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", address, standing, lane, binding, KEY, network("net"));
    }

    private static AccountFacts account(String id, boolean verified) {
        return new AccountFacts(id, true, Optional.empty(), verified);
    }

    private static Delivery toSignedIn() {
        return new Delivery(Channel.EMAIL, RIGHT, Optional.empty());
    }

    private static Delivery toTyped(String address, Lane lane, AddressRules rules) {
        return new Delivery(Channel.EMAIL, RIGHT, Optional.of(new UnresolvedRecipient(address, lane, rules)));
    }

    /** Asks for a code for a typed address and types the right one: what a proof of it does. */
    private StepOutcome prove(CodeEngine engine, String address, Lane lane) {
        Attempt typed = attempt(Standing.UNRESOLVED, lane, "proof", address);
        engine.request(typed, POLICY, ABUSE, false);
        return engine.verify(typed, POLICY, RIGHT);
    }

    private static List<ClientNetwork.Prefix> network(String key) {
        return List.of(new ClientNetwork.Prefix(ClientNetwork.Width.NETWORK, key));
    }

    /** Budgets per network and realm; the wider networks' and the mailbox's out of the way. */
    private static AbuseLimits limits(int perNetwork, int perRealm) {
        return new AbuseLimits(perNetwork, 1_000, 1_000, 1_000, perRealm);
    }

    private StepOutcome request(Attempt attempt) {
        return step.request(attempt, POLICY, ABUSE, false);
    }

    private StepOutcome resend(Attempt attempt) {
        return step.request(attempt, POLICY, ABUSE, true);
    }

    @Test
    void aKnownAddressGetsTheCodePageAndACodeToSend() {
        StepOutcome outcome = request(attempt(Standing.KNOWN));
        assertEquals(Action.SHOW_CODE_PAGE, outcome.action());
        assertEquals(Optional.of(toSignedIn()), outcome.delivery());
        assertEquals(Optional.of(CodeSending.SENT), outcome.sending());
        assertEquals(Optional.empty(), outcome.reason());
        assertEquals(Optional.empty(), outcome.notice());
    }

    @Test
    void unknownLockedAndDisabledAddressesGetExactlyTheSamePageButNothingIsSent() {
        StepOutcome known = request(attempt(Standing.KNOWN, Lane.OPEN, "l", "known@example.com"));
        for (Standing standing : List.of(Standing.UNKNOWN, Standing.LOCKED, Standing.DISABLED)) {
            StepOutcome outcome = request(attempt(standing, Lane.OPEN, "l", standing + "@example.com"));
            assertEquals(known.action(), outcome.action(), standing.name());
            assertEquals(known.notice(), outcome.notice(), standing.name());
            assertEquals(Optional.empty(), outcome.delivery(), standing.name());
            assertEquals(Optional.of(CodeSending.WITHHELD), outcome.sending(), standing.name());
        }
        assertEquals(Optional.of(Reason.LOCKED), request(attempt(Standing.LOCKED, Lane.OPEN, "l", "x@example.com")).reason(),
                "only the event tells a locked account apart");
        assertEquals(Optional.of(Reason.DISABLED), request(attempt(Standing.DISABLED, Lane.OPEN, "l", "y@example.com")).reason());
    }

    @Test
    void theRightCodeSignsInAKnownAddressAndRegistersARegistrableOne() {
        request(attempt(Standing.KNOWN));
        assertEquals(Action.SIGN_IN, step.verify(attempt(Standing.KNOWN), POLICY, RIGHT).action());
        Attempt fresh = attempt(Standing.REGISTRABLE, Lane.OPEN, "login-1", "new@example.com");
        assertTrue(request(fresh).delivery().isPresent(), "a registrable address gets its code");
        assertEquals(Action.REGISTER_AND_SIGN_IN, step.verify(fresh, POLICY, RIGHT).action());
    }

    @Test
    void aTypedAddressGetsTheKnownPageAndACodeWhoseRecipientTheMailerLooksUp() {
        StepOutcome known = request(attempt(Standing.KNOWN, Lane.OPEN, "l", "known@example.com"));
        StepOutcome typed = request(attempt(Standing.UNRESOLVED, Lane.OPEN, "l", "typed@example.com"));
        assertEquals(known.action(), typed.action());
        assertEquals(known.notice(), typed.notice());
        assertEquals(known.sending(), typed.sending(), "the event says the same: who has the address is found out after the response");
        assertEquals(Optional.of(toTyped("typed@example.com", Lane.OPEN, new AddressRules(true, false, UnverifiedAccounts.CLAIM))),
                typed.delivery());
    }

    @Test
    void theRightCodeForATypedAddressIsLookedUpAndAWrongOneFailsWithoutALookup() {
        directory.put("typed@example.com", account("user-1", true));
        Attempt typed = attempt(Standing.UNRESOLVED, Lane.OPEN, "login-1", "typed@example.com");
        request(typed);
        assertEquals(0, lookups, "asking for a code looks nothing up");
        assertEquals(Action.FAIL, step.verify(typed, POLICY, "111111").action());
        assertEquals(0, lookups, "nor does a wrong code");
        StepOutcome proved = step.verify(typed, POLICY, RIGHT);
        assertEquals(1, lookups);
        assertEquals(Action.SIGN_IN, proved.action());
        assertEquals(Optional.of("user-1"), proved.account(), "the account the address turned out to have");
    }

    @Test
    void aProvedAddressWithoutAnAccountRegistersImportsOrFailsAsAGuessByTheRealmsRules() {
        assertEquals(Action.REGISTER_AND_SIGN_IN,
                prove(engine(new AddressRules(true, false, UnverifiedAccounts.CLAIM)), "new@example.com", Lane.OPEN).action());
        assertEquals(Action.IMPORT_AND_SIGN_IN,
                prove(engine(new AddressRules(false, true, UnverifiedAccounts.CLAIM)), "pool@example.com", Lane.OPEN).action());
        assertEquals(Action.IMPORT_OR_REGISTER_AND_SIGN_IN,
                prove(engine(new AddressRules(true, true, UnverifiedAccounts.CLAIM)), "both@example.com", Lane.OPEN).action(),
                "a pool user with the address is imported rather than ignored");
        StepOutcome nobody = prove(engine(NEITHER), "nobody@example.com", Lane.OPEN);
        assertEquals(Action.FAIL, nobody.action(), "its code was never sent, so a match is a guess");
        assertEquals(Optional.of(Notice.fieldError(MessageKeys.INVALID)), nobody.notice());
        assertEquals(Optional.empty(), nobody.account());
    }

    @Test
    void aProvedAddressOfADisabledOrLockedAccountFailsAsAGuessNamingTheAccount() {
        directory.put("disabled@example.com", new AccountFacts("user-d", false, Optional.empty(), true));
        directory.put("locked@example.com", new AccountFacts("user-l", true, Optional.of("user_temporarily_disabled"), true));
        for (String address : List.of("disabled@example.com", "locked@example.com")) {
            StepOutcome proved = prove(step, address, Lane.OPEN);
            assertEquals(Action.FAIL, proved.action(), address + ": its code was never sent, so a match is a guess");
            assertEquals(Optional.of(Notice.fieldError(MessageKeys.INVALID)), proved.notice());
            assertEquals(Optional.of(directory.get(address).id()), proved.account(), "the failure counts for the account");
        }
    }

    @Test
    void keycloaksLockoutDoesNotHoldInAKnownBrowsersLane() {
        directory.put("locked@example.com", new AccountFacts("user-l", true, Optional.of("user_temporarily_disabled"), true));
        assertEquals(Action.SIGN_IN, prove(step, "locked@example.com", Lane.KNOWN_BROWSER).action(),
                "strangers' wrong codes lock the account, not its owner's browser");
        Attempt signedIn = Attempt.at(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", "locked@example.com",
                Optional.of(directory.get("locked@example.com")), Optional.of(new KnownBrowser(clock.millis(), "account")),
                "l", KEY, network("net"));
        assertEquals(Lane.KNOWN_BROWSER, signedIn.lane());
        assertEquals(Standing.KNOWN, signedIn.standing());
        Attempt stranger = Attempt.at(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", "locked@example.com",
                Optional.of(directory.get("locked@example.com")), Optional.empty(), "l", KEY, network("net"));
        assertEquals(Standing.LOCKED, stranger.standing());
    }

    @Test
    void aSignedInAccountsStandingIsDisabledLockedOrKnownButNeverUnverified() {
        Attempt disabled = Attempt.at(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", "d@example.com",
                Optional.of(new AccountFacts("u", false, Optional.empty(), true)), Optional.empty(), "l", KEY, network("net"));
        assertEquals(Standing.DISABLED, disabled.standing());
        Attempt unverified = Attempt.at(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", "u@example.com",
                Optional.of(account("u", false)), Optional.empty(), "l", KEY, network("net"));
        assertEquals(Standing.KNOWN, unverified.standing(), "a previous step proved the account already");
        Attempt typed = Attempt.at(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", "t@example.com", Optional.empty(),
                Optional.empty(), "l", KEY, network("net"));
        assertEquals(Standing.UNRESOLVED, typed.standing());
        assertEquals(Lane.OPEN, typed.lane());
    }

    @Test
    void aProvedAddressClaimsAnAccountThatNeverVerifiedItWhereTheRealmSaysClaim() {
        directory.put("set-up@example.com", account("user-u", false));
        StepOutcome claimed = prove(engine(new AddressRules(false, false, UnverifiedAccounts.CLAIM)), "set-up@example.com",
                Lane.OPEN);
        assertEquals(Action.CLAIM_AND_SIGN_IN, claimed.action());
        assertEquals(Optional.of("user-u"), claimed.account());
        assertEquals(Optional.empty(), claimed.reason());
        assertFalse(claimed.countsAsFailure());
    }

    @Test
    void aProvedAddressIsNotSignedIntoAnAccountThatNeverVerifiedItWhereTheRealmSaysRefuseAndIsNoGuess() {
        directory.put("set-up@example.com", account("user-u", false));
        StepOutcome refused = prove(engine(new AddressRules(true, true, UnverifiedAccounts.REFUSE)), "set-up@example.com",
                Lane.OPEN);
        assertEquals(Action.SHOW_CODE_PAGE, refused.action());
        assertFalse(refused.countsAsFailure(), "the prover owns the address: nothing counts toward a lockout");
        assertEquals(Optional.of(Notice.error(MessageKeys.UNVERIFIED_ACCOUNT)), refused.notice());
        assertEquals(Optional.of(Reason.UNVERIFIED_ACCOUNT), refused.reason());
    }

    @Test
    void anAccountThatNeverVerifiedItsAddressStillGetsItsCodes() {
        StepOutcome outcome = request(attempt(Standing.UNVERIFIED));
        assertEquals(Optional.of(toSignedIn()), outcome.delivery());
        directory.put("set-up@example.com", account("user-u", false));
        assertEquals(new Recipient(Recipient.Kind.ACCOUNT, Optional.of("user-u"), Optional.empty(), Optional.empty()),
                new UnresolvedRecipient("set-up@example.com", Lane.OPEN, NEITHER).decide(accounts));
    }

    @Test
    void theRealmsRuleForUnverifiedAccountsNeverChangesWhatAVerifiedOrSignedInAccountGets() {
        directory.put("verified@example.com", account("user-v", true));
        for (UnverifiedAccounts rule : UnverifiedAccounts.values()) {
            CodeEngine engine = engine(new AddressRules(false, false, rule));
            assertEquals(Action.SIGN_IN, prove(engine, "verified@example.com", Lane.OPEN).action(), rule.name());
            // A second factor: the user a previous step signed in is KNOWN whatever its address's state.
            Attempt signedIn = Attempt.at(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", "second-" + rule + "@example.com",
                    Optional.of(account("user-s", false)), Optional.empty(), "login-2", KEY, network("net"));
            engine.request(signedIn, POLICY, ABUSE, false);
            assertEquals(Action.SIGN_IN, engine.verify(signedIn, POLICY, RIGHT).action(), rule.name());
        }
    }

    @Test
    void aTypedAddressesCodeGoesOnlyToWhoIsEntitledToIt() {
        directory.put("known@example.com", account("user-k", true));
        directory.put("disabled@example.com", new AccountFacts("user-d", false, Optional.empty(), true));
        directory.put("locked@example.com", new AccountFacts("user-l", true, Optional.of("user_temporarily_disabled"), true));
        AddressRules registers = new AddressRules(true, false, UnverifiedAccounts.CLAIM);
        AddressRules imports = new AddressRules(false, true, UnverifiedAccounts.CLAIM);
        assertEquals(new Recipient(Recipient.Kind.ACCOUNT, Optional.of("user-k"), Optional.empty(), Optional.empty()),
                new UnresolvedRecipient("known@example.com", Lane.OPEN, NEITHER).decide(accounts));
        assertEquals(Recipient.Kind.ADDRESS, new UnresolvedRecipient("new@example.com", Lane.OPEN, registers).decide(accounts).kind());
        assertEquals(Recipient.Kind.ADDRESS_IF_IN_POOL,
                new UnresolvedRecipient("new@example.com", Lane.OPEN, imports).decide(accounts).kind());
        assertEquals(new Recipient(Recipient.Kind.NOBODY, Optional.empty(), Optional.empty(), Optional.empty()),
                new UnresolvedRecipient("new@example.com", Lane.OPEN, NEITHER).decide(accounts));
        assertEquals(new Recipient(Recipient.Kind.NOBODY, Optional.of("user-d"), Optional.of(Reason.DISABLED), Optional.empty()),
                new UnresolvedRecipient("disabled@example.com", Lane.OPEN, registers).decide(accounts));
        assertEquals(new Recipient(Recipient.Kind.NOBODY, Optional.of("user-l"), Optional.of(Reason.LOCKED),
                Optional.of("user_temporarily_disabled")), new UnresolvedRecipient("locked@example.com", Lane.OPEN, registers)
                .decide(accounts));
        assertEquals(Recipient.Kind.ACCOUNT,
                new UnresolvedRecipient("locked@example.com", Lane.KNOWN_BROWSER, registers).decide(accounts).kind(),
                "the owner's own browser is not the strangers' to lock");
    }

    @Test
    void aCodeIsBoundToItsDoorsPurposeAsWellAsToItsLogin() {
        Attempt attempt = attempt(Standing.KNOWN, Lane.OPEN, "login-1", "alice@example.com");
        request(attempt);
        OneTimeCodes codes = new OneTimeCodes(store, zeros, hasher);
        assertEquals(VerifyOutcome.NO_CODE, codes.check(codes.slotFor("realm", "alice@example.com", Lane.OPEN), "login-1", KEY,
                RIGHT, POLICY), "the login's binding alone does not reach the door's code");
        assertEquals(Action.SIGN_IN, step.verify(attempt, POLICY, RIGHT).action());
    }

    private static Attempt atVerification(String address, String login) {
        return Attempt.at(Door.VERIFY_EMAIL, Channel.EMAIL, "realm", address, Optional.of(account("user-v", false)),
                Optional.empty(), login, KEY, network("net"));
    }

    private static Attempt atSignIn(String address, String login) {
        return Attempt.at(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", address, Optional.of(account("user-v", false)),
                Optional.empty(), login, KEY, network("net"));
    }

    @Test
    void aRightCodeAtTheVerificationDoorVerifiesTheAddressAndSignsNobodyIn() {
        Attempt verifying = atVerification("verify@example.com", "login-1");
        StepOutcome issued = step.request(verifying, POLICY, ABUSE, false);
        assertEquals(Optional.of(toSignedIn()), issued.delivery(), "the code goes to the signed-in account's address");
        StepOutcome proved = step.verify(verifying, POLICY, RIGHT);
        assertEquals(Action.VERIFY_ADDRESS, proved.action());
        assertEquals(0, lookups, "the account is the signed-in one: nothing is looked up");
    }

    private static Attempt atAddressChange(String newAddress, String login) {
        return Attempt.at(Door.UPDATE_EMAIL, Channel.EMAIL, "realm", newAddress, Optional.of(account("user-v", true)),
                Optional.empty(), login, KEY, network("net"));
    }

    @Test
    void aRightCodeAtTheAddressChangeDoorChangesTheAddressAndSignsNobodyIn() {
        Attempt changing = atAddressChange("new@example.com", "login-1");
        StepOutcome issued = step.request(changing, POLICY, ABUSE, false);
        assertTrue(issued.delivery().isPresent(), "a code goes to the new address");
        assertTrue(issued.delivery().get().recipient().isEmpty(), "to the address itself, whoever holds it");
        StepOutcome proved = step.verify(changing, POLICY, RIGHT);
        assertEquals(Action.CHANGE_ADDRESS, proved.action());
        assertEquals(0, lookups, "who holds the new address is the door's to ask, after the proof");
    }

    @Test
    void aChangeCodeProvesOnlyTheAddressItWasSentTo() {
        step.request(atAddressChange("first@example.com", "login-1"), POLICY, ABUSE, false);
        StepOutcome other = step.verify(atAddressChange("second@example.com", "login-1"), POLICY, RIGHT);
        assertEquals(Optional.of(Reason.NO_CODE), other.reason(), "another new address has no code");
        StepOutcome atSignIn = step.verify(atSignIn("first@example.com", "login-1"), POLICY, RIGHT);
        assertEquals(Optional.of(Reason.NO_CODE), atSignIn.reason(), "a change code never signs in");
    }

    @Test
    void wrongCodesForANewAddressCountTowardThatAddressesFailureCap() {
        Attempt changing = atAddressChange("target@example.com", "login-1");
        for (int i = 0; i < POLICY.failures().cap(); i++) {
            if (i % POLICY.maxAttempts() == 0) {
                clock.advance(POLICY.sending().cooldown());
                step.request(changing, POLICY, ABUSE, false);
            }
            assertTrue(step.verify(changing, POLICY, "111111").countsAsFailure(), "a wrong change code is a failure");
        }
        clock.advance(POLICY.sending().cooldown());
        StepOutcome locked = step.request(atSignIn("target@example.com", "login-2"), POLICY, ABUSE, false);
        assertEquals(Optional.of(Reason.FAILURE_CAP), locked.reason(), "the address's sign-in is locked as after its own");
    }

    @Test
    void aCodeCompletesOnlyTheDoorItWasIssuedAtEvenInTheSameLogin() {
        step.request(atSignIn("doors@example.com", "login-1"), POLICY, ABUSE, false);
        StepOutcome signInCodeAtVerification = step.verify(atVerification("doors@example.com", "login-1"), POLICY, RIGHT);
        assertEquals(Action.SHOW_CODE_PAGE, signInCodeAtVerification.action());
        assertEquals(Optional.of(Reason.NO_CODE), signInCodeAtVerification.reason(), "a sign-in code never verifies");

        clock.advance(POLICY.sending().cooldown());
        step.request(atVerification("doors@example.com", "login-1"), POLICY, ABUSE, false);
        StepOutcome verificationCodeAtSignIn = step.verify(atSignIn("doors@example.com", "login-1"), POLICY, RIGHT);
        assertEquals(Optional.of(Reason.NO_CODE), verificationCodeAtSignIn.reason(), "a verification code never signs in");
        assertEquals(Action.VERIFY_ADDRESS, step.verify(atVerification("doors@example.com", "login-1"), POLICY, RIGHT).action(),
                "it was left alive for its own door");
    }

    @Test
    void theDoorsShareTheAddressesBudgetsAndFailureCap() {
        Attempt signIn = atSignIn("shared@example.com", "login-1");
        for (int i = 0; i < POLICY.failures().cap(); i++) {
            if (i % POLICY.maxAttempts() == 0) {
                clock.advance(POLICY.sending().cooldown());
                step.request(signIn, POLICY, ABUSE, false);
            }
            step.verify(signIn, POLICY, "111111");
        }
        clock.advance(POLICY.sending().cooldown());
        StepOutcome locked = step.request(atVerification("shared@example.com", "login-2"), POLICY, ABUSE, false);
        assertEquals(Optional.of(Reason.FAILURE_CAP), locked.reason(), "wrong codes at one door lock the other");
        assertEquals(Optional.empty(), locked.delivery());

        Attempt spender = atVerification("budget@example.com", "login-3");
        for (int i = 0; i < POLICY.sending().sendsPerHour(); i++) {
            clock.advance(POLICY.sending().cooldown());
            step.request(i % 2 == 0 ? spender : atSignIn("budget@example.com", "login-3"), POLICY, ABUSE, false);
        }
        clock.advance(POLICY.sending().cooldown());
        assertEquals(Optional.of(Reason.SEND_BUDGET_SPENT), step.request(spender, POLICY, ABUSE, true).reason(),
                "codes sent at either door count toward the address's hourly budget");
    }

    @Test
    void aRevokedBrowsersRequestIsServedInTheOpenLaneAndItsCookieIsToGo() {
        long signedInAt = clock.millis() - 60_000;
        Attempt known = new Attempt(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm", "owner@example.com", Standing.UNRESOLVED,
                Lane.KNOWN_BROWSER, "login-1", KEY, network("net"), Optional.of(new KnownBrowser(signedInAt, "account-1")));
        assertFalse(step.request(known, POLICY, ABUSE, false).browserRevoked());
        store.forget("realm", hasher.addressKey("owner@example.com"), Optional.empty());

        StepOutcome outcome = step.request(known, POLICY, ABUSE, false);
        assertTrue(outcome.browserRevoked());
        assertEquals(Optional.of(toTyped("owner@example.com", Lane.OPEN, new AddressRules(true, false, UnverifiedAccounts.CLAIM))),
                outcome.delivery(), "a code all the same, in the open lane, whose recipient is looked up as the open lane's");
        Attempt open = attempt(Standing.UNRESOLVED, Lane.OPEN, "login-1", "owner@example.com");
        assertEquals(Action.REGISTER_AND_SIGN_IN, step.verify(open, POLICY, RIGHT).action(), "the code is the open lane's");
    }

    @Test
    void aCodeThatWasNeverSentCannotSignAnyoneInEvenWhenGuessed() {
        for (Standing standing : List.of(Standing.UNKNOWN, Standing.LOCKED, Standing.DISABLED)) {
            Attempt attempt = attempt(standing, Lane.OPEN, "l", standing + "@example.com");
            request(attempt);
            StepOutcome guessed = step.verify(attempt, POLICY, RIGHT);
            assertEquals(Action.FAIL, guessed.action(), standing.name());
            assertEquals(Optional.of(Notice.fieldError(MessageKeys.INVALID)), guessed.notice());
        }
    }

    @Test
    void aWrongCodeIsACountedFailureWithAFieldError() {
        request(attempt(Standing.KNOWN));
        StepOutcome outcome = step.verify(attempt(Standing.KNOWN), POLICY, "111111");
        assertEquals(Action.FAIL, outcome.action());
        assertTrue(outcome.countsAsFailure());
        assertEquals(Optional.of(Reason.INVALID_CODE), outcome.reason());
        assertEquals(Optional.of(Notice.fieldError(MessageKeys.INVALID)), outcome.notice());
    }

    @Test
    void theLastAttemptKillsTheCodeAndLaterGuessesAreNotCounted() {
        request(attempt(Standing.KNOWN));
        step.verify(attempt(Standing.KNOWN), POLICY, "111111");
        step.verify(attempt(Standing.KNOWN), POLICY, "111111");
        StepOutcome last = step.verify(attempt(Standing.KNOWN), POLICY, "111111");
        assertEquals(Action.FAIL, last.action());
        assertEquals(Optional.of(Notice.error(MessageKeys.ATTEMPTS_EXHAUSTED)), last.notice());
        StepOutcome dead = step.verify(attempt(Standing.KNOWN), POLICY, RIGHT);
        assertEquals(Action.SHOW_CODE_PAGE, dead.action(), "not compared, so not a failure");
        assertEquals(Optional.of(Reason.ATTEMPTS_EXHAUSTED), dead.reason());
    }

    @Test
    void anExpiredCodeSaysSoWithoutCountingAFailure() {
        request(attempt(Standing.KNOWN));
        clock.advance(Duration.ofMinutes(5));
        StepOutcome outcome = step.verify(attempt(Standing.KNOWN), POLICY, RIGHT);
        assertEquals(Action.SHOW_CODE_PAGE, outcome.action());
        assertEquals(Optional.of(Notice.error(MessageKeys.EXPIRED)), outcome.notice());
        assertEquals(Optional.of(Reason.EXPIRED), outcome.reason());
    }

    @Test
    void aCodeOfAnotherLoginIsMissingHereAndNotCounted() {
        request(attempt(Standing.KNOWN));
        StepOutcome outcome = step.verify(attempt(Standing.KNOWN, Lane.OPEN, "login-2", "alice@example.com"), POLICY, RIGHT);
        assertEquals(Action.SHOW_CODE_PAGE, outcome.action());
        assertEquals(Optional.of(Notice.error(MessageKeys.MISSING)), outcome.notice());
    }

    @Test
    void reachingTheFailureCapLooksLikeASpentBudgetForKnownAndUnknownAlike() {
        for (Standing standing : List.of(Standing.KNOWN, Standing.UNKNOWN)) {
            Attempt attempt = attempt(standing, Lane.OPEN, "l", standing + "-cap@example.com");
            StepOutcome last = null;
            for (int i = 0; i < POLICY.failures().cap(); i++) {
                if (i % POLICY.maxAttempts() == 0) {
                    clock.advance(POLICY.sending().cooldown());
                    request(attempt);
                }
                last = step.verify(attempt, POLICY, "111111");
            }
            assertEquals(Optional.of(Reason.FAILURE_CAP), last.reason(), standing.name());
            assertEquals(Optional.of(Notice.error(MessageKeys.BUDGET_SPENT)), last.notice());
            clock.advance(POLICY.sending().cooldown());
            StepOutcome locked = request(attempt);
            assertEquals(Optional.of(Notice.error(MessageKeys.BUDGET_SPENT)), locked.notice(), "the page of a spent budget");
            assertEquals(Optional.of(Reason.FAILURE_CAP), locked.reason());
            assertEquals(Optional.empty(), locked.delivery());
        }
    }

    @Test
    void aSpentBudgetShowsItsPageAndSendsNothing() {
        Attempt attempt = attempt(Standing.KNOWN);
        request(attempt);
        clock.advance(Duration.ofSeconds(30));
        resend(attempt);
        clock.advance(Duration.ofSeconds(30));
        StepOutcome spent = resend(attempt);
        assertEquals(Optional.of(Notice.error(MessageKeys.BUDGET_SPENT)), spent.notice());
        assertEquals(Optional.of(Reason.SEND_BUDGET_SPENT), spent.reason());
        assertEquals(Optional.empty(), spent.delivery());
    }

    @Test
    void theNetworkBudgetAndTheRealmCeilingHaveTheirOwnPages() {
        AbuseLimits tight = limits(1, 1_000);
        step.request(attempt(Standing.KNOWN, Lane.OPEN, "l", "a@example.com"), POLICY, tight, false);
        StepOutcome network = step.request(attempt(Standing.UNKNOWN, Lane.OPEN, "l", "b@example.com"), POLICY, tight, false);
        assertEquals(Optional.of(Notice.error(MessageKeys.NETWORK_BUDGET_SPENT)), network.notice());
        assertEquals(Optional.of(Reason.NETWORK_BUDGET_SPENT), network.reason());
        AbuseLimits ceiling = limits(1_000, 1);
        Attempt other = new Attempt(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm-2", "c@example.com", Standing.KNOWN, Lane.OPEN,
                "l", KEY, network("n2"));
        step.request(other, POLICY, ceiling, false);
        StepOutcome realm = step.request(new Attempt(Door.BROWSER_SIGN_IN, Channel.EMAIL, "realm-2", "d@example.com", Standing.KNOWN, Lane.OPEN, "l", KEY,
                network("n3")), POLICY, ceiling, false);
        assertEquals(Optional.of(Notice.error(MessageKeys.REALM_CEILING)), realm.notice());
    }

    @Test
    void plusTaggedAddressesShareTheMailboxBudgetWithTheSamePageAsTheAddressBudget() {
        AbuseLimits mailbox = new AbuseLimits(1_000, 1_000, 1_000, 2, 1_000);
        step.request(attempt(Standing.UNRESOLVED, Lane.OPEN, "l", "alice+1@example.com"), POLICY, mailbox, false);
        step.request(attempt(Standing.UNRESOLVED, Lane.OPEN, "l", "alice@example.com"), POLICY, mailbox, false);
        StepOutcome spent = step.request(attempt(Standing.UNRESOLVED, Lane.OPEN, "l", "alice+2@example.com"), POLICY,
                mailbox, false);
        assertEquals(Optional.of(Notice.error(MessageKeys.BUDGET_SPENT)), spent.notice());
        assertEquals(Optional.of(Reason.MAILBOX_BUDGET_SPENT), spent.reason());
        assertTrue(step.request(attempt(Standing.UNRESOLVED, Lane.OPEN, "l", "bob+2@example.com"), POLICY, mailbox, false)
                .delivery().isPresent(), "another mailbox");
        assertTrue(step.request(attempt(Standing.KNOWN, Lane.KNOWN_BROWSER, "l", "alice+2@example.com"), POLICY, mailbox, false)
                .delivery().isPresent(), "a known browser's lane is outside the mailbox budget");
    }

    @Test
    void aKnownBrowserIsOutsideTheNetworkBudgetAndTheStrangersLock() {
        AbuseLimits tight = limits(1, 1);
        step.request(attempt(Standing.UNKNOWN, Lane.OPEN, "l", "spray@example.com"), POLICY, tight, false);
        StepOutcome known = step.request(attempt(Standing.KNOWN, Lane.KNOWN_BROWSER, "l", "alice@example.com"), POLICY, tight, false);
        assertTrue(known.delivery().isPresent(), known.toString());
    }

    @Test
    void aReloadWithinTheCooldownIsInformationAndAResendIsAnErrorWithTheWait() {
        request(attempt(Standing.KNOWN));
        clock.advance(Duration.ofSeconds(10));
        StepOutcome reload = request(attempt(Standing.KNOWN));
        assertEquals(Optional.of(Notice.info(MessageKeys.RESEND_COOLDOWN, Duration.ofSeconds(20))), reload.notice());
        assertEquals(Optional.empty(), reload.reason());
        StepOutcome early = resend(attempt(Standing.KNOWN));
        assertEquals(Optional.of(Notice.error(MessageKeys.RESEND_COOLDOWN, Duration.ofSeconds(20))), early.notice());
        assertEquals(Optional.of(Reason.RESEND_COOLDOWN), early.reason());
        assertFalse(early.delivery().isPresent());
    }

    @Test
    void aResendAfterTheCooldownSaysANewCodeWasSent() {
        request(attempt(Standing.KNOWN));
        clock.advance(Duration.ofSeconds(30));
        StepOutcome again = resend(attempt(Standing.KNOWN));
        assertEquals(Optional.of(Notice.info(MessageKeys.SENT)), again.notice());
        assertEquals(Optional.of(CodeSending.RESENT), again.sending());
    }

    @Test
    void aBlankCodeAsksForTheCodeWithoutTouchingTheStore() {
        StepOutcome outcome = step.verify(attempt(Standing.KNOWN), POLICY, "  ");
        assertEquals(Optional.of(Notice.fieldError(MessageKeys.REQUIRED)), outcome.notice());
        assertEquals(Optional.empty(), outcome.reason());
    }

    @Test
    void aStoreOutageIsARetryPageThatLetsNobodyIn() {
        step = new CodeEngine(new OneTimeCodes(new CodeStore() {
            @Override
            public IssueOutcome issue(IssueRequest request) {
                throw new CodeStoreUnavailableException("DynamoDB UpdateItem on table t failed: Throttling", null);
            }

            @Override
            public VerifyOutcome verify(VerifyRequest request) {
                throw new CodeStoreUnavailableException("DynamoDB UpdateItem on table t failed: Throttling", null);
            }

            @Override
            public void forget(String realmId, String addressKey, Optional<String> mailboxKey) {
                throw new CodeStoreUnavailableException("DynamoDB TransactWriteItems on table t failed: Throttling", null);
            }

            @Override
            public void revokeBrowsers(String realmId, String addressKey) {
                throw new CodeStoreUnavailableException("DynamoDB PutItem on table t failed: Throttling", null);
            }

            @Override
            public void revokeAccountBrowsers(String realmId, String accountKey) {
                throw new CodeStoreUnavailableException("DynamoDB PutItem on table t failed: Throttling", null);
            }

            @Override
            public AddressStanding standing(String realmId, String addressKey, String mailboxKey,
                                            Optional<String> accountKey) {
                throw new CodeStoreUnavailableException("DynamoDB BatchGetItem on table t failed: Throttling", null);
            }
        }, zeros, hasher), NEITHER, accounts);
        for (StepOutcome outcome : List.of(request(attempt(Standing.KNOWN)), step.verify(attempt(Standing.KNOWN), POLICY, RIGHT))) {
            assertEquals(Action.SHOW_CODE_PAGE, outcome.action());
            assertEquals(Optional.of(Notice.error(MessageKeys.SERVICE_UNAVAILABLE)), outcome.notice());
            assertEquals(Optional.of(Reason.STORE_UNAVAILABLE), outcome.reason());
        }
    }

    @Test
    void aDeliveryNeverShowsItsCode() {
        assertFalse(toSignedIn().toString().contains(RIGHT));
    }
}
