package io.emailcode.keycloak.mirror;

import java.util.Objects;
import java.util.Optional;

/**
 * Where a realm mirrors its users: a Cognito user pool, and its region when it is not the server's.
 *
 * @param poolId the pool's id, e.g. {@code eu-west-1_AbCdEf123}
 * @param region the pool's region; empty: the server's Cognito region
 */
public record PoolAddress(String poolId, Optional<String> region) {

    public PoolAddress {
        Objects.requireNonNull(poolId, "poolId");
        Objects.requireNonNull(region, "region");
    }
}
