package io.kyso.bench.api;

import io.kyso.bench.Results;
import io.kyso.bench.Stats;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kyso's full API flow for one document (create the request, multipart, confirm with the code, download the
 * signed document), over HTTP against a service in another JVM: latency from one portal, and
 * throughput from 1, 4 and 16 concurrent portals. Each portal has its own citizen, so codes never
 * cross. Latency is measured after the throughput runs, on a warmed-up service. Reading the code from the development outbox stands for the citizen's phone: it is done
 * between the calls and not counted in the latency (it is in the throughput, as a small GET).
 */
public final class ApiBenchmarks {
    /** How documents travel: the streamed multipart form, as client-sdk sends them (or JSON_BASE64). */
    public static final DocumentUpload UPLOAD = DocumentUpload.MULTIPART;
    public static final int[] CONCURRENCY = {1, 4, 16};

    /** How long each part runs. */
    public record Budget(Duration serviceWarmup, int latencyWarmup, int latencyFlows, Duration throughputWarmup, int windows,
                         Duration window) {
    }

    private final ServiceProcess service;
    private final Results results;
    private final Budget budget;

    public ApiBenchmarks(ServiceProcess service, Results results, Budget budget) {
        this.service = service;
        this.results = results;
        this.budget = budget;
    }

    /** @param documents by the name the figures carry, e.g. {@code 10-pages} */
    public void run(Map<String, DocumentUpload.BenchDocument> documents) throws Exception {
        PortalClient client = new PortalClient(service.base(), service.apiKey(), UPLOAD);
        List<Citizens.Enrolled> citizens = new ArrayList<>();
        for (int i = 0; i < CONCURRENCY[CONCURRENCY.length - 1]; i++) {
            citizens.add(Citizens.enroll(client));
        }
        for (Map.Entry<String, DocumentUpload.BenchDocument> document : documents.entrySet()) {
            String name = document.getKey();
            System.out.println("API flow, " + name);
            // a cold service compiles its code paths for this document first: not measured
            LoadDriver.throughput(portals(citizens, 4, document.getValue()), budget.serviceWarmup(), 1, Duration.ofSeconds(1));
            for (int concurrency : CONCURRENCY) {
                Stats perSecond = LoadDriver.throughput(portals(citizens, concurrency, document.getValue()),
                        budget.throughputWarmup(), budget.windows(), budget.window());
                results.put("api.throughput." + name + ".c" + concurrency, perSecond);
            }
            Phases phases = new Phases();
            results.put("api.latency." + name, LoadDriver.latencyMillis(flow(client, citizens.get(0), document.getValue(),
                    phases), budget.latencyWarmup(), budget.latencyFlows()));
            phases.report(results, "api.latency." + name);
        }
    }

    /** A client (connection pool) per portal, as separate portals would have, each with its own citizen. */
    private List<LoadDriver.Flow> portals(List<Citizens.Enrolled> citizens, int count, DocumentUpload.BenchDocument document) {
        List<LoadDriver.Flow> portals = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            portals.add(flow(new PortalClient(service.base(), service.apiKey(), UPLOAD), citizens.get(i), document, null));
        }
        return portals;
    }

    /** One portal flow; the time of the outbox read (the citizen's phone) is left out. */
    static LoadDriver.Flow flow(PortalClient client, Citizens.Enrolled citizen, DocumentUpload.BenchDocument document) {
        return flow(client, citizen, document, null);
    }

    private static LoadDriver.Flow flow(PortalClient client, Citizens.Enrolled citizen, DocumentUpload.BenchDocument document,
                                        Phases phases) {
        return () -> {
            long start = System.nanoTime();
            PortalClient.Created created = client.create(citizen.id(), document);
            long createdAt = System.nanoTime();
            String code = client.code(citizen.phone());
            long codeAt = System.nanoTime();
            client.confirm(created.requestId(), code);
            long confirmedAt = System.nanoTime();
            client.download(created);
            long end = System.nanoTime();
            if (phases != null) {
                phases.add(createdAt - start, confirmedAt - codeAt, end - confirmedAt);
            }
            return (createdAt - start) + (end - codeAt);
        };
    }

    /** Where a flow's time goes, call by call (warm-up flows included; the medians barely notice). */
    private static final class Phases {
        private final List<Double> create = new ArrayList<>();
        private final List<Double> confirm = new ArrayList<>();
        private final List<Double> download = new ArrayList<>();

        void add(long createNanos, long confirmNanos, long downloadNanos) {
            create.add(createNanos / 1e6);
            confirm.add(confirmNanos / 1e6);
            download.add(downloadNanos / 1e6);
        }

        void report(Results results, String prefix) {
            results.put(prefix + ".create", Stats.of(create));
            results.put(prefix + ".confirm", Stats.of(confirm));
            results.put(prefix + ".download", Stats.of(download));
        }
    }
}
