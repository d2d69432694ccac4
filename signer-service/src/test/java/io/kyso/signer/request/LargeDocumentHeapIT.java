package io.kyso.signer.request;

import io.kyso.client.Citizen;
import io.kyso.client.DocumentUpload;
import io.kyso.client.EnrollCitizen;
import io.kyso.client.KysoClient;
import io.kyso.client.KysoException;
import io.kyso.client.NewSigningRequest;
import io.kyso.client.RequestStatus;
import io.kyso.client.SigningRequest;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.CitizenActivation;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.ServiceProcess;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * docs/performance.md: "a 100 MB PDF within a 256 MB heap". The service runs in a JVM of
 * its own with {@code -Xmx256m} (and exits on OutOfMemoryError); the portal's SDK uploads a
 * 100 MiB scanned dossier from a file, the citizen's code is relayed, and the signed PDF is
 * downloaded to a file and checked by poppler's pdfsig. The GC log gives the peak heap used.
 */
class LargeDocumentHeapIT {
    private static final long SIZE = 100L * 1024 * 1024;

    @Test
    void shouldSignA100MegabytePdfWithin256MegabytesOfHeap() throws Exception {
        Path work = Files.createTempDirectory(Path.of("target"), "large-");
        Path scanned = work.resolve("ho-so-quet.pdf");
        TestPdfs.writeScanned(scanned, SIZE);
        assertTrue(Files.size(scanned) >= SIZE, "a 100 MiB PDF: " + Files.size(scanned));

        try (ServiceProcess service = ServiceProcess.start(List.of("-Xmx256m"),
                Map.of("KYSO_SIGNING_MAX_DOCUMENT_BYTES", Long.toString(128L * 1024 * 1024)))) {
            try {
                signAndDownload(service, scanned, work);
            } catch (KysoException e) {
                throw new AssertionError(e.getMessage() + "\n" + service.describe(), e);
            }
            System.out.printf("100 MiB PDF (%d bytes) uploaded, signed and downloaded with -Xmx256m: peak heap %s MB "
                    + "(before a GC), heap reserved at most %s MB%n", Files.size(scanned),
                    service.peakHeapMegabytes().orElse(-1), service.committedHeapMegabytes().orElse(-1));
        }
    }

    private static void signAndDownload(ServiceProcess service, Path scanned, Path work) throws Exception {
        KysoClient kyso = KysoTestService.client(service.url());
        Citizen enrolled = kyso.citizens().enroll(EnrollCitizen.of("079099002001", "Hồ Xuân Hương", "+84901002001"));
        CitizenActivation.activate(service.url(), enrolled.activationUrl().toString(), "+84901002001", null);
        UUID citizen = enrolled.id();
        SigningRequest request = kyso.signingRequests().create(NewSigningRequest.builder(citizen, "Hồ sơ quét 100 MB")
                .document(DocumentUpload.of(scanned)).build());
        assertEquals(sha256(scanned), request.documents().get(0).sha256(), "uploaded whole");

        SigningRequest signed = kyso.signingRequests().confirm(request.id(), service.latestCode("+84901002001"));
        assertEquals(RequestStatus.SIGNED, signed.status(), service::describe);
        Path file = kyso.signingRequests().downloadSignedDocuments(signed, work.resolve("signed")).get(0);

        assertTrue(service.isAlive(), "no OutOfMemoryError: " + service.describe());
        assertEquals(signed.documents().get(0).signedSha256(), sha256(file));
        IndependentValidators.assertPdfsigValid(Files.readAllBytes(file));
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
