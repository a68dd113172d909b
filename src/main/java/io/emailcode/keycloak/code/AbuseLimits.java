package io.emailcode.keycloak.code;

/**
 * Send budgets beyond one address, per clock hour and cluster-wide: per client network (one client spraying many
 * addresses) and per realm (a ceiling that protects the email account's reputation and bill).
 */
public record AbuseLimits(int sendsPerNetworkPerHour, int sendsPerRealmPerHour) {

    public AbuseLimits {
        if (sendsPerNetworkPerHour < 1 || sendsPerRealmPerHour < 1) {
            throw new IllegalArgumentException("budgets must be at least 1");
        }
    }
}
