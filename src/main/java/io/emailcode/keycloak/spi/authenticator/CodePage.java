package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.CodeAlphabet;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.Door;
import io.emailcode.keycloak.flow.Notice;
import io.emailcode.keycloak.settings.StepSettings;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.keycloak.common.util.Time;
import org.keycloak.forms.login.LoginFormsProvider;
import org.keycloak.models.utils.FormMessage;
import org.keycloak.sessions.AuthenticationSessionModel;

/**
 * The code-entry page ({@code login-email-code.ftl}) with at most one message. It shows the address the code went
 * to (as typed when the person typed it, masked when they typed a username), how long codes are valid, and when a
 * new code can be requested; durations appear as {@code m:ss}, which reads right in every language.
 */
final class CodePage implements DoorPage {

    static final String TEMPLATE = "login-email-code.ftl";
    static final String FIELD_CODE = "code";
    static final String FIELD_RESEND = "resend";
    /** When this login was last given a code, in Keycloak's epoch seconds: the start of the resend countdown. */
    static final String NOTE_ISSUED_AT = "email-code.issued-at";

    private final Supplier<LoginFormsProvider> forms;
    private final AuthenticationSessionModel login;
    private final Attempt attempt;
    private final StepSettings settings;
    /** A page right after its code shows the whole cooldown, however long the request took to get here. */
    private boolean justIssued;

    /**
     * @param forms the door's login forms (they post back to the door)
     * @param login the login or action the page belongs to
     */
    CodePage(Supplier<LoginFormsProvider> forms, AuthenticationSessionModel login, Attempt attempt, StepSettings settings) {
        this.forms = forms;
        this.login = login;
        this.attempt = attempt;
        this.settings = settings;
    }

    /** The page's form was sent with "Send a new code". */
    static boolean asksForANewCode(MultivaluedMap<String, String> form) {
        return form.containsKey(FIELD_RESEND);
    }

    @Override
    public void codeIssued() {
        login.setAuthNote(NOTE_ISSUED_AT, Long.toString(Time.currentTime()));
        justIssued = true;
    }

    @Override
    public Response show(Optional<Notice> notice) {
        LoginFormsProvider form = base(resendWait(notice));
        notice.ifPresent(n -> {
            Object[] parameters = n.parameters().stream().map(CodePage::shown).toArray();
            switch (n.kind()) {
                case INFO -> form.setInfo(n.key(), parameters);
                case ERROR -> form.setError(n.key(), parameters);
                case FIELD_ERROR -> form.addError(new FormMessage(FIELD_CODE, n.key(), parameters));
            }
        });
        return form.createForm(TEMPLATE);
    }

    private LoginFormsProvider base(Duration resendWait) {
        return forms.get()
                .setAttribute("emailCodePurpose", attempt.door().purpose())
                .setAttribute("emailShown", shownAddress())
                .setAttribute("codeLength", settings.codeLength())
                .setAttribute("numericCode", settings.alphabet() == CodeAlphabet.DIGITS)
                .setAttribute("codeSymbols", settings.alphabet().symbols())
                .setAttribute("validityMinutes", settings.validityMinutes())
                .setAttribute("resendWaitSeconds", resendWait.toSeconds())
                .setAttribute("resendWait", clock(resendWait));
    }

    /**
     * What the person typed is shown back whole, hiding nothing: the first-factor address form's address, or the new
     * address of an address change. Anyone else (a username and password before this step) sees the account's
     * address masked.
     */
    private String shownAddress() {
        String typed = login.getAuthNote(EmailAddressForm.NOTE_TYPED_ADDRESS);
        boolean typedHere = attempt.door() == Door.UPDATE_EMAIL || attempt.address().equals(typed);
        return typedHere ? attempt.address() : attempt.masked();
    }

    /** What a notice says about the wait, or else what is left of the cooldown since this login's last code. */
    private Duration resendWait(Optional<Notice> notice) {
        Optional<Duration> told = notice.flatMap(n -> n.parameters().stream()
                .filter(Duration.class::isInstance).map(Duration.class::cast).findFirst());
        if (told.isPresent()) {
            return told.get();
        }
        if (justIssued) {
            return settings.resendCooldown();
        }
        String issuedAt = login.getAuthNote(NOTE_ISSUED_AT);
        if (issuedAt == null) {
            return Duration.ZERO;
        }
        long left = Long.parseLong(issuedAt) + settings.resendCooldown().toSeconds() - Time.currentTime();
        return Duration.ofSeconds(Math.max(0, left));
    }

    private static Object shown(Object parameter) {
        return parameter instanceof Duration duration ? clock(duration) : parameter;
    }

    /** {@code 0:45}, {@code 5:00}: no counted noun, so no plural forms for MessageFormat to get wrong. */
    static String clock(Duration duration) {
        long seconds = Math.max(0, duration.toSeconds());
        return seconds / 60 + ":" + String.format("%02d", seconds % 60);
    }
}
