package io.emailcode.keycloak.settings;

import java.util.Arrays;
import java.util.List;

/**
 * A whole number within a range. Offered in the console either as a list of typical values (the range runs
 * from the first to the last of them, so the list and the parser agree) or as free entry.
 */
public final class IntOption extends Option<Integer> {

    private final int min;
    private final int max;
    private final List<String> choices;

    private IntOption(String key, String label, String help, int defaultValue, int min, int max, List<String> choices) {
        super(key, label, help, defaultValue);
        if (min > max || defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException(key + ": default " + defaultValue + " outside " + min + ".." + max);
        }
        this.min = min;
        this.max = max;
        this.choices = choices;
    }

    /** Offered as a list; any whole number between the first and the last choice is accepted. */
    public static IntOption oneOf(String key, String label, String help, int defaultValue, int... choices) {
        int[] sorted = choices.clone();
        Arrays.sort(sorted);
        return new IntOption(key, label, help, defaultValue, sorted[0], sorted[sorted.length - 1],
                Arrays.stream(sorted).mapToObj(Integer::toString).toList());
    }

    public static IntOption range(String key, String label, String help, int defaultValue, int min, int max) {
        return new IntOption(key, label, help, defaultValue, min, max, List.of());
    }

    public int min() {
        return min;
    }

    public int max() {
        return max;
    }

    @Override
    public Integer parse(String text) {
        int value;
        try {
            value = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (value < min || value > max) {
            throw invalid();
        }
        return value;
    }

    @Override
    public String format(Integer value) {
        return Integer.toString(value);
    }

    @Override
    public Widget widget() {
        return choices.isEmpty() ? Widget.INTEGER : Widget.LIST;
    }

    @Override
    public List<String> choices() {
        return choices;
    }

    @Override
    public String allowed() {
        return "a whole number from " + min + " to " + max;
    }
}
