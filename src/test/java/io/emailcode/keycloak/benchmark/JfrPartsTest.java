package io.emailcode.keycloak.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class JfrPartsTest {

    private static final String PRINTED = """
            jdk.ExecutionSample {
              stackTrace = [
                sun.nio.ch.SocketDispatcher.write0() line: 1
                io.emailcode.keycloak.shaded.software.amazon.awssdk.core.Client.execute() line: 2
                io.emailcode.keycloak.spi.authenticator.CodeMailer.send() line: 3
              ]
            }
            jdk.ExecutionSample {
              stackTrace = [
                freemarker.core.Environment.process() line: 1
                org.keycloak.email.freemarker.FreeMarkerEmailTemplateProvider.send() line: 2
                io.emailcode.keycloak.spi.authenticator.CodeMailer.send() line: 3
              ]
            }
            jdk.ExecutionSample {
              stackTrace = [
                freemarker.core.Environment.process() line: 1
                org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider.createForm() line: 2
                io.emailcode.keycloak.spi.authenticator.CodePage.show() line: 3
                io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticator.authenticate(AuthenticationFlowContext) line: 4
              ]
            }
            jdk.ExecutionSample {
              stackTrace = [
                javax.crypto.Mac.doFinal() line: 1
                io.emailcode.keycloak.code.CodeHasher.hmac(byte[]) line: 2
                io.emailcode.keycloak.spi.authenticator.EmailCodeAuthenticator.action(AuthenticationFlowContext) line: 3
              ]
            }
            jdk.ExecutionSample {
              stackTrace = [
                freemarker.core.Environment.process() line: 1
                org.keycloak.forms.login.freemarker.FreeMarkerLoginFormsProvider.createLoginUsername() line: 2
                io.emailcode.keycloak.spi.authenticator.EmailAddressForm.authenticate() line: 3
              ]
            }
            jdk.ExecutionSample {
              stackTrace = [
                org.hibernate.Session.find() line: 1
                org.keycloak.services.resources.LoginActionsService.authenticate() line: 2
              ]
            }
            """;

    @Test
    void everySampleGoesToExactlyOnePartTheFirstWhoseFramesItHas() throws IOException {
        JfrParts parts = JfrParts.parse(new BufferedReader(new StringReader(PRINTED)));

        assertEquals(6, parts.samples());
        assertEquals(1, parts.parts().get(JfrParts.AWS_SDK), "the SDK's frames win over the email that sends through them");
        assertEquals(1, parts.parts().get(JfrParts.EMAIL_TEMPLATE));
        assertEquals(0, parts.parts().get(JfrParts.EMAIL_OTHER));
        assertEquals(1, parts.parts().get(JfrParts.CODE_PAGE));
        assertEquals(1, parts.parts().get(JfrParts.ADDRESS_PAGE), "the address page is the Username Form's page, called by our form");
        assertEquals(1, parts.parts().get(JfrParts.PROVIDER));
        assertEquals(1, parts.parts().get(JfrParts.KEYCLOAK));
    }

    @Test
    void aPartCostsItsShareOfTheCpuPerSignIn() throws IOException {
        JfrParts parts = JfrParts.parse(new BufferedReader(new StringReader(PRINTED)));

        assertEquals(3.0, parts.perSignIn(JfrParts.AWS_SDK, 18.0), 1e-9);
    }
}
