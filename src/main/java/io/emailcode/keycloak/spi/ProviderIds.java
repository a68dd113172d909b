package io.emailcode.keycloak.spi;

/**
 * The ids under which this JAR registers with Keycloak, in one place: flows, realm exports, options and tests
 * refer to them, and a realm's saved flows would break if one changed.
 */
public final class ProviderIds {

    /** The "Email code" flow step. */
    public static final String EMAIL_CODE_STEP = "email-code";
    /** The "Email address form" flow step. */
    public static final String ADDRESS_FORM = "email-code-address-form";
    /** The SES email sender ({@code --spi-email-sender--provider=ses}). */
    public static final String SES_SENDER = "ses";
    /** The code store SPI and its DynamoDB provider ({@code --spi-email-code-store--dynamodb--...}). */
    public static final String CODE_STORE_SPI = "email-code-store";
    public static final String DYNAMODB_STORE = "dynamodb";
    /** The Cognito mirror SPI, its provider ({@code --spi-cognito-mirror--cognito--...}) and event listener. */
    public static final String MIRROR_SPI = "cognito-mirror";
    public static final String COGNITO_MIRROR = "cognito";
    /** The Cognito bridge under the admin console's User federation: holds the realm's mirror settings. */
    public static final String COGNITO_FEDERATION = "amazon-cognito";
    public static final String MIRROR_EVENT_LISTENER = "cognito-mirror";
    /** The event listener that revokes an account's known browsers when an administrator signs it out everywhere. */
    public static final String KNOWN_BROWSERS_EVENT_LISTENER = "email-code-known-browsers";
    /** Admin REST resources under {@code /admin/realms/{realm}/}. */
    public static final String ADMIN_RESOURCE = "email-code";

    private ProviderIds() {
    }
}
