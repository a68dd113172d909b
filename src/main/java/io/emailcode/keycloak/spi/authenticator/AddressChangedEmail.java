package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.EmailAddresses;
import java.util.Objects;
import org.keycloak.models.KeycloakSession;

/**
 * The notice an account's previous address gets once a code proved the new one: the address was changed, and what
 * to do if it was not its owner. It carries no code and no link. {@link #toString()} shows neither address.
 *
 * @param previousAddress the address the notice goes to
 * @param maskedNew       the new address, masked: the notice says where the account went without giving it away
 * @param locale          the language tag to write it in when the account has none of its own
 */
record AddressChangedEmail(String realmId, String userId, String previousAddress, String maskedNew, String locale)
        implements QueuedEmail {

    AddressChangedEmail {
        Objects.requireNonNull(realmId, "realmId");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(previousAddress, "previousAddress");
        Objects.requireNonNull(maskedNew, "maskedNew");
        Objects.requireNonNull(locale, "locale");
    }

    @Override
    public String maskedAddress() {
        return EmailAddresses.mask(previousAddress);
    }

    @Override
    public void send(CodeMailer mailer, KeycloakSession session) {
        mailer.sendNotice(session, this);
    }

    @Override
    public void dropped(CodeMailer mailer) {
        mailer.noticeDropped(this);
    }

    @Override
    public String toString() {
        return "AddressChangedEmail[to=" + maskedAddress() + "]";
    }
}
