package io.emailcode.keycloak.flow;

import io.emailcode.keycloak.code.AbuseLimits;
import io.emailcode.keycloak.code.ClientNetwork;
import io.emailcode.keycloak.code.CodeGenerator;
import io.emailcode.keycloak.code.CodeHasher;
import io.emailcode.keycloak.code.CodeKey;
import io.emailcode.keycloak.code.CodeSlot;
import io.emailcode.keycloak.code.CodeStore;
import io.emailcode.keycloak.code.IssueRequest;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.code.OneTimeCodes;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import javax.crypto.spec.SecretKeySpec;

/**
 * One sign-in's code calls as the step makes them in the open lane: a request that counts the address's, the
 * mailbox's, the network's and the realm's budgets, then the right code. For the store's rehearsal at start
 * ({@code DynamoDbConnection#rehearse}), on made-up values: a throwaway key, a reserved address and network, a store on
 * loopback. The generator, the keyed hashes and the store run as on the hot path.
 */
public final class SignInRehearsal implements Runnable {

    private static final String REALM = "rehearsal";
    private static final String ADDRESS = "rehearsal@example.com";
    private static final String CLIENT = "192.0.2.1";
    private static final String BINDING = "rehearsal";
    private static final String HMAC = "HmacSHA256";

    private final CodeHasher hasher;
    private final CodeKey key;
    private final OneTimeCodes codes;
    private final OneTimeCodes.Policy policy;
    private final AbuseLimits limits;

    /** @param policy and {@code limits}: the defaults, so the rounds take the path most sign-ins take */
    public SignInRehearsal(CodeStore store, OneTimeCodes.Policy policy, AbuseLimits limits) {
        this.policy = policy;
        this.limits = limits;
        byte[] secret = new byte[32];
        SecureRandom random = new SecureRandom();
        random.nextBytes(secret);
        hasher = new CodeHasher(new SecretKeySpec(secret, HMAC));
        key = new CodeKey("rehearsal", new SecretKeySpec(secret, HMAC));
        codes = new OneTimeCodes(store, new CodeGenerator(random), hasher);
    }

    @Override
    public void run() {
        CodeSlot slot = codes.slotFor(REALM, ADDRESS, Lane.OPEN);
        List<ClientNetwork.Prefix> networks = ClientNetwork.of(CLIENT).stream().map(n -> n.keyed(hasher::networkKey)).toList();
        IssueRequest.AbuseBudget abuse = new IssueRequest.AbuseBudget(networks, codes.mailboxKeyFor(ADDRESS),
                limits);
        OneTimeCodes.RequestResult result = codes.request(slot, BINDING, key, policy, Optional.of(abuse), Optional.empty());
        if (result instanceof OneTimeCodes.RequestResult.Issued issued) {
            codes.check(slot, BINDING, key, issued.code(), policy);
        }
    }
}
