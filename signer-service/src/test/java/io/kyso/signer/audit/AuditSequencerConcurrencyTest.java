package io.kyso.signer.audit;

import io.kyso.signer.persistence.Database;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.Postgres;
import io.kyso.verification.audit.AuditSealStatement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three service instances on one PostgreSQL database append from many threads at once while their
 * sequencers (and flushes asked for meanwhile) chain: every record gets exactly one place, with no
 * gap and no fork, in the full chain and in its portal's chain.
 */
class AuditSequencerConcurrencyTest {
    private static final int THREADS_PER_INSTANCE = 6;
    private static final int APPENDS_PER_THREAD = 40;
    private static final List<String> PORTALS = List.of("portal-a", "portal-b", "portal-c");
    private static KysoTestService a;
    private static KysoTestService b;
    private static KysoTestService c;

    @BeforeAll
    static void start() {
        a = KysoTestService.start(Map.of("kyso.db.url", Postgres.cluster().newDatabase(),
                "kyso.db.user", Postgres.USER, "kyso.db.password", "", "kyso.audit.sequencer-interval", "50ms"));
        b = a.sibling();
        c = a.sibling();
    }

    @AfterAll
    static void stop() {
        c.close();
        b.close();
        a.close();
    }

    @Test
    void shouldGiveEveryConcurrentAppendOnePlaceWithoutGapOrFork() throws Exception {
        long before = count("SELECT COUNT(*) FROM audit_event") + count("SELECT COUNT(*) FROM audit_pending");
        UUID run = UUID.randomUUID();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3 * THREADS_PER_INSTANCE);
        List<Future<?>> work = new ArrayList<>();
        for (KysoTestService instance : List.of(a, b, c)) {
            AuditLog log = instance.context().getBean(AuditLog.class);
            for (int t = 0; t < THREADS_PER_INSTANCE; t++) {
                int thread = t;
                work.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < APPENDS_PER_THREAD; i++) {
                        log.append(AuditRecord.of(AuditEventType.VERIFICATION_RUN, Actor.SYSTEM)
                                .portal(i % 7 == 0 ? null : PORTALS.get((thread + i) % PORTALS.size()))
                                .request(run).detail(thread + "/" + i).build());
                        if (i % 10 == 9) {
                            log.flush(); // as a verification or an export would, in the middle of the stream
                        }
                    }
                    return null;
                }));
            }
        }
        go.countDown();
        for (Future<?> done : work) {
            done.get();
        }
        pool.shutdown();
        b.context().getBean(AuditLog.class).flush();

        int appended = 3 * THREADS_PER_INSTANCE * APPENDS_PER_THREAD;
        assertEquals(appended, count("SELECT COUNT(*) FROM audit_event WHERE request_id = '" + run + "'"));
        assertEquals(0, count("SELECT COUNT(*) FROM audit_pending"));
        long total = count("SELECT COUNT(*) FROM audit_event");
        assertEquals(before + appended, total);
        assertEquals(total, count("SELECT MAX(seq) FROM audit_event"), "no gap in the full chain");
        for (String portal : PORTALS) {
            assertEquals(count("SELECT COUNT(*) FROM audit_event WHERE portal_id = '" + portal + "'"),
                    count("SELECT MAX(portal_seq) FROM audit_event WHERE portal_id = '" + portal + "'"),
                    "no gap in " + portal + "'s chain");
        }
        AuditChainVerifier verifier = c.context().getBean(AuditChainVerifier.class);
        AuditChainVerifier.Result full = verifier.verifyFull();
        assertTrue(full.valid(), full::toString);
        assertEquals(total, full.entries());
        for (String portal : PORTALS) {
            AuditChainVerifier.Result own = verifier.verifyPortal(portal);
            assertTrue(own.valid(), own::toString);
            assertEquals(AuditSealStatement.portalChain(portal), own.chain());
        }
    }

    private static long count(String sql) {
        return a.context().getBean(Database.class).read(connection -> {
            try (PreparedStatement s = connection.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
