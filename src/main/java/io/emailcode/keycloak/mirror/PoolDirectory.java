package io.emailcode.keycloak.mirror;

import java.util.List;
import java.util.Optional;

/** Reading the pool itself: every user page by page, and the users that have an address. */
public interface PoolDirectory {

    /** The most users one listing call returns on AWS (ListUsers' limit). */
    int PAGE_SIZE = 60;

    /**
     * One page of at most {@link #PAGE_SIZE} users, in the pool's own order.
     *
     * @param token where the page starts; empty for the first page
     * @throws MirrorException when the pool could not be read
     */
    PoolPage page(Optional<String> token);

    /**
     * The pool users whose address is {@code email} (a normalised, lower-case address), whatever case the pool
     * stored it in; at most two, which is enough to tell "one" from "several".
     *
     * @throws MirrorException when the pool could not be read
     */
    List<PooledUser> withAddress(String email);
}
