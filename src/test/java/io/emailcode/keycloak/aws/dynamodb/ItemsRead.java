package io.emailcode.keycloak.aws.dynamodb;

import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Counts the items DynamoDB reads for a client's calls, as it bills them: a query or scan every item it evaluates
 * (its {@code ScannedCount}, filtered out or not), a get every item it returns.
 */
final class ItemsRead implements ExecutionInterceptor {

    private final AtomicLong items = new AtomicLong();

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        Object response = context.response();
        if (response instanceof QueryResponse query) {
            items.addAndGet(query.scannedCount());
        } else if (response instanceof ScanResponse scan) {
            items.addAndGet(scan.scannedCount());
        } else if (response instanceof BatchGetItemResponse batch) {
            batch.responses().values().forEach(read -> items.addAndGet(read.size()));
        } else if (response instanceof GetItemResponse get && get.hasItem()) {
            items.incrementAndGet();
        }
    }

    /** The items read since the last call. */
    long takeCount() {
        return items.getAndSet(0);
    }
}
