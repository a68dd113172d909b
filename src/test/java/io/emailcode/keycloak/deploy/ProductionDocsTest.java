package io.emailcode.keycloak.deploy;

import static io.emailcode.keycloak.deploy.ProjectFiles.list;
import static io.emailcode.keycloak.deploy.ProjectFiles.map;
import static io.emailcode.keycloak.deploy.ProjectFiles.matches;
import static io.emailcode.keycloak.deploy.ProjectFiles.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.emailcode.keycloak.aws.dynamodb.IndexSpec;
import io.emailcode.keycloak.aws.dynamodb.TableSpec;
import io.emailcode.keycloak.settings.Option;
import io.emailcode.keycloak.settings.ActionOptions;
import io.emailcode.keycloak.settings.RealmOptions;
import io.emailcode.keycloak.settings.StepOptions;
import io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticatorFactory;
import io.emailcode.keycloak.spi.email.SesEmailSenderProviderFactory;
import io.emailcode.keycloak.spi.store.CodeStoreSpi;
import io.emailcode.keycloak.spi.store.DynamoDbCodeStoreProviderFactory;
import io.emailcode.keycloak.spi.store.DynamoDbStoreSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.keycloak.authentication.AuthenticatorSpi;
import org.keycloak.email.EmailSenderSpi;
import org.keycloak.provider.ProviderConfigProperty;
import org.keycloak.provider.ProviderFactory;

/** The option names, IAM policies, table template and troubleshooting messages the documents promise. */
class ProductionDocsTest {

    private static final Pattern SPI_OPTION = Pattern.compile("--(spi-[a-z0-9-]+)");
    private static final Pattern SPI_ENV = Pattern.compile("\\b(KC_SPI_[A-Z0-9_]+)");
    private static final Pattern OPTION_ROW = Pattern.compile("(?m)^\\| `--(spi-[a-z0-9-]+)(=[a-z]+)?` \\|");
    /** A row of a settings table: {@code | Code length | `code.length` | 6 | 6 - 10 |}. */
    private static final Pattern SETTING_ROW = Pattern.compile("(?m)^\\| ([^|`]+?) \\| `([a-z0-9-]+(?:\\.[a-z0-9]+)+)` \\|");
    private static final String CONFIGURATION = "docs/configuration.md";
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern PLACEHOLDER = Pattern.compile("<[^>]+>");
    /** AWS SDK v2 calls in the main code: {@code client.updateItem(} and {@code client.waiter().waitUntil...(}. */
    private static final Pattern SDK_CALL = Pattern.compile("client\\.(?:waiter\\(\\)\\.)?(\\w+)\\(");
    private static final Pattern SDK_CLIENT_IMPORT =
            Pattern.compile("import software\\.amazon\\.awssdk\\.services\\.(dynamodb|sesv2|cognitoidentityprovider)\\.\\w+Client;");
    private static final Map<String, String> IAM_PREFIX =
            Map.of("dynamodb", "dynamodb:", "sesv2", "ses:", "cognitoidentityprovider", "cognito-idp:");
    /** Called only with --spi-email-code-store--dynamodb--create-table=true: in the separate, optional policy. */
    private static final Set<String> CREATE_TABLE_ONLY =
            Set.of("dynamodb:CreateTable", "dynamodb:UpdateTable", "dynamodb:UpdateTimeToLive");
    /** The user-pool mirror's calls (docs/cognito-mirror.md), granted before its code lands. */
    private static final Set<String> COGNITO_MIRROR = Set.of("cognito-idp:AdminCreateUser", "cognito-idp:AdminGetUser",
            "cognito-idp:AdminUpdateUserAttributes", "cognito-idp:AdminDisableUser", "cognito-idp:AdminEnableUser",
            "cognito-idp:AdminDeleteUser", "cognito-idp:AdminDeleteUserAttributes", "cognito-idp:ListUsers");

    @Test
    void everySpiOptionInTheFilesExistsInTheProviderOrKeycloak() {
        Set<String> known = knownOptions();
        for (String file : filesNamingOptions()) {
            String text = read(file);
            List<String> named = new ArrayList<>(matches(SPI_OPTION, text));
            matches(SPI_ENV, text).forEach(env -> named.add(fromEnvironmentName(env)));
            for (String option : named) {
                // "--spi-email-sender--ses--*" names a provider's options as a group.
                boolean exists = option.endsWith("-")
                        ? known.stream().anyMatch(k -> k.startsWith(option))
                        : known.contains(option);
                assertTrue(exists, file + " names --" + option + ", which neither the provider nor Keycloak has");
            }
        }
    }

