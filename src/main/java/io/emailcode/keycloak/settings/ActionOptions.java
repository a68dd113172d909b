package io.emailcode.keycloak.settings;

import java.util.List;
import java.util.Map;

/**
 * The product's settings of a Keycloak required action it delivers by code (Authentication, Required actions, the
 * action's settings), beside Keycloak's own settings of that action.
 */
public final class ActionOptions {

    public static final ChoiceOption<ActionDelivery> DELIVER = new ChoiceOption<>("email-code.deliver", "Deliver",
            "LINK: Keycloak's own email with a link. CODE: a code is emailed to the address and typed on a page in the "
                    + "same browser, with the budgets, cooldown and failure cap of the Email code step.",
            ActionDelivery.class, ActionDelivery.LINK);

    public static final List<Option<?>> ALL = List.of(DELIVER);

    private ActionOptions() {
    }

    /** How the action is delivered, from its saved settings; {@code null} or empty means Keycloak's link. */
    public static Parsed<ActionDelivery> read(Map<String, String> saved) {
        SavedValues values = new SavedValues(saved);
        return values.result(values.get(DELIVER));
    }
}
