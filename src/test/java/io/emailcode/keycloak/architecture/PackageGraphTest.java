package io.emailcode.keycloak.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.emailcode.keycloak.code.Lane;
import io.emailcode.keycloak.flow.Attempt;
import io.emailcode.keycloak.flow.StepOutcome;
import org.junit.jupiter.api.Test;

/**
 * The shape of the provider: a pure domain (codes, the flow's decisions, the mirror's core, mail, settings)
 * that knows neither Keycloak nor AWS; AWS adapters under {@code aws}; Keycloak glue under {@code spi}, the only
 * place that wires the two, and in it only the applier reads the engine's decisions. No package cycle anywhere.
 */
class PackageGraphTest {

    private static final String BASE = "io.emailcode.keycloak";
    private static final String[] DOMAIN = {BASE + ".code..", BASE + ".flow..", BASE + ".mirror..", BASE + ".mail..",
            BASE + ".settings.."};
    private static final JavaClasses PRODUCT = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void noPackageCycles() {
        slices().matching(BASE + ".(**)").should().beFreeOfCycles().check(PRODUCT);
    }

    @Test
    void domainKnowsNeitherKeycloakNorAwsNorTheAdapters() {
        noClasses().that().resideInAnyPackage(DOMAIN)
                .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..", "software.amazon..",
                        "jakarta.ws..", "io.micrometer..", BASE + ".aws..", BASE + ".spi..")
                .check(PRODUCT);
    }

    @Test
    void awsTypesOnlyInTheAwsAdapters() {
        noClasses().that().resideOutsideOfPackage(BASE + ".aws..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..")
                .check(PRODUCT);
    }

    @Test
    void keycloakTypesOnlyInTheKeycloakGlue() {
        noClasses().that().resideOutsideOfPackage(BASE + ".spi..")
                .should().dependOnClassesThat().resideInAnyPackage("org.keycloak..")
                .check(PRODUCT);
    }

    /**
     * Every decision is the engine's: a door reads no lane, no standing and no outcome, except through the applier
     * that carries an outcome out (one class, with a subclass per door for its Keycloak context).
     */
    @Test
    void onlyTheApplierOfTheGlueReadsLanesStandingsAndOutcomes() {
        noClasses().that().resideInAPackage(BASE + ".spi..")
                .and(DescribedPredicate.not(partOfTheApplier()))
                .should().dependOnClassesThat().belongToAnyOf(Lane.class, Attempt.Standing.class, StepOutcome.class,
                        StepOutcome.Action.class)
                .check(PRODUCT);
    }

    /** The applier, a door's subclass of it, or a class the compiler made for one of them (a switch's table). */
    private static DescribedPredicate<JavaClass> partOfTheApplier() {
        String applier = BASE + ".spi.authenticator.OutcomeApplier";
        return DescribedPredicate.describe("part of the applier", type -> type.isAssignableTo(applier)
                || type.getEnclosingClass().map(enclosing -> enclosing.isAssignableTo(applier)).orElse(false));
    }

    @Test
    void adaptersDoNotReachIntoTheGlue() {
        noClasses().that().resideInAPackage(BASE + ".aws..")
                .should().dependOnClassesThat().resideInAPackage(BASE + ".spi..")
                .check(PRODUCT);
    }
}
