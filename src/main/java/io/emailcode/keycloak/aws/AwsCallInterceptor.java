package io.emailcode.keycloak.aws;

import java.time.Duration;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/**
 * Reports each API call of one SDK client to an {@link AwsCallListener}: measured inside the provider, where the
 * calls are made, so counts are facts rather than estimates and include calls that never reached the network.
 * One call is one execution of the SDK (its retries are attempts of that call).
 */
final class AwsCallInterceptor implements ExecutionInterceptor {

    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("io.emailcode.callStarted");
    private static final ExecutionAttribute<Integer> ATTEMPTS = new ExecutionAttribute<>("io.emailcode.callAttempts");
    private static final int TOO_MANY_REQUESTS = 429;

    private final AwsCallListener listener;

    AwsCallInterceptor(AwsCallListener listener) {
        this.listener = listener;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        attributes.putAttribute(ATTEMPTS, 0);
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Integer attempts = attributes.getAttribute(ATTEMPTS);
        attributes.putAttribute(ATTEMPTS, attempts == null ? 1 : attempts + 1);
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        report(attributes, AwsCall.Outcome.SUCCESS);
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        report(attributes, outcome(context.exception()));
    }

    static AwsCall.Outcome outcome(Throwable failure) {
        if (failure instanceof AwsServiceException service && service.statusCode() / 100 == 4
                && service.statusCode() != TOO_MANY_REQUESTS && !service.isThrottlingException()) {
            return AwsCall.Outcome.REJECTED;
        }
        return AwsCall.Outcome.FAILED;
    }

    /** The SDK's service name in lower case; SES's v2 API ({@code SESv2}) is SES to an operator: its IAM actions and quotas are SES's. */
    static String serviceLabel(String sdkServiceName) {
        if (sdkServiceName == null) {
            return "unknown";
        }
        String service = sdkServiceName.toLowerCase(Locale.ROOT);
        return service.equals("sesv2") ? "ses" : service;
    }

    private void report(ExecutionAttributes attributes, AwsCall.Outcome outcome) {
        Long started = attributes.getAttribute(STARTED);
        Integer attempts = attributes.getAttribute(ATTEMPTS);
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        try {
            listener.called(new AwsCall(serviceLabel(service),
                    operation == null ? "unknown" : operation, outcome,
                    Duration.ofNanos(started == null ? 0 : System.nanoTime() - started), attempts == null ? 0 : attempts));
        } catch (RuntimeException e) {
            // Counting must never change what a call returns.
        }
    }
}