    @Test
    void configurationGuideListsEveryServerOptionAndIsTheOnlyDocumentWithOptionTables() {
        assertEquals(knownOptions(), new TreeSet<>(matches(OPTION_ROW, read(CONFIGURATION))));
        for (String file : documents()) {
            if (!file.endsWith(CONFIGURATION)) {
                assertEquals(List.of(), matches(OPTION_ROW, read(file)), file + " repeats rows of the server options table");
            }
        }
    }

    @Test
    void stepAndRealmSettingsTablesNameEverySettingAsTheAdminConsoleDoes() {
        assertEquals(labelledKeys(StepOptions.ALL), settingRows("## Flow step settings"));
        assertEquals(labelledKeys(RealmOptions.ALL), settingRows("## Realm settings"));
        assertEquals(labelledKeys(ActionOptions.ALL), settingRows("## Required actions delivered by code"));
        for (String file : documents()) {
            if (!file.endsWith(CONFIGURATION)) {
                assertEquals(List.of(), matches(SETTING_ROW, read(file)), file + " repeats rows of a settings table");
            }
        }
    }

    /** "label -> key" of every row of the settings table under {@code heading} in the configuration guide. */
    private static Set<String> settingRows(String heading) {
        String guide = read(CONFIGURATION);
        int start = guide.indexOf(heading + "\n");
        assertTrue(start >= 0, CONFIGURATION + " has the section " + heading);
        int end = guide.indexOf("\n## ", start + heading.length());
        String section = guide.substring(start, end < 0 ? guide.length() : end);
        Set<String> rows = new TreeSet<>();
        var matcher = SETTING_ROW.matcher(section);
        while (matcher.find()) {
            rows.add(matcher.group(1) + " -> " + matcher.group(2));
        }
        return rows;
    }

