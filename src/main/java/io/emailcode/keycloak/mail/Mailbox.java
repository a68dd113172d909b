package io.emailcode.keycloak.mail;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;


/**
 * An address with an optional display name, rendered as an RFC 5322 {@code name-addr} for SES's
 * {@code Source} and {@code ReplyToAddresses}. SES requires non-ASCII display names as RFC 2047
 * encoded-words; plain ASCII names are kept readable.
 */
public record Mailbox(MailAddress address, Optional<String> displayName) {

    // Encoded-words are limited to 75 characters; "=?UTF-8?B?" + "?=" leave 63, i.e. 45 bytes of base64 input.
    private static final int MAX_BYTES_PER_WORD = 45;
    private static final Pattern ATOMS = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+");

    public Mailbox {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(displayName, "displayName");
    }

    /**
     * @param displayName blank or null means none
     * @param role        the settings field, for the error message, e.g. {@code fromDisplayName}
     */
    public static Mailbox of(MailAddress address, String displayName, String role) throws MailException {
        if (displayName == null || displayName.isBlank()) {
            return new Mailbox(address, Optional.empty());
        }
        if (MailAddress.hasControlCharacter(displayName)) {
            throw new MailException("The " + role + " contains line breaks or control characters");
        }
        return new Mailbox(address, Optional.of(displayName.strip()));
    }

    /** E.g. {@code Example <noreply@example.com>} or {@code =?UTF-8?B?Wm/Dqw==?= <noreply@example.com>}. */
    public String headerValue() {
        return displayName.map(name -> phrase(name) + " <" + address.value() + ">").orElse(address.value());
    }

    private static String phrase(String name) {
        if (ATOMS.matcher(name).matches()) {
            return name;
        }
        if (name.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
            return "\"" + name.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        }
        return encodedWords(name);
    }

    /** RFC 2047 "B" encoding, split on character boundaries so no word carries half a UTF-8 sequence. */
    static String encodedWords(String text) {
        StringBuilder words = new StringBuilder();
        StringBuilder chunk = new StringBuilder();
        int chunkBytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            int bytes = character.getBytes(StandardCharsets.UTF_8).length;
            if (chunkBytes + bytes > MAX_BYTES_PER_WORD) {
                appendWord(words, chunk);
                chunk.setLength(0);
                chunkBytes = 0;
            }
            chunk.append(character);
            chunkBytes += bytes;
            i += Character.charCount(codePoint);
        }
        appendWord(words, chunk);
        return words.toString();
    }

    private static void appendWord(StringBuilder words, CharSequence chunk) {
        if (!words.isEmpty()) {
            words.append(' ');
        }
        words.append("=?UTF-8?B?")
                .append(Base64.getEncoder().encodeToString(chunk.toString().getBytes(StandardCharsets.UTF_8)))
                .append("?=");
    }
}
