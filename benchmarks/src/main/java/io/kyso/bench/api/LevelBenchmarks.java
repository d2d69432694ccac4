package io.kyso.bench.api;

import io.kyso.bench.Results;
import io.kyso.bench.Stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the long-term levels cost: the same API flow (create, confirm, download) with the same
 * document at B-B, B-T, B-LT and B-LTA, from one portal, against the service's own timestamping
 * authority and OCSP responder (loopback HTTP, the HSM signing tokens and answers). The levels take
 * turns, a few flows each per round, so that a machine getting busier or quieter weighs on all of
 * them alike; the median of each is reported, and the confirmation (where the signing happens) apart.
 */
public final class LevelBenchmarks {
    public static final List<String> LEVELS = List.of("B-B", "B-T", "B-LT", "B-LTA");

    private final ServiceProcess service;
    private final Results results;
    private final int rounds;
    private final int flowsPerRound;

    public LevelBenchmarks(ServiceProcess service, Results results, int rounds, int flowsPerRound) {
        this.service = service;
        this.results = results;
        this.rounds = rounds;
        this.flowsPerRound = flowsPerRound;
    }

    /** @param documents by the name the figures carry, e.g. {@code 10-pages} */
    public void run(Map<String, DocumentUpload.BenchDocument> documents) throws Exception {
        PortalClient client = new PortalClient(service.base(), service.apiKey(), ApiBenchmarks.UPLOAD);
        Citizens.Enrolled citizen = Citizens.enroll(client);
        for (Map.Entry<String, DocumentUpload.BenchDocument> document : documents.entrySet()) {
            System.out.println("API flow by level, " + document.getKey());
            Map<String, List<Double>> flows = new LinkedHashMap<>();
            Map<String, List<Double>> confirms = new LinkedHashMap<>();
            for (String level : LEVELS) {
                flows.put(level, new ArrayList<>());
                confirms.put(level, new ArrayList<>());
                for (int i = 0; i < flowsPerRound; i++) {
                    flow(client, citizen, document.getValue().atLevel(level)); // warm-up: each level's code paths
                }
            }
            for (int round = 0; round < rounds; round++) {
                for (String level : LEVELS) {
                    for (int i = 0; i < flowsPerRound; i++) {
                        double[] times = flow(client, citizen, document.getValue().atLevel(level));
                        flows.get(level).add(times[0]);
                        confirms.get(level).add(times[1]);
                    }
                }
            }
            for (String level : LEVELS) {
                String id = "api.level." + document.getKey() + "." + level;
                results.put(id, Stats.of(flows.get(level)));
                results.put(id + ".confirm", Stats.of(confirms.get(level)));
            }
        }
    }

    /** One flow's time and its confirmation's, in milliseconds; the outbox read is left out. */
    private static double[] flow(PortalClient client, Citizens.Enrolled citizen, DocumentUpload.BenchDocument document)
            throws Exception {
        long start = System.nanoTime();
        PortalClient.Created created = client.create(citizen.id(), document);
        long createdAt = System.nanoTime();
        String code = client.code(citizen.phone());
        long codeAt = System.nanoTime();
        client.confirm(created.requestId(), code);
        long confirmedAt = System.nanoTime();
        client.download(created);
        long end = System.nanoTime();
        return new double[] {((createdAt - start) + (end - codeAt)) / 1e6, (confirmedAt - codeAt) / 1e6};
    }
}
