package io.emailcode.keycloak.store;

import io.emailcode.keycloak.aws.AwsErrors;
import io.emailcode.keycloak.code.CodeStoreUnavailableException;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Runs one DynamoDB call and turns every SDK failure into {@link CodeStoreUnavailableException}.
 * The message names only the operation, the table and AWS's error code: SDK messages may echo request
 * values, so they stay in the cause for operators and never reach the message a caller might show or log.
 * Failed conditions are outcomes, not outages, and pass through untouched.
 */
final class DynamoDbCalls {

    private final String table;

    DynamoDbCalls(String table) {
        this.table = table;
    }

    <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException e) {
            throw e;
        } catch (AwsServiceException e) {
            throw new CodeStoreUnavailableException(
                    "DynamoDB " + operation + " on table " + table + " failed: " + AwsErrors.code(e), e);
        } catch (SdkException e) {
            throw new CodeStoreUnavailableException(
                    "DynamoDB " + operation + " on table " + table + " failed: " + e.getClass().getSimpleName(), e);
        }
    }
}
