package io.emailcode.keycloak.system;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** Everything the code table holds, as text, to check what an observer with read access would see. */
final class CodeTableDump {

    private CodeTableDump() {
    }

    static String of(URI endpoint, String table) {
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
        try (DynamoDbClient client = AwsClients.build(DynamoDbClient.builder(), new AwsClientSettings(
                Optional.of("us-east-1"), Optional.of(endpoint), Duration.ofSeconds(20), Duration.ofSeconds(10), 2))) {
            StringBuilder dump = new StringBuilder();
            client.scanPaginator(b -> b.tableName(table).consistentRead(true))
                    .items().forEach(item -> dump.append(item).append('\n'));
            return dump.toString();
        }
    }
}
