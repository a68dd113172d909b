package io.emailcode.keycloak.spi.authenticator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.keycloak.sessions.AuthenticationSessionModel;

/** Binds a code to the login that asked for it: the browser's authentication session and its tab. */
final class LoginBinding {

    private LoginBinding() {
    }

    static String of(AuthenticationSessionModel authSession) {
        String login = authSession.getParentSession().getId() + "/" + authSession.getTabId();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(login.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
