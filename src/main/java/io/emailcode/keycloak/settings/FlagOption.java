package io.emailcode.keycloak.settings;

/** On or off, stored as {@code true} or {@code false}. */
public final class FlagOption extends Option<Boolean> {

    public FlagOption(String key, String label, String help, boolean defaultValue) {
        super(key, label, help, defaultValue);
    }

    @Override
    public Boolean parse(String text) {
        if (text.equalsIgnoreCase("true")) {
            return true;
        }
        if (text.equalsIgnoreCase("false")) {
            return false;
        }
        throw invalid();
    }

    @Override
    public String format(Boolean value) {
        return value.toString();
    }

    @Override
    public Widget widget() {
        return Widget.BOOLEAN;
    }

    @Override
    public String allowed() {
        return "true or false";
    }
}
