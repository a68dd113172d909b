package io.emailcode.keycloak.mirror;

import java.util.Optional;

/** Durable progress of the realms' drift repairs, shared by the cluster. */
public interface RepairProgressStore {

    Optional<RepairProgress> load(String realmId);

    void save(RepairProgress progress);
}
