package io.emailcode.keycloak.mirror;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The repair's durable progress in memory; a new {@link DriftRepair} on the same store is a restarted node. */
public final class InMemoryRepairProgress implements RepairProgressStore {

    private final Map<String, RepairProgress> saved = new HashMap<>();
    public int saves;
    public int loads;

    @Override
    public synchronized Optional<RepairProgress> load(String realmId) {
        loads++;
        return Optional.ofNullable(saved.get(realmId));
    }

    @Override
    public synchronized void save(RepairProgress progress) {
        saves++;
        saved.put(progress.realmId(), progress);
    }
}
