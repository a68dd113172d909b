package io.emailcode.keycloak.mirror;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A realm's users in memory, in a stable order, with their linked subs; counts what the repair read. */
public final class InMemoryRepairUsers implements RepairUsers {

    private final Map<String, MirroredUser> users = new LinkedHashMap<>();
    public int pagesRead;

    public MirroredUser add(String userId, String email, String givenName, boolean enabled, Optional<String> sub) {
        MirroredUser user = new MirroredUser(userId, email, email, true, Map.of("given_name", givenName), enabled, sub);
        users.put(userId, user);
        return user;
    }

    public MirroredUser get(String userId) {
        return users.get(userId);
    }

    public Collection<MirroredUser> all() {
        return users.values();
    }

    @Override
    public List<Optional<MirroredUser>> page(int first, int max) {
        pagesRead++;
        List<MirroredUser> all = new ArrayList<>(users.values());
        return all.subList(Math.min(first, all.size()), Math.min(all.size(), first + max)).stream().map(Optional::of).toList();
    }

    @Override
    public Map<String, MirroredUser> linkedTo(Collection<String> subs) {
        Map<String, MirroredUser> linked = new HashMap<>();
        users.values().forEach(u -> u.sub().filter(subs::contains).ifPresent(sub -> linked.put(sub, u)));
        return linked;
    }

    @Override
    public void linkSub(String userId, String sub) {
        MirroredUser u = users.get(userId);
        users.put(userId, new MirroredUser(u.userId(), u.username(), u.email(), u.emailVerified(), u.attributes(),
                u.enabled(), Optional.of(sub)));
    }
}
