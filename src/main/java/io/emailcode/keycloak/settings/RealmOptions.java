package io.emailcode.keycloak.settings;

import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.MirrorSettings.Mode;
import io.emailcode.keycloak.mirror.MirrorSettings.UsernameStrategy;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The realm-level settings, by the keys of the admin REST endpoint (stored as realm attributes with a prefix). */
public final class RealmOptions {

    public static final ChoiceOption<Mode> MIRROR_MODE = new ChoiceOption<>("mirror.mode", "Cognito mirror",
            "Mirror the realm's users into the server's Cognito user pool. OFF: never. BEST_EFFORT: after sign-in and "
                    + "changes, off the request, retried until Cognito agrees; never delays or blocks a sign-in. REQUIRED: "
                    + "the first sign-in waits for Cognito and is refused while Cognito is unreachable.", Mode.class, Mode.OFF);
    public static final ChoiceOption<UsernameStrategy> MIRROR_USERNAME = new ChoiceOption<>("mirror.username",
            "Cognito username", "What becomes the username of a new Cognito user: the email address or the Keycloak "
            + "user id. Cognito usernames cannot change later.", UsernameStrategy.class, UsernameStrategy.EMAIL);
    public static final SubsetOption MIRROR_ATTRIBUTES = new SubsetOption("mirror.attributes", "Mirrored attributes",
            "Mirrored besides the email address and Keycloak's email-verified flag.", MirrorSettings.OPTIONAL_ATTRIBUTES,
            Set.copyOf(MirrorSettings.OPTIONAL_ATTRIBUTES));

    public static final List<Option<?>> ALL = List.of(MIRROR_MODE, MIRROR_USERNAME, MIRROR_ATTRIBUTES);

    private RealmOptions() {
    }

    /** Reads saved realm settings by key; {@code null} or empty means every default. */
    public static Parsed<RealmSettings> read(Map<String, String> saved) {
        SavedValues values = new SavedValues(saved);
        return values.result(new RealmSettings(new MirrorSettings(values.get(MIRROR_MODE), values.get(MIRROR_USERNAME),
                values.get(MIRROR_ATTRIBUTES))));
    }
}
