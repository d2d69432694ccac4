package io.kyso.bench.api;

import java.util.concurrent.atomic.AtomicLong;

/** Distinct national IDs and phone numbers for the citizens one run enrolls. */
public final class Citizens {
    private static final AtomicLong NEXT = new AtomicLong();

    private Citizens() {
    }

    /** A citizen the benchmark enrolls: the service's id for it, and the phone its codes go to. */
    public record Enrolled(java.util.UUID id, String phone) {
    }

    public static Enrolled enroll(PortalClient client) throws Exception {
        long n = NEXT.incrementAndGet();
        String phone = String.format("+8491%07d", n);
        return new Enrolled(client.enroll(String.format("%012d", n), "Nguyễn Văn Bền " + n, phone), phone);
    }
}
