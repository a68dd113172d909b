package io.emailcode.keycloak.aws.dynamodb;

import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Placeholders for one DynamoDB request's expressions, built from the attribute constants: every attribute name
 * goes through {@link #name} and every value through {@link #value}, so no name is typed twice and no value is
 * ever spliced into an expression.
 */
final class Expression {

    private final Map<String, String> names = new HashMap<>();
    private final Map<String, AttributeValue> values = new HashMap<>();

    /** A placeholder for an attribute name (or a map key such as a code hash). */
    String name(String attribute) {
        String placeholder = "#n" + names.size();
        for (Map.Entry<String, String> known : names.entrySet()) {
            if (known.getValue().equals(attribute)) {
                return known.getKey();
            }
        }
        names.put(placeholder, attribute);
        return placeholder;
    }

    /** A placeholder for a value. */
    String value(AttributeValue value) {
        String placeholder = ":v" + values.size();
        values.put(placeholder, value);
        return placeholder;
    }

    String number(long value) {
        return value(Attributes.n(value));
    }

    String string(String value) {
        return value(Attributes.s(value));
    }

    /** {@code attribute_not_exists(a) OR a <op> value}: a condition that holds for items that never had the attribute. */
    String absentOr(String attribute, String operator, String valuePlaceholder) {
        String a = name(attribute);
        return "(attribute_not_exists(" + a + ") OR " + a + " " + operator + " " + valuePlaceholder + ")";
    }

    Map<String, String> names() {
        return Map.copyOf(names);
    }

    Map<String, AttributeValue> values() {
        return Map.copyOf(values);
    }
}
