package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.aws.AwsErrors;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs one DynamoDB call on one table and turns every SDK failure into the caller's exception type. The message
 * names only the operation, the table and AWS's error code ({@link AwsErrors}): SDK messages may echo request
 * values, so they stay in the cause and never reach a message a caller might show or log. Failed conditions
 * (of a write or a transaction) are outcomes, not outages, and pass through untouched.
 */
final class DynamoDbCalls {

    private final String table;
    private final BiFunction<String, Throwable, RuntimeException> failure;

    DynamoDbCalls(String table, BiFunction<String, Throwable, RuntimeException> failure) {
        this.table = table;
        this.failure = failure;
    }

    <T> T call(String operation, Supplier<T> call) {
        try {
            return call.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException e) {
            throw e;
        } catch (AwsServiceException e) {
            throw failure.apply(describe(operation, AwsErrors.code(e)), e);
        } catch (SdkException e) {
            throw failure.apply(describe(operation, e.getClass().getSimpleName()), e);
        }
    }

    void run(String operation, Runnable call) {
        call(operation, () -> {
            call.run();
            return null;
        });
    }

    private String describe(String operation, String error) {
        return "DynamoDB " + operation + " on table " + table + " failed: " + error;
    }
}
