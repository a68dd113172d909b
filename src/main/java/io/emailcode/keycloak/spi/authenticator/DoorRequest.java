package io.emailcode.keycloak.spi.authenticator;

import io.emailcode.keycloak.code.AbuseLimits;
import io.emailcode.keycloak.code.OneTimeCodes;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.CodeEngine;
import jakarta.ws.rs.core.MultivaluedMap;

/** One request at a door, ready to go: the engine decides, the door's applier carries the decision out. */
record DoorRequest(CodeEngine engine, Attempt attempt, OneTimeCodes.Policy policy, AbuseLimits abuse,
                   OutcomeApplier applier) {

    /** @param resend the person pressed "send a new code" */
    void requestCode(boolean resend) {
        applier.apply(engine.request(attempt, policy, abuse, resend));
    }

    void verify(String typed) {
        applier.apply(engine.verify(attempt, policy, typed));
    }

    /** The code page's form: it asks for a new code ({@link CodePage#asksForANewCode}), or else brings one to check. */
    void submitted(MultivaluedMap<String, String> form) {
        if (CodePage.asksForANewCode(form)) {
            requestCode(true);
        } else {
            verify(form.getFirst(CodePage.FIELD_CODE));
        }
    }
}
