package io.emailcode.keycloak.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.emailcode.stack.CountingProxy;
import io.emailcode.stack.LocalStack;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything of the shared stack a system test may change, so that {@link RealStack} can put it back: the settings
 * of both flows' "Email code" steps, the settings of the required actions the product delivers by code, the
 * product's realm settings and its "Amazon Cognito" provider (name, switch, settings), the realm's own flags and
 * event listeners, its user
 * profile, Keycloak's clock and the proxies in front of AWS (up, no added latency). {@link RealStack} takes one before
 * each class and each test and restores it after them, so a test starts from what its class set up, and a class from
 * what the stack had; no test depends on the order they run in.
 */
record StackState(Map<String, String> browserStep, Map<String, String> secondFactorStep,
                  Map<String, String> verifyEmail, Map<String, String> settings, JsonNode cognitoProvider, JsonNode realm,
                  JsonNode userProfile) {

    static final String VERIFY_EMAIL = "VERIFY_EMAIL";

    static StackState of(DemoRealm demo) {
        RealmAdmin admin = demo.admin();
        return new StackState(admin.stepConfig(DemoRealm.FLOW), admin.stepConfig(DemoRealm.SECOND_FACTOR_FLOW),
                admin.requiredActionConfig(VERIFY_EMAIL), admin.realmSettings(), admin.cognitoProvider(), admin.realm(),
                admin.userProfile());
    }

    /** Puts this state back, changing only what differs from it. */
    void restore(LocalStack stack, DemoRealm demo) {
        for (CountingProxy proxy : List.of(stack.dynamodbProxy(), stack.sesProxy(), stack.cognitoProxy())) {
            proxy.setDown(false);
            proxy.setLatency(Duration.ZERO);
        }
        demo.time().reset();
        RealmAdmin admin = demo.admin();
        if (!browserStep.equals(admin.stepConfig(DemoRealm.FLOW))) {
            admin.replaceStepConfig(DemoRealm.FLOW, browserStep);
        }
        if (!secondFactorStep.equals(admin.stepConfig(DemoRealm.SECOND_FACTOR_FLOW))) {
            admin.replaceStepConfig(DemoRealm.SECOND_FACTOR_FLOW, secondFactorStep);
        }
        if (!verifyEmail.equals(admin.requiredActionConfig(VERIFY_EMAIL))) {
            admin.replaceRequiredActionConfig(VERIFY_EMAIL, verifyEmail);
        }
        admin.restoreComponent(cognitoProvider);
        if (!settings.equals(admin.realmSettings())) {
            admin.updateRealmSettings(settings);
        }
        ObjectNode realmChanges = changedFlags(admin.realm());
        if (!realmChanges.isEmpty()) {
            admin.updateRealm(realmChanges);
        }
        if (!userProfile.equals(admin.userProfile())) {
            admin.replaceUserProfile(userProfile);
        }
    }

    /** The realm's flags and lists of values (event listeners, say) that differ now, with their values before. */
    private ObjectNode changedFlags(JsonNode now) {
        ObjectNode changes = RealmAdmin.JSON.createObjectNode();
        for (Iterator<Map.Entry<String, JsonNode>> fields = realm.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode before = field.getValue();
            boolean flag = before.isValueNode() || before.isArray() && allValues(before);
            if (flag && !Objects.equals(before, now.get(field.getKey()))) {
                changes.set(field.getKey(), before);
            }
        }
        return changes;
    }

    private static boolean allValues(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isValueNode()) {
                return false;
            }
        }
        return true;
    }
}
