package io.emailcode.keycloak.spi.mirror;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailcode.keycloak.deploy.ProjectFiles;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.keycloak.representations.userprofile.config.UPAttribute;
import org.keycloak.representations.userprofile.config.UPAttributePermissions;
import org.keycloak.representations.userprofile.config.UPConfig;

class SubAttributeGuardTest {

    @Test
    void unmanagedAttributesOpenToUsersLetThemWriteTheSub() {
        UPConfig config = new UPConfig();
        config.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        assertTrue(SubAttributeGuard.usersCanWrite(config));
        config.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ADMIN_VIEW);
        assertFalse(SubAttributeGuard.usersCanWrite(config));
        config.setUnmanagedAttributePolicy(null);
        assertFalse(SubAttributeGuard.usersCanWrite(config), "Keycloak's default keeps unmanaged attributes from users");
    }

    @Test
    void aDeclaredSubIsWritableByUsersOnlyWhenItsEditPermissionNamesThem() {
        UPConfig config = new UPConfig();
        config.setUnmanagedAttributePolicy(UPConfig.UnmanagedAttributePolicy.ENABLED);
        UPAttribute sub = new UPAttribute(MirroredUsers.SUB_ATTRIBUTE);
        sub.setPermissions(new UPAttributePermissions(Set.of("admin"), Set.of("admin")));
        config.addOrReplaceAttribute(sub);
        assertFalse(SubAttributeGuard.usersCanWrite(config), "declared admin-only wins over the unmanaged policy");
        sub.setPermissions(new UPAttributePermissions(Set.of("admin", "user"), Set.of("admin", "user")));
        assertTrue(SubAttributeGuard.usersCanWrite(config));
    }

    @Test
    void theDemoRealmDeclaresTheSubForAdministratorsOnly() throws Exception {
        JsonNode realm = new ObjectMapper().readTree(ProjectFiles.read("realm-export/demo-realm.json"));
        String profile = realm.path("components").path("org.keycloak.userprofile.UserProfileProvider").get(0)
                .path("config").path("kc.user.profile.config").get(0).asText();
        UPConfig config = new ObjectMapper().readValue(profile, UPConfig.class);
        assertFalse(SubAttributeGuard.usersCanWrite(config));
        assertTrue(config.getAttribute(MirroredUsers.SUB_ATTRIBUTE) != null, "declared, so admins see it");
    }
}
