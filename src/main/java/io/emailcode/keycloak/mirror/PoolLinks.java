package io.emailcode.keycloak.mirror;

import java.util.Optional;

/**
 * The links the product made between pool users and Keycloak users, one holder per pool user ({@code sub}).
 * Only a link recorded here lets the mirror change or delete a pool user: the {@code cognito_sub} attribute on a
 * Keycloak user is a cache for the sign-in, which an administrator can edit, never proof of ownership.
 */
public interface PoolLinks {

    /**
     * @throws MirrorQueueException when the store could not be read
     */
    Optional<LinkHolder> holder(String sub);

    /**
     * Records the link unless another user holds the {@code sub}, in one conditional write.
     *
     * @return true when {@code holder} holds the link now (new, or already its own); false when another does
     * @throws MirrorQueueException when the store could not be written
     */
    boolean claim(String sub, LinkHolder holder);

    /**
     * Removes the link if {@code holder} still holds it.
     *
     * @throws MirrorQueueException when the store could not be written
     */
    void release(String sub, LinkHolder holder);
}
