package io.emailcode.demo;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One answer of the authorization challenge endpoint, and what the app's own screen tells the person about it. Until
 * the code is right the answer is {@code 403 insufficient_authorization} with the {@code auth_session}; what went wrong
 * with a typed code is in {@code email_code_error}; a refusal that no code mends has no {@code auth_session}.
 */
record ChallengeAnswer(int status, JsonNode body) {

    /** The authorization code to redeem at the token endpoint, once the code was right; otherwise null. */
    String authorizationCode() {
        return body.path("authorization_code").asText(null);
    }

    /** The auth_session to continue with, or null when this sign-in cannot go on. */
    String authSession() {
        return body.path("auth_session").asText(null);
    }

    /** What went wrong, in the person's words, or null when the answer only asks for the code. */
    String problem() {
        long retryAfter = body.path("retry_after").asLong(0);
        return switch (body.path("email_code_error").asText("")) {
            case "invalid_code" -> "That code is not right. Check the email and type it again.";
            case "expired_code" -> "That code has expired. Ask for a new code.";
            case "attempts_exhausted" -> "That code was typed wrong too many times. Ask for a new code.";
            case "no_code" -> "There is no code to check. Ask for a new code.";
            case "resend_cooldown" -> "A new code can be sent in " + retryAfter + " seconds.";
            default -> refusal(retryAfter);
        };
    }

    private String refusal(long retryAfter) {
        String error = body.path("error").asText("");
        return switch (error) {
            case "insufficient_authorization" -> null;
            case "slow_down" -> "Too many codes were asked for. Try again "
                    + (retryAfter > 0 ? "in " + retryAfter + " seconds." : "later.");
            case "temporarily_unavailable" -> "Signing in is not possible right now. Try again in a few minutes.";
            case "redirect_to_web" -> "Your account has a step to finish in the browser: use \"Sign in\" on the home page.";
            case "invalid_session" -> "This sign-in has ended. Start again with your email address.";
            case "access_denied" -> "This address cannot sign in here.";
            default -> "Keycloak refused the sign-in (HTTP " + status + (error.isEmpty() ? "" : " " + error) + ").";
        };
    }

    /** The raw answer, for developers reading the demo: status and JSON. */
    String asShown() {
        return "HTTP " + status + "\n" + body.toPrettyString();
    }
}
