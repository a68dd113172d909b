package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.flow.UnresolvedRecipient;
import java.util.Objects;
import java.util.Optional;
import org.keycloak.models.KeycloakSession;

/**
 * A code email waiting to be rendered and sent, off the request thread. It lives only in memory; {@link #toString()}
 * shows neither the code nor the address.
 *
 * @param door    the door the code was issued at, which the email's words follow
 * @param userId  the signed-in account it is for (a second factor); empty for a typed address
 * @param locale  the language tag to write it in: the account's, or the login's
 * @param recipient  for a typed address: its recipient, decided by the mailer before it sends, so the email goes out
 *                   only to an address entitled to codes
 * @param addressKey the address's keyed hash (the pool lookup's memory of absent addresses is keyed by it)
 */
record CodeEmail(Door door, String realmId, Optional<String> userId, String address, String locale, String code, long validityMinutes,
                 String maskedAddress, Optional<UnresolvedRecipient> recipient, String addressKey) implements QueuedEmail {

    CodeEmail {
        Objects.requireNonNull(door, "door");
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(maskedAddress, "maskedAddress");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(addressKey, "addressKey");
    }

    @Override
    public void send(CodeMailer mailer, KeycloakSession session) {
        mailer.send(session, this);
    }

    @Override
    public void dropped(CodeMailer mailer) {
        mailer.dropped(this);
    }

    @Override
    public String toString() {
        return "CodeEmail[to=" + maskedAddress + ", code=<redacted>]";
    }
}
