package io.emailcode.keycloak.spi.admin;

import io.emailcode.keycloak.spi.ProviderIds;
import io.emailcode.keycloak.spi.StatelessFactory;
import io.emailcode.keycloak.spi.mirror.MirrorProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.services.resources.admin.AdminEventBuilder;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProvider;
import org.keycloak.services.resources.admin.ext.AdminRealmResourceProviderFactory;
import org.keycloak.services.resources.admin.fgap.AdminPermissionEvaluator;

/** Mounts {@link EmailCodeAdminResource} at {@code /admin/realms/{realm}/email-code}. */
public final class EmailCodeAdminResourceProviderFactory implements AdminRealmResourceProviderFactory,
        AdminRealmResourceProvider, StatelessFactory<AdminRealmResourceProvider> {

    @Override
    public AdminRealmResourceProvider create(KeycloakSession session) {
        return this;
    }

    @Override
    public Object getResource(KeycloakSession session, RealmModel realm, AdminPermissionEvaluator auth, AdminEventBuilder adminEvent) {
        return new EmailCodeAdminResource(session, realm, auth, adminEvent, session.getProvider(MirrorProvider.class));
    }




    /** Both the factory and the provider: nothing to release for either. */
    @Override
    public void close() {
    }

    @Override
    public String getId() {
        return ProviderIds.ADMIN_RESOURCE;
    }
}
