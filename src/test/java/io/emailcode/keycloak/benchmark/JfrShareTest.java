package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JfrShareTest {

    private static final String PRINTED = """
            jdk.ExecutionSample {
              stackTrace = [
                javax.crypto.Mac.doFinal() line: 1
                io.emailcode.keycloak.code.CodeHasher.hmac(byte[]) line: 2
                io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticator.action(AuthenticationFlowContext) line: 3
                org.keycloak.services.resources.LoginActionsService.authenticate() line: 4
              ]
            }
            jdk.ExecutionSample {
              stackTrace = [
                java.math.BigInteger.modPow(BigInteger, BigInteger) line: 1
                org.keycloak.crypto.AsymmetricSignatureSignerContext.sign(byte[]) line: 2
                org.keycloak.protocol.oidc.endpoints.TokenEndpoint.processGrantRequest() line: 3
              ]
            }
            jdk.ExecutionSample {
              stackTrace = [
                freemarker.core.Environment.process() line: 1
                org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider.createForm() line: 2
                io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticator.authenticate(AuthenticationFlowContext) line: 3
                ...
              ]
            }
            """;

    @Test
    void aSampleIsTheProvidersWhenItsNearestFrameOutsideTheJdkIsUnderOurPackage() throws IOException {
        JfrShare share = JfrShare.parse(new BufferedReader(new StringReader(PRINTED)));

        assertEquals(3, share.samples());
        assertEquals(1, share.providerSelf(), "HMAC inside our hasher is ours; FreeMarker called by our step is Keycloak's");
        assertEquals(2, share.providerInclusive());
        assertEquals("io.emailcode.keycloak.code.CodeHasher.hmac", share.topProviderFrames().get(0).getKey());
    }

    @Test
    void partsCountEverySampleWithTheirFrameAnywhereOnTheStack() throws IOException {
        JfrShare share = JfrShare.parse(new BufferedReader(new StringReader(PRINTED)));

        assertEquals(2, share.parts().get("the provider's step"));
        assertEquals(1, share.parts().get("RSA signatures (tokens)"));
        assertEquals(1, share.parts().get("token endpoint (Keycloak)"));
        assertEquals(1, share.parts().get("page rendering (FreeMarker)"));
        assertEquals(0, share.parts().get("the AWS SDK (shaded)"));
    }
}
