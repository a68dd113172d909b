package io.emailcode.keycloak.spi.keys;

/**
 * The realm's code keys: hash the codes stored in DynamoDB. Rotate by adding a new one with a higher priority;
 * keep the old one (passive) for at least the code validity, since a code is always checked with the key that
 * hashed it.
 */
public final class CodeKeyProviderFactory extends SecretKeyProviderFactory {

    public static final String ID = "email-code-code-key";
    public static final String ALGORITHM = "EMAIL-CODE-CODES";

    public CodeKeyProviderFactory() {
        super(ID, ALGORITHM, "Email code sign-in: hashes codes in DynamoDB. Created automatically. To rotate, add "
                + "another with a higher priority and keep this one passive for at least 10 minutes.");
    }
}
