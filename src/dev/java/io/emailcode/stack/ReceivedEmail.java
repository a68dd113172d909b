package io.emailcode.stack;

import java.time.Instant;
import java.util.List;

/**
 * One email as the SES emulator stored it. Header values are as the sender passed them to SES: {@code from}
 * and {@code replyTo} keep RFC 2047 encoded-words, the emulator does not decode them.
 *
 * @param text null when the email had no text body
 * @param html null when the email had no HTML body
 */
public record ReceivedEmail(String messageId, String from, List<String> replyTo, List<String> to, List<String> cc,
                            List<String> bcc, String subject, String text, String html, Instant sentAt) {

    public ReceivedEmail {
        replyTo = List.copyOf(replyTo);
        to = List.copyOf(to);
        cc = List.copyOf(cc);
        bcc = List.copyOf(bcc);
    }

    public boolean isAddressedTo(String address) {
        return to.stream().anyMatch(address::equalsIgnoreCase);
    }
}
