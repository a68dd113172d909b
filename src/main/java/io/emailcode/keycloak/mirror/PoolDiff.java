package io.emailcode.keycloak.mirror;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.ArrayList;
import java.util.Map;
import java.util.Optional;

/**
 * What a pool user lacks to match Keycloak: attributes to set, attributes to remove, and whether to enable or
 * disable it. The address always travels with Keycloak's {@code email_verified}: Cognito marks a changed address
 * unverified unless the flag comes in the same call.
 *
 * @param set    attributes to set, address first
 * @param remove attributes Keycloak no longer has
 * @param enable present when the pool user's enabled state must change
 */
public record PoolDiff(Map<String, String> set, List<String> remove, Optional<Boolean> enable) {

    public PoolDiff {
        set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
        remove = List.copyOf(remove);
    }

    public static PoolDiff between(PooledUser current, MirroredUser desired) {
        Map<String, String> set = new LinkedHashMap<>();
        List<String> remove = new ArrayList<>();
        String verified = Boolean.toString(desired.emailVerified());
        if (!desired.email().equals(current.attributes().get("email"))
                || !verified.equals(current.attributes().get("email_verified"))) {
            set.put("email", desired.email());
            set.put("email_verified", verified);
        }
        desired.attributes().forEach((name, value) -> {
            String now = current.attributes().get(name);
            if (value.isEmpty() && now != null) {
                remove.add(name);
            } else if (!value.isEmpty() && !value.equals(now)) {
                set.put(name, value);
            }
        });
        Optional<Boolean> enable = current.enabled() == desired.enabled() ? Optional.empty() : Optional.of(desired.enabled());
        return new PoolDiff(set, remove, enable);
    }

    /** The pool user already matches. */
    public boolean none() {
        return set.isEmpty() && remove.isEmpty() && enable.isEmpty();
    }

    /** What applying it changes, for a pool user that was linked already. */
    public MirrorChange change() {
        if (enable.isPresent()) {
            return enable.get() ? MirrorChange.ENABLED : MirrorChange.DISABLED;
        }
        return set.isEmpty() && remove.isEmpty() ? MirrorChange.UNCHANGED : MirrorChange.UPDATED;
    }
}
