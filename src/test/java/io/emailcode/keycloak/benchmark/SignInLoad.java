package io.emailcode.keycloak.benchmark;

import io.gatling.javaapi.core.Simulation;

/** The Gatling simulation of every load run: it runs the {@link LoadPlan} that {@link GatlingRun} handed over. */
public class SignInLoad extends Simulation {

    public SignInLoad() {
        LoadPlan plan = LoadPlan.current();
        setUp(plan.population()).protocols(plan.protocol()).maxDuration(plan.maxDuration());
    }
}
