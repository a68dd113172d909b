package io.emailcode.keycloak.mirror;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of the pool's users and where the next page starts; no next page at the end of the pool. */
public record PoolPage(List<PooledUser> users, Optional<String> next) {

    public PoolPage {
        users = List.copyOf(users);
        Objects.requireNonNull(next, "next");
    }
}
