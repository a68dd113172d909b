package io.emailcode.keycloak.spi.keys;

/**
 * The realm's address secret: keys the hashes that stand for addresses, client networks and known browsers in
 * DynamoDB. It must never change, or every count and lock of the realm starts over: keep exactly one.
 */
public final class AddressSecretProviderFactory extends SecretKeyProviderFactory {

    public static final String ID = "email-code-address-secret";
    public static final String ALGORITHM = "EMAIL-CODE-ADDRESS";

    public AddressSecretProviderFactory() {
        super(ID, ALGORITHM, "Email code sign-in: the secret that keys address hashes in DynamoDB. Created "
                + "automatically. Never add a second one or delete it: every send budget, failure count and known "
                + "browser of the realm would start over.");
    }
}
