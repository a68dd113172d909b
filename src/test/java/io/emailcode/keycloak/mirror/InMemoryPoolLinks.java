package io.emailcode.keycloak.mirror;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Links in memory, with the store's condition: a link is written only if no other user holds it. */
final class InMemoryPoolLinks implements PoolLinks {

    final Map<String, LinkHolder> links = new HashMap<>();

    @Override
    public Optional<LinkHolder> holder(String sub) {
        return Optional.ofNullable(links.get(sub));
    }

    @Override
    public boolean claim(String sub, LinkHolder holder) {
        return links.computeIfAbsent(sub, s -> holder).equals(holder);
    }

    @Override
    public void release(String sub, LinkHolder holder) {
        links.remove(sub, holder);
    }
}
