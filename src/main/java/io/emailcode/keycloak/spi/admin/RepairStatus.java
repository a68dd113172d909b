package io.emailcode.keycloak.spi.admin;

import io.emailcode.keycloak.mirror.MirrorSettings;
import io.emailcode.keycloak.mirror.MirrorSummary;
import io.emailcode.keycloak.mirror.RepairProgress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The drift repair of one realm, as the admin endpoint shows it (times in epoch milliseconds). When the next run
 * comes is Keycloak's to say (the provider's Periodic full sync, counted from its last sync).
 */
record RepairStatus(MirrorSettings settings, Optional<RepairProgress> progress) {

    Map<String, Object> asMap() {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("scheduled", settings.repairs());
        view.put("everySeconds", settings.repair().every().toSeconds());
        view.put("callsPerSecond", settings.repair().callsPerSecond());
        view.put("phase", progress.map(p -> p.phase().name()).orElse(RepairProgress.Phase.IDLE.name()));
        progress.ifPresent(p -> {
            if (p.running()) {
                view.put("startedAt", p.startedAt().toEpochMilli());
                view.put("usersDone", p.offset());
                view.put("counts", MirrorSummary.of(p.counts()).asMap());
            }
            view.put("lastFinishedAt", p.lastFinished().toEpochMilli());
            view.put("lastCounts", MirrorSummary.of(p.lastCounts()).asMap());
        });
        return view;
    }
}
