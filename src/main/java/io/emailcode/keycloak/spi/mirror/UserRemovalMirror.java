package io.emailcode.keycloak.spi.mirror;

import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.spi.realm.RealmSettingsStore;
import org.keycloak.models.UserModel;
import org.keycloak.provider.ProviderEvent;
import org.keycloak.provider.ProviderEventListener;

/**
 * Deletes reach the pool through Keycloak's user-removal notice rather than the DELETE_ACCOUNT or admin
 * DELETE event: at the notice the user's linked sub can still be read, and every way of deleting
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
        if (!RealmSettingsStore.readOrDefaults(removed.getRealm()).mirror().enabled()) {
            return;
        }
        UserModel user = removed.getUser();
        // Also without a sub: the delete replaces a change still queued for the user, which must not create it.
        mirror.deleteAfterCommit(removed.getKeycloakSession(), removed.getRealm().getId(),
                new DeletedUser(user.getId(), MirroredUsers.sub(user)));
    }
}
