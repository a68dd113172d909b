package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.mirror.MirroredUser;
import io.emailcode.keycloak.mirror.MirrorSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.keycloak.models.UserModel;

/** Reads a Keycloak user as the pool should hold it. */
public final class MirroredUsers {

    /** Where the pool's sub is kept, so a linked user's sign-ins make no pool call. */
    public static final String SUB_ATTRIBUTE = "cognito_sub";
    /** The {@code register_method} of the REGISTER event of a user imported from the pool on proof. */
    public static final String IMPORTED_REGISTER_METHOD = "cognito-import";

    private MirroredUsers() {
    }

    /** Empty for a user without a usable address: the pool identifies people by address. */
    public static Optional<MirroredUser> of(UserModel user, MirrorSettings settings) {
        Optional<String> email = EmailAddresses.normalise(user.getEmail());
        if (email.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> attributes = new HashMap<>();
        for (String name : settings.attributes()) {
            String value = switch (name) {
                case "given_name" -> user.getFirstName();
                case "family_name" -> user.getLastName();
                default -> null;
            };
            attributes.put(name, value == null ? "" : value.trim());
        }
        return Optional.of(new MirroredUser(user.getId(), settings.usernameFor(user.getId(), email.get()), email.get(),
                user.isEmailVerified(), attributes, user.isEnabled(), sub(user)));
    }

    public static Optional<String> sub(UserModel user) {
        return Optional.ofNullable(user.getFirstAttribute(SUB_ATTRIBUTE)).filter(s -> !s.isBlank());
    }
}
