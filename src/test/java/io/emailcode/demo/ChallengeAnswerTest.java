package io.emailcode.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ChallengeAnswerTest {

    private static ChallengeAnswer answer(int status, String json) throws IOException {
        return new ChallengeAnswer(status, new ObjectMapper().readTree(json));
    }

    @Test
    void theCodeSentAsksOnlyForTheCodeAndCarriesTheAuthSession() throws IOException {
        ChallengeAnswer sent = answer(403, "{\"error\":\"insufficient_authorization\",\"auth_session\":\"s-1\"}");
        assertNull(sent.problem());
        assertEquals("s-1", sent.authSession());
        assertNull(sent.authorizationCode());
    }

    @Test
    void eachCodeErrorIsASentenceAndTheCooldownSaysHowLongToWait() throws IOException {
        String session = "{\"error\":\"insufficient_authorization\",\"auth_session\":\"s-1\",";
        assertEquals("That code is not right. Check the email and type it again.",
                answer(403, session + "\"email_code_error\":\"invalid_code\"}").problem());
        assertEquals("That code has expired. Ask for a new code.",
                answer(403, session + "\"email_code_error\":\"expired_code\"}").problem());
        assertEquals("That code was typed wrong too many times. Ask for a new code.",
                answer(403, session + "\"email_code_error\":\"attempts_exhausted\"}").problem());
        assertEquals("A new code can be sent in 27 seconds.",
                answer(403, session + "\"email_code_error\":\"resend_cooldown\",\"retry_after\":27}").problem());
    }

    @Test
    void refusalsThatEndTheSignInHaveNoAuthSessionAndSaySoPlainly() throws IOException {
        ChallengeAnswer unavailable = answer(503, "{\"error\":\"temporarily_unavailable\"}");
        assertNull(unavailable.authSession());
        assertEquals("Signing in is not possible right now. Try again in a few minutes.", unavailable.problem());
        assertEquals("Too many codes were asked for. Try again later.", answer(400, "{\"error\":\"slow_down\"}").problem());
        assertEquals("This sign-in has ended. Start again with your email address.",
                answer(400, "{\"error\":\"invalid_session\"}").problem());
        assertEquals("Keycloak refused the sign-in (HTTP 500).", answer(500, "{}").problem());
    }

    @Test
    void theRightCodeCarriesTheAuthorizationCode() throws IOException {
        assertEquals("c-1", answer(200, "{\"authorization_code\":\"c-1\"}").authorizationCode());
    }

    @Test
    void theAppsOwnFormsEscapeTheAddressAndTheAnswer() throws IOException {
        ChallengeAnswer sent = answer(403, "{\"error\":\"insufficient_authorization\",\"auth_session\":\"<s>\"}");
        String code = Pages.appCode("<b>x</b>@example.com", null, sent);
        assertFalse(code.contains("<b>") || code.contains("<s>"), code);
        assertTrue(code.contains("&lt;b&gt;x&lt;/b&gt;@example.com"), code);
        String address = Pages.appAddress("\"><script>", answer(400, "{\"error\":\"invalid_request\"}"));
        assertFalse(address.contains("<script>"), address);
    }
}
