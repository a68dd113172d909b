package io.emailcode.keycloak.system;

import io.emailcode.stack.SesEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * People signing in one after another on a few threads, each thread with addresses of its own: open the app's
 * sign-in, type the address, wait for the email, type the code, and exchange the authorization code for tokens.
 * Each attempt ends as a success, a failure the person saw explained on a page (a Keycloak or product message,
 * status below 500), or a loss (a 5xx, a broken connection, an email that never came, a page that explains
 * nothing); losses are kept with what happened.
 */
final class SignInStream implements AutoCloseable {

    private static final Duration MAIL_WAIT = Duration.ofSeconds(30);
    private static final Duration STOP_WAIT = Duration.ofSeconds(90);
    private static final Pattern SIX_DIGITS = Pattern.compile("\\b(\\d{6})\\b");
    /** Where keycloak.v2 (and so the email-code theme) shows a message to the person. */
    private static final String MESSAGE_ON_PAGE = "kc-feedback-text";

    private final DemoRealm realm;
    private final SesEmulator ses;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger attempted = new AtomicInteger();
    private final AtomicInteger succeeded = new AtomicInteger();
    private final AtomicInteger failedWithPage = new AtomicInteger();
    private final ConcurrentLinkedQueue<String> losses = new ConcurrentLinkedQueue<>();
    private final List<Thread> threads;

    /** @param addressesPerThread for each thread, the addresses (of existing accounts) it signs in with in turn */
    SignInStream(DemoRealm realm, SesEmulator ses, List<List<String>> addressesPerThread) {
        this.realm = realm;
        this.ses = ses;
        this.threads = addressesPerThread.stream().map(a -> new Thread(() -> run(a), "sign-in-stream")).toList();
        threads.forEach(Thread::start);
    }

    record Figures(int attempted, int succeeded, int failedWithPage, List<String> losses) {
        @Override
        public String toString() {
            return "attempted " + attempted + ", succeeded " + succeeded + ", failed with a page " + failedWithPage
                    + ", lost " + losses.size();
        }
    }

    /** Lets every started attempt finish, then stops. */
    Figures stop() {
        running.set(false);
        for (Thread thread : threads) {
            try {
                thread.join(STOP_WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new Figures(attempted.get(), succeeded.get(), failedWithPage.get(), List.copyOf(losses));
    }

    @Override
    public void close() {
        running.set(false);
    }

    private void run(List<String> addresses) {
        for (int i = 0; running.get(); i++) {
            String email = addresses.get(i % addresses.size());
            attempted.incrementAndGet();
            try {
                Optional<String> failure = signIn(email);
                if (failure.isEmpty()) {
                    succeeded.incrementAndGet();
                } else {
                    failedWithPage.incrementAndGet();
                    System.out.println("Sign-in failed with a page: " + failure.get());
                }
            } catch (RuntimeException | AssertionError e) {
                losses.add(Instant.now() + " " + email + ": " + e);
            }
        }
    }

    /** Empty when the person got tokens; otherwise the message the page showed. Throws for a loss. */
    private Optional<String> signIn(String email) {
        LoginBrowser browser = realm.browser();
        long before = emailsTo(email);
        LoginBrowser.Page page = browser.openLogin();
        if (page.status() != 200) {
            return explained(page, "opening the sign-in");
        }
        page = browser.submitEmail(email);
        // The first-factor code page shows the address as the person typed it.
        if (page.status() != 200 || !page.shows(email)) {
            return explained(page, "submitting the address");
        }
        page = browser.submitCode(awaitNewCode(email, before));
        if (page.status() != 302) {
            return explained(page, "submitting the code");
        }
        String tokens = browser.exchangeCode(browser.authorizationCode());
        if (!tokens.contains("\"access_token\"")) {
            throw new AssertionError("no access token: " + tokens);
        }
        return Optional.empty();
    }

    private static Optional<String> explained(LoginBrowser.Page page, String step) {
        if (page.status() < 500 && page.shows(MESSAGE_ON_PAGE)) {
            return Optional.of(step + ": HTTP " + page.status() + " " + message(page.html()));
        }
        throw new AssertionError(step + ": HTTP " + page.status() + " without a message for the person: " + page.html());
    }

    private static String message(String html) {
        int at = html.indexOf(MESSAGE_ON_PAGE);
        int start = html.indexOf('>', at) + 1;
        return html.substring(start, Math.max(start, html.indexOf('<', start))).strip();
    }

    private String awaitNewCode(String email, long emailsBefore) {
        String text = Await.value("a new code for " + email, MAIL_WAIT, () -> {
            List<io.emailcode.stack.ReceivedEmail> mails = ses.inbox().stream().filter(m -> m.isAddressedTo(email)).toList();
            return mails.size() > emailsBefore ? Optional.of(mails.get(mails.size() - 1).text()) : Optional.empty();
        });
        Matcher code = SIX_DIGITS.matcher(text);
        if (!code.find()) {
            throw new AssertionError("no code in the email to " + email);
        }
        return realm.seenCodes().add(code.group(1));
    }

    private long emailsTo(String email) {
        return ses.inbox().stream().filter(m -> m.isAddressedTo(email)).count();
    }
}
