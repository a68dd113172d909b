package io.emailcode.keycloak.system;

/** Pages as an observer compares them: the address and per-request tokens taken out. */
final class Pages {

    private Pages() {
    }

    static String normalised(LoginBrowser.Page page, String email) {
        return page.status() + "\n" + page.html().replace(email, "ADDRESS").replace(email.toLowerCase(), "ADDRESS")
                .replace(DemoRealm.masked(email), "MASKED")
                .replaceAll("(session_code|execution|tab_id|client_data)=[^&\"]+", "$1=X")
                .replaceAll("nonce=\"[^\"]+\"", "nonce=\"X\"");
    }

    /**
     * As {@link #normalised}, and the resend countdown taken out too: on a page some time after the login's code
     * it counts the seconds since then, which is the observer's own pace, the same for every address.
     */
    static String normalisedWithoutCountdown(LoginBrowser.Page page, String email) {
        return normalised(page, email).replaceAll("data-seconds=\"\\d+\"", "data-seconds=\"X\"")
                .replaceAll("\\d+:\\d\\d", "M:SS");
    }
}
