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

    /** A citizen who can sign: enrolled by the portal, then the credential activated as the citizen does. */
    public static Enrolled enroll(PortalClient client) throws Exception {
        long n = NEXT.incrementAndGet();
        String phone = String.format("+8491%07d", n);
        PortalClient.Enrollment enrollment = client.enroll(String.format("%012d", n), "Nguyễn Văn Bền " + n, phone);
        client.activate(enrollment, phone);
        return new Enrolled(enrollment.id(), phone);
    }

    /** The portal's part only (key pair, certificate, record): for the many citizens that never sign in a run. */
    public static void enrollOnly(PortalClient client) throws Exception {
        long n = NEXT.incrementAndGet();
        client.enroll(String.format("%012d", n), "Nguyễn Văn Bền " + n, String.format("+8491%07d", n));
    }
}
