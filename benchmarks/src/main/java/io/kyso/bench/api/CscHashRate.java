package io.kyso.bench.api;

import io.kyso.bench.Results;
import io.kyso.bench.Stats;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hash signing through the CSC API (signatures/signHash over HTTP, service in its own JVM, EC P-256
 * citizens with wrapped keys): signatures per second with 1, 20 and 200 hashes per call, from 1 and
 * 2 portals at once, to put next to the raw HSM rate with the value check (hsmAdapterBcVerify) of the
 * same run. Every call runs under a credential authorization the citizen confirmed; the
 * authorizations (200 hashes each, the most one may carry) are prepared before the clock starts, so
 * the figure is the signing path: token, authorization and hashes checked, hashes claimed, one unwrap,
 * every value signed and verified, audit entry, one transaction, answer.
 */
public final class CscHashRate {
    static final int HASHES_PER_AUTHORIZATION = 200;
    public static final int[] BATCHES = {1, 20, 200};
    public static final int[] PORTALS = {1, 2};

    private final ServiceProcess service;
    private final Results results;
    private final int authorizationsPerRound;
    private final int rounds;
    private final AtomicLong distinct = new AtomicLong();

    /**
     * @param authorizationsPerRound credential authorizations each portal signs out per measured round
     * @param rounds                 measured rounds per figure (the median is reported); one more warms up
     */
    public CscHashRate(ServiceProcess service, Results results, int authorizationsPerRound, int rounds) {
        this.service = service;
        this.results = results;
        this.authorizationsPerRound = authorizationsPerRound;
        this.rounds = rounds;
    }

    public void run() throws Exception {
        CscPortal client = new CscPortal(service.base(), service.apiKey());
        PortalClient portal = new PortalClient(service.base(), service.apiKey(), DocumentUpload.MULTIPART);
        List<Citizens.Enrolled> citizens = new ArrayList<>();
        for (int i = 0; i < PORTALS[PORTALS.length - 1]; i++) {
            citizens.add(Citizens.enroll(portal));
        }
        for (int batch : BATCHES) {
            for (int portals : PORTALS) {
                List<Double> rates = new ArrayList<>();
                for (int round = 0; round <= rounds; round++) {
                    double rate = round(client, citizens.subList(0, portals), batch);
                    if (round > 0) {
                        rates.add(rate);
                    }
                }
                results.put("csc.signHash.b" + batch + ".p" + portals, Stats.of(rates));
            }
        }
    }

    /** Prepares the authorizations, then signs all their hashes in calls of {@code batch}; signatures per second. */
    private double round(CscPortal client, List<Citizens.Enrolled> citizens, int batch) throws Exception {
        List<List<Authorized>> work = new ArrayList<>();
        for (Citizens.Enrolled citizen : citizens) {
            List<Authorized> authorized = new ArrayList<>();
            for (int i = 0; i < authorizationsPerRound; i++) {
                List<byte[]> hashes = hashes();
                authorized.add(new Authorized(client.authorize(citizen, hashes), citizen, hashes));
            }
            work.add(authorized);
        }
        AtomicLong signed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        List<Exception> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        long start = System.nanoTime();
        for (List<Authorized> portalWork : work) {
            Thread thread = new Thread(() -> {
                CscPortal own = new CscPortal(service.base(), service.apiKey());
                try {
                    for (Authorized a : portalWork) {
                        for (int from = 0; from < a.hashes().size(); from += batch) {
                            signed.addAndGet(own.signHash(a.token(), a.citizen(), a.hashes().subList(from,
                                    Math.min(a.hashes().size(), from + batch))));
                        }
                    }
                } catch (Exception e) {
                    failures.add(e);
                }
            }, "csc-portal-" + threads.size());
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long elapsed = System.nanoTime() - start;
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        return signed.get() / (elapsed / 1e9);
    }

    private record Authorized(String token, Citizens.Enrolled citizen, List<byte[]> hashes) {
    }

    private List<byte[]> hashes() throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        List<byte[]> hashes = new ArrayList<>(HASHES_PER_AUTHORIZATION);
        for (int i = 0; i < HASHES_PER_AUTHORIZATION; i++) {
            hashes.add(sha.digest(("bench hash " + distinct.incrementAndGet()).getBytes()));
        }
        return hashes;
    }
}
