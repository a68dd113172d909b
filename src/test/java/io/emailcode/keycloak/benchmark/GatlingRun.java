package io.emailcode.keycloak.benchmark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs Gatling in this JVM, once per {@link LoadPlan}: the load generator shares the stack's objects (the inbox, the
 * recorder, Keycloak's process) instead of talking to them through files. Gatling's own configuration
 * ({@code gatling.conf} on the test class path) turns off its warm-up request and its usage analytics: the machine
 * talks to loopback only.
 */
public final class GatlingRun {

    private GatlingRun() {
    }

    /**
     * @param results where Gatling writes its log and, with {@code report}, its HTML report
     * @return Gatling's exit status: 0 when the run completed
     */
    public static int run(LoadPlan plan, Path results, String description, boolean report) {
        LoadPlan.hand(plan);
        List<String> args = new ArrayList<>(List.of("--simulation", SignInLoad.class.getName(),
                "--results-folder", results.toAbsolutePath().toString(), "--run-description", description,
                "--launcher", "maven"));
        if (!report) {
            args.add("--no-reports");
        }
        return io.gatling.app.Gatling$.MODULE$.fromArgs(args.toArray(String[]::new));
    }
}
