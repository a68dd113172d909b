package io.emailcode.keycloak.aws.dynamodb;

import io.emailcode.keycloak.mirror.DeletedUser;
import io.emailcode.keycloak.mirror.LinkHolder;
import io.emailcode.keycloak.mirror.PoolLinks;
import io.emailcode.keycloak.mirror.PendingMirror;
import io.emailcode.keycloak.mirror.MirrorQueue;
import io.emailcode.keycloak.mirror.RepairProgress;
import io.emailcode.keycloak.mirror.RepairProgressStore;
import io.emailcode.stack.FreePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.emailcode.keycloak.aws.AwsClientSettings;
import io.emailcode.keycloak.aws.AwsClients;
import io.emailcode.stack.DynamoDbLocal;
import io.emailcode.stack.StackSettings;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class DynamoDbMirrorQueueIT {

    /** Linked pool users beside the queue: a scan would read every one of them at each run of the retry task. */
    private static final int LINKED_USERS = 1_000;

    private static DynamoDbLocal dynamodb;
    private static DynamoDbClient client;
    /** The same DynamoDB, through a client that counts the items its calls read. */
    private static DynamoDbClient countedClient;
    private static final ItemsRead itemsRead = new ItemsRead();
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    private final String realm = "realm-" + UUID.randomUUID();
    private final MirrorQueue queue = new DynamoDbMirrorQueue(client, "mirror-queue");

    @BeforeAll
    static void startDynamoDb() {
        dynamodb = DynamoDbLocal.start(StackSettings.fromSystemProperties(), FreePort.next());
        client = AwsClients.build(DynamoDbClient.builder(), new AwsClientSettings(Optional.of("us-east-1"),
                Optional.of(dynamodb.endpoint()), Duration.ofSeconds(20), Duration.ofSeconds(10), 2));
        new DynamoDbTableGuard(client, TableSpec.mirrorQueue("mirror-queue"), "--create-table", Duration.ofSeconds(30)).check(true);
        countedClient = DynamoDbClient.builder().region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .endpointOverride(dynamodb.endpoint())
                .credentialsProvider(software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider.builder().build())
                .overrideConfiguration(c -> c.addExecutionInterceptor(itemsRead))
                .build();
    }

    @AfterAll
    static void stopDynamoDb() {
        if (countedClient != null) {
            countedClient.close();
        }
        if (client != null) {
            client.close();
        }
        if (dynamodb != null) {
            dynamodb.close();
        }
    }

    @Test
    void onlyDueItemsAreReturnedAndAFinishedItemIsGone() {
        PendingMirror due = PendingMirror.sync(realm, "u1", NOW.minusSeconds(1), "v1");
        PendingMirror later = PendingMirror.sync(realm, "u2", NOW.plusSeconds(60), "v1");
        queue.put(due);
        queue.put(later);
        assertEquals(java.util.List.of(due), queue.due(NOW, Optional.empty(), 100).stream()
                .filter(i -> i.realmId().equals(realm)).toList());
        queue.done(due);
        assertEquals(java.util.List.of(later), queue.due(NOW, Optional.of(realm), 100));
    }

    @Test
    void aNewerChangeReplacesTheOlderAndFinishingTheOlderKeepsIt() {
        PendingMirror older = PendingMirror.sync(realm, "u1", NOW, "v1");
        PendingMirror newer = PendingMirror.sync(realm, "u1", NOW, "v2");
        queue.put(older);
        queue.put(newer);
        queue.done(older);
        queue.retryLater(older.failedAgain(NOW.plusSeconds(30)), "late answer");
        assertEquals(java.util.List.of(newer), queue.due(NOW, Optional.of(realm), 100));
    }

    @Test
    void aDeleteKeepsWhatItNeedsAndALaterSyncDoesNotReplaceIt() {
        PendingMirror delete = PendingMirror.delete(realm, new DeletedUser("u1", Optional.of("sub-1")), NOW, "v1");
        queue.put(delete);
        queue.put(PendingMirror.sync(realm, "u1", NOW, "v2"));
        PendingMirror stored = queue.due(NOW, Optional.of(realm), 100).get(0);
        assertEquals(delete, stored);
        assertEquals(new DeletedUser("u1", Optional.of("sub-1")), stored.deletedUser());
    }

    @Test
    void aRetryRecordsTheAttemptAndTheNextTime() {
        PendingMirror item = PendingMirror.sync(realm, "u1", NOW, "v1");
        queue.put(item);
        queue.retryLater(item.failedAgain(NOW.plusSeconds(30)), "Cognito AdminCreateUser failed: TooManyRequestsException");
        PendingMirror stored = queue.due(NOW, Optional.of(realm), 100).get(0);
        assertEquals(1, stored.attempts());
        assertEquals(NOW.plusSeconds(30), stored.nextAttemptAt());
        assertTrue(queue.size() >= 1);
    }

    @Test
    void theDriftRepairsProgressIsKeptBesideTheQueueWhichNeverSeesIt() {
        long before = queue.size();
        RepairProgressStore store = new DynamoDbRepairProgress(client, "mirror-queue");
        assertEquals(Optional.empty(), store.load(realm));
        RepairProgress running = new RepairProgress(realm, RepairProgress.Phase.KEYCLOAK, "run-1", "node-a", NOW.minusSeconds(60),
                NOW, 240, java.util.Map.of("created", 3, "unchanged", 200), NOW.minus(Duration.ofDays(1)), java.util.Map.of("updated", 1));
        store.save(running);
        assertEquals(Optional.of(running), store.load(realm), "read back as saved, after a restart too");
        assertEquals(before, queue.size(), "the progress item is no pending change");
        assertTrue(queue.due(NOW.plus(Duration.ofDays(365)), Optional.empty(), 1_000).stream().noneMatch(i -> i.realmId().equals(realm)));
        assertTrue(queue.due(NOW, Optional.of(realm), 1_000).isEmpty(), "nor one of the realm's");
    }

    @Test
    void aPoolUserIsLinkedToOneUserAndTheLinkIsNoPendingChange() {
        PoolLinks links = new DynamoDbPoolLinks(client, "mirror-queue", "pool-1");
        String sub = UUID.randomUUID().toString();
        LinkHolder owner = new LinkHolder(realm, "owner");
        LinkHolder other = new LinkHolder("other-realm", "owner");
        long pending = queue.size();

        assertTrue(links.claim(sub, owner));
        assertTrue(links.claim(sub, owner), "its own link, claimed again");
        assertFalse(links.claim(sub, other), "the same user id in another realm");
        links.release(sub, other);
        assertEquals(Optional.of(owner), links.holder(sub));
        assertEquals(Optional.empty(), new DynamoDbPoolLinks(client, "mirror-queue", "pool-2").holder(sub));
        assertEquals(pending, queue.size());
        assertEquals(java.util.List.of(), queue.due(NOW, Optional.of(realm), 100));

        links.release(sub, owner);
        assertEquals(Optional.empty(), links.holder(sub));
    }

    @Test
    void findingDueChangesReadsThePendingChangesAndNoLinkHoweverManyUsersAreLinked() {
        String table = "queue-with-links-" + UUID.randomUUID();
        new DynamoDbTableGuard(client, TableSpec.mirrorQueue(table), "--create-table", Duration.ofSeconds(30)).check(true);
        PoolLinks links = new DynamoDbPoolLinks(client, table, "pool-1");
        for (int i = 0; i < LINKED_USERS; i++) {
            assertTrue(links.claim("sub-" + i, new LinkHolder(realm, "user-" + i)));
        }
        new DynamoDbRepairProgress(client, table).save(new RepairProgress(realm, RepairProgress.Phase.KEYCLOAK, "run-1",
                "node-a", NOW, NOW, 0, java.util.Map.of(), NOW, java.util.Map.of()));
        MirrorQueue measured = new DynamoDbMirrorQueue(countedClient, table);
        PendingMirror first = PendingMirror.sync(realm, "u1", NOW.minusSeconds(10), "v1");
        PendingMirror second = PendingMirror.delete(realm, new DeletedUser("u2", Optional.of("sub-2")), NOW.minusSeconds(5), "v1");
        PendingMirror later = PendingMirror.sync(realm, "u3", NOW.plusSeconds(60), "v1");
        java.util.List.of(later, second, first).forEach(measured::put);
        itemsRead.takeCount();

        java.util.List<PendingMirror> due = measured.due(NOW, Optional.empty(), 100);
        long readToFindDue = itemsRead.takeCount();
        long pending = measured.size();
        long readToCount = itemsRead.takeCount();
        java.util.List<PendingMirror> realmsChanges = measured.due(NOW, Optional.of(realm), 100);
        long readForTheRealm = itemsRead.takeCount();
        System.out.printf("Mirror queue with %d links, 1 repair progress, 3 pending changes (2 due): finding the due ones read %d "
                + "items, counting the pending ones %d, all of the realm's %d%n", LINKED_USERS, readToFindDue, readToCount, readForTheRealm);

        assertEquals(4, readToFindDue, "2 index entries, then the 2 changes");
        assertEquals(3, readToCount, "3 index entries");
        assertEquals(6, readForTheRealm, "3 index entries, then the 3 changes");
        assertEquals(java.util.List.of(first, second), due, "the due ones, oldest first");
        assertEquals(3, pending);
        assertEquals(java.util.List.of(first, second, later), realmsChanges);
        assertEquals(Optional.of(new LinkHolder(realm, "user-7")), links.holder("sub-7"), "the links are all there");
    }
}
