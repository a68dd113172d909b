package io.emailcode.keycloak.mirror;

import java.util.Objects;

/**
 * One lock per user (striped, so memory stays fixed): a node mirrors one user's changes one at a time. Two of them
 * in flight at once (a first sign-in's creation and the profile completed right after it) would both find the user
 * unlinked; the later one would then meet the pool user the first just created as a stranger's and drop its change.
 */
final class UserLocks {

    private final Object[] stripes;

    UserLocks(int stripes) {
        this.stripes = new Object[stripes];
        for (int i = 0; i < stripes; i++) {
            this.stripes[i] = new Object();
        }
    }

    Object of(String realmId, String userId) {
        return stripes[Math.floorMod(Objects.hash(realmId, userId), stripes.length)];
    }
}
