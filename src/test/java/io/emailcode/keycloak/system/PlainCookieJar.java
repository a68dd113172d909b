package io.emailcode.keycloak.system;

import java.net.CookieHandler;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Cookies as a browser keeps them for http://localhost, which browsers treat as a secure context:
 * Keycloak's {@code Secure; SameSite=None} cookies are sent back over plain HTTP. Java's CookieManager
 * would drop them. One host only, paths and expiry ignored: enough for a login.
 */
final class PlainCookieJar extends CookieHandler {

    private final Map<String, String> cookies = new ConcurrentHashMap<>();

    /** Keeps only the cookies whose names start with {@code prefix}. */
    void keepOnly(String prefix) {
        cookies.keySet().removeIf(name -> !name.startsWith(prefix));
    }

    /** The cookies whose names start with {@code prefix}, as a browser's cookie store would export them. */
    Map<String, String> startingWith(String prefix) {
        Map<String, String> found = new java.util.HashMap<>();
        cookies.forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                found.put(name, value);
            }
        });
        return found;
    }

    void add(Map<String, String> copied) {
        cookies.putAll(copied);
    }

    java.util.Set<String> names() {
        return java.util.Set.copyOf(cookies.keySet());
    }

    @Override
    public Map<String, List<String>> get(URI uri, Map<String, List<String>> requestHeaders) {
        if (cookies.isEmpty()) {
            return Map.of();
        }
        return Map.of("Cookie", List.of(cookies.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; "))));
    }

    @Override
    public void put(URI uri, Map<String, List<String>> responseHeaders) {
        responseHeaders.forEach((name, values) -> {
            if (name != null && name.equalsIgnoreCase("Set-Cookie")) {
                for (String header : values) {
                    String pair = header.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    String cookieName = pair.substring(0, eq).trim();
                    String value = pair.substring(eq + 1).trim();
                    boolean expired = header.toLowerCase().contains("max-age=0") || value.isEmpty();
                    if (expired) {
                        cookies.remove(cookieName);
                    } else {
                        cookies.put(cookieName, value);
                    }
                }
            }
        });
    }
}
