package io.emailcode.keycloak.aws.ses;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;

/** An SES (v2 API) client that answers SendEmail from a function and remembers every request; nothing else works. */
public final class FakeSesClient {

    private final List<SendEmailRequest> requests = new ArrayList<>();
    private final SesV2Client client;

    private FakeSesClient(Function<SendEmailRequest, SendEmailResponse> answer) {
        this.client = (SesV2Client) Proxy.newProxyInstance(SesV2Client.class.getClassLoader(),
                new Class<?>[] {SesV2Client.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "sendEmail" -> {
                        if (!(args[0] instanceof SendEmailRequest request)) {
                            throw new UnsupportedOperationException("sendEmail(Consumer)");
                        }
                        requests.add(request);
                        yield answer.apply(request);
                    }
                    case "close" -> null;
                    case "serviceName" -> SesV2Client.SERVICE_NAME;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    public static FakeSesClient accepting(String messageId) {
        return new FakeSesClient(request -> SendEmailResponse.builder().messageId(messageId).build());
    }

    public static FakeSesClient failingWith(RuntimeException failure) {
        return new FakeSesClient(request -> {
            throw failure;
        });
    }

    public SesV2Client client() {
        return client;
    }

    public List<SendEmailRequest> requests() {
        return requests;
    }
}