    private static Set<String> labelledKeys(List<? extends Option<?>> options) {
        return options.stream().map(o -> o.label() + " -> " + o.key()).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> documents() {
        List<String> files = new ArrayList<>(List.of("README.md"));
        ProjectFiles.files("docs", ".md").forEach(p -> files.add(p.toString()));
        return files;
    }

    @Test
    void iamPoliciesGrantExactlyTheCallsTheCodeMakes() throws IOException {
        Set<String> called = sdkCallsInMainCode();
        assertTrue(called.containsAll(Set.of("dynamodb:UpdateItem", "dynamodb:DescribeTable", "ses:SendEmail")), called::toString);
        assertTrue(called.containsAll(CREATE_TABLE_ONLY), called::toString);

        Set<String> hotPath = new TreeSet<>(called);
        hotPath.removeAll(CREATE_TABLE_ONLY);
        Set<String> mainPolicy = actions("docs/iam-policy.json");
        Set<String> expected = new TreeSet<>(hotPath);
        expected.addAll(COGNITO_MIRROR);
        assertEquals(expected, mainPolicy, "docs/iam-policy.json");

        Set<String> createPolicy = actions("docs/iam-policy-create-table.json");
        assertTrue(createPolicy.containsAll(CREATE_TABLE_ONLY));
        assertTrue(called.containsAll(createPolicy), "create-table policy grants only calls the code makes: " + createPolicy);
    }

    @Test
    void iamStatementsNameResourcesAndSesChecksTheFromAddress() throws IOException {
        for (String file : List.of("docs/iam-policy.json", "docs/iam-policy-create-table.json")) {
            for (JsonNode statement : new ObjectMapper().readTree(read(file)).path("Statement")) {
                assertEquals("Allow", statement.path("Effect").asText());
                String service = statement.path("Action").get(0).asText().split(":")[0];
                List<String> resources = new ArrayList<>();
                JsonNode resource = statement.path("Resource");
                (resource.isArray() ? resource : new ObjectMapper().createArrayNode().add(resource))
                        .forEach(r -> resources.add(r.asText()));
                assertFalse(resources.isEmpty(), file + ": " + statement);
                resources.forEach(r -> assertTrue(r.startsWith("arn:aws:" + service + ":${Region}:${AccountId}:")
                        && !r.contains("*"), file + ": exact resource, got " + r));
                if (service.equals("ses")) {
                    assertEquals("${FromAddress}", statement.path("Condition").path("StringEquals").path("ses:FromAddress").asText());
                }
            }
        }
    }

    @Test
    void tableTemplateHasTheKeyAndTtlTheStoreExpects() {
        Map<String, Object> template = ProjectFiles.yaml("docs/dynamodb-table.yaml");
        Map<String, Object> table = onlyTable(template);
        assertEquals(List.of(Map.of("AttributeName", "pk", "KeyType", "HASH")), table.get("KeySchema"));
        assertEquals(List.of(Map.of("AttributeName", "pk", "AttributeType", "S")), table.get("AttributeDefinitions"));
        assertEquals(Map.of("AttributeName", "expires_at", "Enabled", true), table.get("TimeToLiveSpecification"));
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(true, map(table, "PointInTimeRecoverySpecification").get("PointInTimeRecoveryEnabled"));
        assertEquals(true, map(table, "SSESpecification").get("SSEEnabled"));
        assertEquals(true, table.get("DeletionProtectionEnabled"));
        assertEquals(Map.of("Ref", "TableName"), table.get("TableName"));
        assertEquals(DynamoDbStoreSettings.TABLE.defaultValue(), map(map(template, "Parameters"), "TableName").get("Default"));
        assertTrue(map(template, "Outputs").containsKey("TableArn"));
    }

    @Test
    void mirrorTableTemplateHasTheKeyAndTheIndexTheQueueQueries() {
        Map<String, Object> template = ProjectFiles.yaml("docs/cognito-mirror-table.yaml");
        Map<String, Object> table = onlyTable(template);
        TableSpec spec = TableSpec.mirrorQueue("any");
        IndexSpec index = spec.index().orElseThrow();
        assertEquals(List.of(Map.of("AttributeName", spec.partitionKey(), "KeyType", "HASH")), table.get("KeySchema"));
        assertEquals(Set.of(Map.of("AttributeName", spec.partitionKey(), "AttributeType", "S"),
                        Map.of("AttributeName", index.partitionKey(), "AttributeType", "S"),
                        Map.of("AttributeName", index.sortKey(), "AttributeType", "N")),
                Set.copyOf(list(table.get("AttributeDefinitions"))));
        assertEquals(List.of(Map.of("IndexName", index.name(),
                "KeySchema", List.of(Map.of("AttributeName", index.partitionKey(), "KeyType", "HASH"),
                        Map.of("AttributeName", index.sortKey(), "KeyType", "RANGE")),
                "Projection", Map.of("ProjectionType", "KEYS_ONLY"))), table.get("GlobalSecondaryIndexes"));
        assertEquals("PAY_PER_REQUEST", table.get("BillingMode"));
        assertEquals(true, table.get("DeletionProtectionEnabled"));
        String defaultTable = new io.emailcode.keycloak.spi.mirror.CognitoMirrorProviderFactory().getConfigMetadata().stream()
                .filter(p -> p.getName().equals("queue-table")).findFirst().orElseThrow().getDefaultValue().toString();
        assertEquals(defaultTable, map(map(template, "Parameters"), "TableName").get("Default"));
        assertTrue(read("docs/iam-policy.json").contains("table/${MirrorQueueTableName}/index/" + index.name() + "\""),
                "the policy grants the query of the index");
    }

    @Test
    void troubleshootingQuotesMessagesTheProductReallyPrints() {
        String printed = Stream.concat(ProjectFiles.files("src/main/java", ".java").stream(),
                        ProjectFiles.files("themes", "messages_en.properties").stream())
                .map(ProjectFiles::read).collect(Collectors.joining("\n"));
        String guide = read("docs/operations.md");
        String troubleshooting = guide.substring(guide.indexOf("## 9. Troubleshooting"));
        List<String> rows = troubleshooting.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| what")).toList();
        assertTrue(rows.size() >= 15, "the table lists the messages: " + rows.size());
        for (String row : rows) {
            String quoted = row.split(" \\| ")[0];
            List<String> spans = matches(CODE_SPAN, quoted);
            assertFalse(spans.isEmpty(), "the row quotes a message: " + row);
            for (String span : spans) {
                for (String piece : PLACEHOLDER.split(span)) {
                    assertTrue(piece.strip().length() < 3 || printed.contains(piece.strip()),
                            "'" + piece.strip() + "' (from `" + span + "`) is not in the code or the message bundle");
                }
            }
        }
    }

    /** The properties of the template's one DynamoDB table. */
    private static Map<String, Object> onlyTable(Map<String, Object> template) {
        List<Map<String, Object>> tables = map(template, "Resources").values().stream().map(ProjectFiles::map)
                .filter(r -> "AWS::DynamoDB::Table".equals(r.get("Type"))).toList();
        assertEquals(1, tables.size());
        return map(tables.get(0), "Properties");
    }

    /** The provider's options from the factories' metadata, plus Keycloak's own provider selection. */
    private static Set<String> knownOptions() {
        Set<String> options = new TreeSet<>();
        options.add("spi-" + kebab(new EmailSenderSpi().getName()) + "--provider");
        addOptions(options, kebab(new EmailSenderSpi().getName()), new SesEmailSenderProviderFactory());
        addOptions(options, CodeStoreSpi.NAME, new DynamoDbCodeStoreProviderFactory());
        addOptions(options, new AuthenticatorSpi().getName(), new EmailCodeAuthenticatorFactory());
        addOptions(options, io.emailcode.keycloak.spi.mirror.MirrorSpi.NAME,
                new io.emailcode.keycloak.spi.mirror.CognitoMirrorProviderFactory());
        assertTrue(options.stream().anyMatch(o -> o.startsWith(DynamoDbStoreSettings.OPTION_PREFIX)));
        return options;
    }

    private static void addOptions(Set<String> options, String spi, ProviderFactory<?> factory) {
        for (ProviderConfigProperty property : factory.getConfigMetadata()) {
            options.add("spi-" + spi + "--" + factory.getId() + "--" + property.getName());
        }
    }

    /** Keycloak spells camel-case SPI names in kebab case in options: emailSender -> email-sender. */
    private static String kebab(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** KC_SPI_EMAIL_SENDER__SES__REGION -> spi-email-sender--ses--region. */
    private static String fromEnvironmentName(String env) {
        return env.substring("KC_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static List<String> filesNamingOptions() {
        List<String> files = new ArrayList<>(List.of("docker-compose.yml", "Containerfile", "README.md"));
        ProjectFiles.files("docs", ".md").forEach(p -> files.add(p.toString()));
        return files;
    }

    /** The item operations a class's {@code TransactWriteItems} contain, as IAM grants them. */
    private static List<String> transactionItems(String code) {
        List<String> operations = new ArrayList<>(List.of("updateItem"));
        if (code.contains(".delete(")) {
            operations.add("deleteItem");
        }
        if (code.contains(".builder().put(")) {
            operations.add("putItem");
        }
        if (code.contains(".conditionCheck(")) {
            operations.add("conditionCheckItem");
        }
        return operations;
    }

    private static Set<String> sdkCallsInMainCode() {
        Set<String> actions = new TreeSet<>();
        for (Path file : ProjectFiles.files("src/main/java", ".java")) {
            String code = read(file);
            List<String> services = matches(SDK_CLIENT_IMPORT, code);
            if (services.isEmpty()) {
                continue;
            }
            List<String> calls = matches(SDK_CALL, code).stream().filter(m -> !m.equals("close")).toList();
            if (services.size() > 1) {
                // A factory may build several clients; the calls themselves live in one adapter per service.
                assertTrue(calls.isEmpty(), file + " builds several AWS clients and must not call them: " + calls);
                continue;
            }
            for (String method : calls) {
                if (method.equals("close")) {
                    continue;
                }
                // IAM has no action for a transaction: each of its items needs its own action (updates, the deletes
                // and the revocation of a forgotten address, the check of a known browser's revocation).
                List<String> operations = method.startsWith("waitUntilTableExists") ? List.of("describeTable")
                        : !method.equals("transactWriteItems") ? List.of(method) : transactionItems(code);
                for (String operation : operations) {
                    actions.add(IAM_PREFIX.get(services.get(0))
                            + Character.toUpperCase(operation.charAt(0)) + operation.substring(1));
                }
            }
        }
        return actions;
    }

    private static Set<String> actions(String file) throws IOException {
        Set<String> actions = new TreeSet<>();
        for (JsonNode statement : new ObjectMapper().readTree(read(file)).path("Statement")) {
            list(new ObjectMapper().convertValue(statement.path("Action"), List.class)).forEach(a -> actions.add(a.toString()));
        }
        return actions;
    }
}
