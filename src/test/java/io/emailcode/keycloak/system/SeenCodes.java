package io.emailcode.keycloak.system;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Every code the system tests read from an inbox during this run; none may ever show up in a log or a table. */
public final class SeenCodes {

    private final Set<String> codes = ConcurrentHashMap.newKeySet();

    public String add(String code) {
        codes.add(code);
        return code;
    }

    public Set<String> all() {
        return Set.copyOf(codes);
    }
}
