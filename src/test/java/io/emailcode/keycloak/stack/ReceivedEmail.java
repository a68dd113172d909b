package io.emailcode.keycloak.stack;

import java.util.List;

/** An email as the SES emulator received it. */
public record ReceivedEmail(String messageId, String from, List<String> replyTo, String to, String subject,
                            String text, String html, long at) {
}
