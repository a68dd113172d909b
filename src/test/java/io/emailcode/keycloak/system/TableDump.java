package io.emailcode.keycloak.system;

import io.emailcode.stack.LocalStack;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** Everything a table holds, as text, to check what an observer with read access would see. */
final class TableDump {

    private TableDump() {
    }

    /**
     * Empty when the table does not exist (e.g. the mirror's queue before its first use). Reads with the
     * credentials the stack gives Keycloak: DynamoDB Local keeps a separate set of tables per access key.
     */
    static String of(URI endpoint, String table) {
        AwsBasicCredentials keycloaks = AwsBasicCredentials.create(LocalStack.EMULATOR_ENVIRONMENT.get("AWS_ACCESS_KEY_ID"),
                LocalStack.EMULATOR_ENVIRONMENT.get("AWS_SECRET_ACCESS_KEY"));
        try (DynamoDbClient client = DynamoDbClient.builder().region(Region.US_EAST_1).endpointOverride(endpoint)
                .credentialsProvider(StaticCredentialsProvider.create(keycloaks)).build()) {
            StringBuilder dump = new StringBuilder();
            client.scanPaginator(b -> b.tableName(table).consistentRead(true))
                    .items().forEach(item -> dump.append(item).append('\n'));
            return dump.toString();
        } catch (ResourceNotFoundException e) {
            return "";
        }
    }
}
