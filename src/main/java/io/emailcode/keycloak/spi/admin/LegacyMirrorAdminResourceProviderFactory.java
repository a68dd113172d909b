package io.emailcode.keycloak.spi.admin;

import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.StatelessFactory;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/**
 * Keeps {@code POST /admin/realms/{realm}/cognito-mirror/reconcile} of earlier versions working for scripts
 * that call it; new callers use {@code /email-code/cognito-mirror/reconcile}.
 */
public final class LegacyMirrorAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        AdminRealmResourceProvider, StatelessFactory<AdminRealmResourceProvider> {

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new Reconcile(session, realm, auth, adminEvent);
    }

    /** The one operation of the older path. */
    public static final class Reconcile {

        private final KeycloakSession session;
        private final RealmModel realm;
        private final AdminPermissionEvaluator auth;
        private final AdminEventBuilder adminEvent;

        Reconcile(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
            this.session = session;
            this.realm = realm;
            this.auth = auth;
            this.adminEvent = adminEvent;
        }

        @POST
        @Path("reconcile")
        @Produces(MediaType.APPLICATION_JSON)
        public Response reconcile() {
            return EmailCodeAdminResource.reconcile(session, realm, auth, adminEvent, session.getProvider(MirrorProvider.class));
        }
    }




    /** Both the factory and the provider: nothing to release for either. */
    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ProviderIds.LEGACY_MIRROR_ADMIN_RESOURCE;
    }
}
