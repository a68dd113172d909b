package io.emailcode.demo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PagesTest {

    @Test
    void claimsAndMessagesAreEscaped() throws Exception {
        DemoSession session = new DemoSession("s", Instant.EPOCH);
        session.signedIn(new TokenSet("a", "i", "r", Instant.EPOCH, new ObjectMapper().readTree(
                "{\"email\":\"a@example.com\",\"name\":\"<script>alert('x')</script>\",\"sub\":\"\\\"><img>\"}")), null);
        session.show("<b>notice</b>", "{\"x\":\"</pre><script>\"}");
        String html = Pages.signedIn(session);
        assertFalse(html.contains("<script>"), html);
        assertFalse(html.contains("<img>"), html);
        assertFalse(html.contains("<b>notice"), html);
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"), html);
        assertFalse(Pages.error("<i>x</i>").contains("<i>"));
    }
}
