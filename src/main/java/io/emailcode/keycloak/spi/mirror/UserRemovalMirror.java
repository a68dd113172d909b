package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.code.EmailAddresses;
import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import java.util.Optional;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Deletes reach the pool through Keycloak's user-removal notice rather than the DELETE_ACCOUNT or admin
 * DELETE event: at the notice the user's address and sub can still be read, and every way of deleting
 * (admin console, account console, REST) passes through it. Like the other mirrored changes it applies
 * only in realms that enabled the event listener.
 */
final class UserRemovalMirror implements ProviderEventListener {

    private final MirrorProvider mirror;

    UserRemovalMirror(MirrorProvider mirror) {
        this.mirror = mirror;
    }

    @Override
    public void onEvent(ProviderEvent event) {
        if (!(event instanceof UserModel.UserRemovedEvent removed)) {
            return;
        }
        if (!MirrorEventListenerFactory.enabledIn(removed.getRealm())) {
            return;
        }
        MirrorSettings settings = RealmSettingsStore.readOrDefaults(removed.getRealm()).mirror();
        UserModel user = removed.getUser();
        Optional<String> sub = MirroredUsers.sub(user);
        Optional<String> email = EmailAddresses.normalise(user.getEmail());
        if (!settings.enabled() || (sub.isEmpty() && email.isEmpty())) {
            return;
        }
        String username = email.map(e -> settings.usernameFor(user.getId(), e)).orElse(user.getId());
        mirror.deleteAfterCommit(removed.getKeycloakSession(), removed.getRealm().getId(),
                new DeletedUser(user.getId(), username, sub));
    }
}
