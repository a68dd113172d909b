package io.emailcode.keycloak.system;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One headless Chromium for a whole test class, given to it as a parameter and closed after its last test; every
 * test starts as a new person (no cookies). Classes run only where Debian's chromium and chromium-driver are
 * installed ({@code .ci/run} installs them).
 */
final class ChromiumPerClass implements ParameterResolver, BeforeEachCallback, ExecutionCondition {

    /** The class's Chromium runs with JavaScript switched off in its profile. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @interface WithoutJavaScript {
    }

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ChromiumPerClass.class);

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        return HeadlessChromium.installed() ? ConditionEvaluationResult.enabled("Chromium is installed")
                : ConditionEvaluationResult.disabled("Debian's chromium and chromium-driver are not installed (.ci/run installs them)");
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == HeadlessChromium.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return browser(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser(context).forgetEverything();
    }

    private static HeadlessChromium browser(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        ExtensionContext classContext = context;
        while (classContext.getTestMethod().isPresent() && classContext.getParent().isPresent()) {
            classContext = classContext.getParent().get();
        }
        boolean javascript = !testClass.isAnnotationPresent(WithoutJavaScript.class);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(Running.class,
                key -> new Running(HeadlessChromium.start("en", javascript)), Running.class).browser();
    }

    /** Closed by JUnit with the class's context. */
    private record Running(HeadlessChromium browser) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            browser.close();
        }
    }
}
