package io.emailcode.keycloak.aws.cognito;

import io.emailcode.keycloak.mirror.CallPace;
import io.emailcode.keycloak.mirror.MirrorException;
import io.emailcode.keycloak.aws.AwsErrors;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.LimitExceededException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.TooManyRequestsException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UserNotFoundException;
import software.amazon.awssdk.services.cognitoidentityprovider.model.UsernameExistsException;

/**
 * Runs one Cognito call and turns SDK failures into {@link MirrorException}: throttling, server errors and
 * anything that never got an answer (connection refused, timeouts) are retryable; client errors such as a
 * missing pool or a refused permission are permanent. The message carries AWS's error code, not the SDK's
 * message, which may echo attribute values. Outcomes the caller handles pass through untouched.
 */
final class CognitoCalls {

    private final String userPoolId;
    private final CallPace pace;

    /** @param pace every call first waits for its slot */
    CognitoCalls(String userPoolId, CallPace pace) {
        this.userPoolId = userPoolId;
        this.pace = pace;
    }

    <T> T call(String operation, Supplier<T> call) {
        pace.acquire();
        try {
            return call.get();
        } catch (UserNotFoundException | UsernameExistsException e) {
            throw e;
        } catch (TooManyRequestsException | LimitExceededException | InternalErrorException e) {
            throw failure(operation, code(e), true, e);
        } catch (AwsServiceException e) {
            throw failure(operation, code(e), e.statusCode() >= 500 || e.isThrottlingException(), e);
        } catch (SdkException e) {
            throw failure(operation, e.getClass().getSimpleName(), true, e);
        }
    }

    private MirrorException failure(String operation, String code, boolean retryable, Exception cause) {
        return new MirrorException("Cognito " + operation + " on user pool " + userPoolId + " failed: " + code
                + (retryable ? " (retryable)" : " (permanent)"), retryable, cause);
    }

    private static String code(AwsServiceException e) {
        return AwsErrors.code(e) + " (HTTP " + e.statusCode() + ")";
    }
}
