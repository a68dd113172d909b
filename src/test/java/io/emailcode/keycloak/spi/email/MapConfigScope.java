package io.emailcode.keycloak.spi.email;

import java.lang.reflect.Proxy;
import java.util.Map;

import org.keycloak.Config;

/** A Keycloak {@link Config.Scope} over a map, as the server would pass the provider's options. */
final class MapConfigScope {

    private MapConfigScope() {
    }

    static Config.Scope of(Map<String, String> options) {
        return (Config.Scope) Proxy.newProxyInstance(Config.Scope.class.getClassLoader(),
                new Class<?>[] {Config.Scope.class}, (proxy, method, args) -> {
                    if (method.getName().equals("get") && args.length == 1) {
                        return options.get((String) args[0]);
                    }
                    if (method.getName().equals("get") && args.length == 2) {
                        return options.getOrDefault((String) args[0], (String) args[1]);
                    }
                    if (method.getName().equals("getPropertyNames")) {
                        return options.keySet();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
