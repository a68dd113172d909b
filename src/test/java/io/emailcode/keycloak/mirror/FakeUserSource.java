package io.emailcode.keycloak.mirror;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Keycloak's users in memory: the current state and the linked subs. */
final class FakeUserSource implements UserSource {

    final Map<String, MirroredUser> users = new HashMap<>();
    boolean linkFails;

    void put(String userId, String email, String givenName, boolean enabled) {
        MirroredUser previous = users.get(userId);
        users.put(userId, new MirroredUser(userId, email, email, true, Map.of("given_name", givenName), enabled,
                previous == null ? Optional.empty() : previous.sub()));
    }

    @Override
    public Optional<MirroredUser> current(String realmId, String userId) {
        return Optional.ofNullable(users.get(userId));
    }

    @Override
    public void linkSub(String realmId, String userId, String sub) {
        if (linkFails) {
            throw new IllegalStateException("Keycloak's database unavailable");
        }
        MirroredUser u = users.get(userId);
        users.put(userId, new MirroredUser(u.userId(), u.username(), u.email(), u.emailVerified(), u.attributes(),
                u.enabled(), Optional.of(sub)));
    }
}
