package io.emailcode.keycloak.code;

/**
 * Send budgets beyond one address, per clock hour and cluster-wide: per client network at each width an attacker
 * may control (one client spraying many addresses, see {@link ClientNetwork}), per mailbox (one inbox behind many
 * sub-addresses, see {@link EmailAddresses#budgetMailbox}) and per realm (a ceiling that protects the email account's
 * reputation and bill).
 *
 * @param sendsPerNetworkPerHour per IPv4 address or IPv6 /64
 * @param sendsPerIpv6Slash56PerHour per IPv6 /56
 * @param sendsPerIpv6Slash48PerHour per IPv6 /48
 */
public record AbuseLimits(int sendsPerNetworkPerHour, int sendsPerIpv6Slash56PerHour, int sendsPerIpv6Slash48PerHour,
                          int sendsPerMailboxPerHour, int sendsPerRealmPerHour) {

    public AbuseLimits {
        if (sendsPerNetworkPerHour < 1 || sendsPerIpv6Slash56PerHour < 1 || sendsPerIpv6Slash48PerHour < 1
                || sendsPerMailboxPerHour < 1 || sendsPerRealmPerHour < 1) {
            throw new IllegalArgumentException("budgets must be at least 1");
        }
    }

    /** The hourly budget of a client network of this width. */
    public int sendsPerHour(ClientNetwork.Width width) {
        return switch (width) {
            case NETWORK -> sendsPerNetworkPerHour;
            case IPV6_56 -> sendsPerIpv6Slash56PerHour;
            case IPV6_48 -> sendsPerIpv6Slash48PerHour;
        };
    }
}
