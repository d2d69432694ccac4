package io.kyso.signer.hostile;

import io.kyso.client.DocumentUpload;
import io.kyso.client.EnrollCitizen;
import io.kyso.client.KysoClient;
import io.kyso.client.NewSigningRequest;
import io.kyso.client.SigningRequest;
import io.kyso.signer.testing.CitizenActivation;
import io.kyso.signer.testing.KysoTestService;
import io.kyso.signer.testing.PathologicalPdfs;
import io.kyso.signer.testing.ServiceProcess;
import io.kyso.signer.testing.TestPdfs;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A dishonest portal, with only its API key, sends a dossier of pages built to exhaust whoever draws
 * them (a page of 10 x 30,000 pt, an image declaring 900 million pixels, a 200 MB string deflated to
 * 200 KB, a million operations) and opens the citizen's page, where their previews are drawn. The
 * service runs with a heap of 128 MB and exits if it ever runs out: it stays up, every preview is an
 * image within 480 x 1440 px (a refused one says so, with its reason in a header), and a normal
 * document's preview is still drawn afterwards. Times and the service's peak heap are printed.
 */
class PreviewBombsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldKeepEveryPreviewBoundedAndTheServiceUpWhateverTheDossier() throws Exception {
        Map<String, byte[]> dossier = new LinkedHashMap<>();
        dossier.put("tall-page.pdf", PathologicalPdfs.tallPage());
        dossier.put("huge-image.pdf", PathologicalPdfs.hugeImage());
        dossier.put("huge-string.pdf", PathologicalPdfs.stringLargerThanAPreviewHeap());
        dossier.put("million-operations.pdf", PathologicalPdfs.millionOperations());
        dossier.put("normal.pdf", TestPdfs.small());
        try (ServiceProcess service = ServiceProcess.start(List.of("-Xmx128m"),
                Map.of("KYSO_PREVIEWS_TIME_LIMIT", "1s", "KYSO_PREVIEWS_WORKERS", "1"))) {
            KysoClient portal = KysoTestService.client(service.url());
            io.kyso.client.Citizen enrolled = portal.citizens().enroll(EnrollCitizen.of("079099002101", "Phạm Ngũ Lão", "+84901002101"));
            CitizenActivation.activate(service.url(), enrolled.activationUrl().toString(), "+84901002101", null);
            UUID citizen = enrolled.id();
            NewSigningRequest.Builder request = NewSigningRequest.builder(citizen, "Hồ sơ nặng");
            dossier.forEach((name, pdf) -> request.document(DocumentUpload.ofBytes(name, "application/pdf", pdf)));
            SigningRequest created = portal.signingRequests().create(request.build());
            String page = URI.create(created.confirmationUrl()).getRawPath();

            for (SigningRequest.Document document : created.documents()) {
                HttpResponse<byte[]> preview = preview(service.url().resolve(page + "/documents/" + document.id()
                        + "/preview.png"), document.name());
                assertEquals(200, preview.statusCode(), document.name());
                BufferedImage image = ImageIO.read(new ByteArrayInputStream(preview.body()));
                assertNotNull(image, document.name() + " answers a PNG");
                assertTrue(image.getWidth() <= 480 && image.getHeight() <= 1440,
                        document.name() + ": " + image.getWidth() + " x " + image.getHeight());
                boolean refused = preview.headers().firstValue("kyso-preview-unavailable").isPresent();
                assertEquals(!document.name().equals("normal.pdf") && !document.name().equals("tall-page.pdf"), refused,
                        document.name() + " " + preview.headers().firstValue("kyso-preview-unavailable").orElse("drawn"));
                assertTrue(service.isAlive(), service::describe);
            }
            System.out.printf("previews of the dossier with -Xmx128m: peak heap %s MB, heap reserved at most %s MB%n",
                    service.peakHeapMegabytes().orElse(-1), service.committedHeapMegabytes().orElse(-1));
        }
    }

    private static HttpResponse<byte[]> preview(URI uri, String name) throws Exception {
        long start = System.nanoTime();
        HttpResponse<byte[]> response = HTTP.send(HttpRequest.newBuilder(uri).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
        System.out.printf("preview %-24s %6d ms  %s%n", name, (System.nanoTime() - start) / 1_000_000,
                response.headers().firstValue("kyso-preview-unavailable").orElse("drawn"));
        return response;
    }
}
