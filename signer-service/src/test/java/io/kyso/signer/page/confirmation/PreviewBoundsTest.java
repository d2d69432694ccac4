package io.kyso.signer.page.confirmation;

import io.kyso.signer.testing.PathologicalPdfs;
import io.kyso.signer.testing.TestPdfs;
import io.kyso.verification.testing.AttackCorpus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A portal's PDF decides what drawing its first page costs. Every page of the attack corpus and every
 * page built to be expensive gets a preview within 480 x 1440 pixels or a refusal that names the
 * limit, from a drawing process with a heap of its own: a page too tall is drawn narrower, an image
 * declaring 900 million pixels is refused before it is read, one whose data outgrows the process's
 * heap (a string of 200 million bytes) ends that process only, a million operations stop
 * at the operation limit, and a single operation that computes for ever is stopped by ending its
 * process once it has used its processor time. Times are measured and printed, not
 * asserted (a generous timeout guards the test).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class PreviewBoundsTest {
    private static final PreviewLimits LIMITS = new PreviewLimits(1440, 40_000_000L, 300_000, Duration.ofSeconds(1), 1,
            "128m", Duration.ofSeconds(60));
    private static PreviewWorkers workers;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() throws Exception {
        workers = new PreviewWorkers(LIMITS);
        render("warm-up", TestPdfs.small()); // the process starts once; its start is not a preview's time
    }

    @AfterAll
    static void stop() {
        workers.close();
    }

    /** Draws {@code pdf} and prints how long it took; the PNG, or the refusal. */
    private static BufferedImage render(String name, byte[] pdf) throws IOException, PreviewUnavailableException {
        Path in = Files.write(dir.resolve(name + ".pdf"), pdf);
        Path out = dir.resolve(name + ".png");
        long start = System.nanoTime();
        String outcome = "refused";
        try {
            workers.render(in, out);
            BufferedImage image = ImageIO.read(out.toFile());
            outcome = image.getWidth() + " x " + image.getHeight() + " px";
            return image;
        } catch (PreviewUnavailableException e) {
            outcome = "refused: " + e.getMessage();
            throw e;
        } finally {
            System.out.printf("preview %-48s %6d ms  %s%n", name, (System.nanoTime() - start) / 1_000_000, outcome);
        }
    }

    private static void assertWithinCap(BufferedImage image) {
        assertTrue(image.getWidth() <= BoundedRenderer.MAX_WIDTH_PX, "width " + image.getWidth());
        assertTrue(image.getHeight() <= LIMITS.maxHeightPx(), "height " + image.getHeight());
        assertTrue((long) image.getWidth() * image.getHeight() <= (long) BoundedRenderer.MAX_WIDTH_PX * LIMITS.maxHeightPx());
    }

    @Test
    void shouldDrawEveryPageOfTheAttackCorpusWithinThePixelCap() throws Exception {
        List<Path> files;
        try (Stream<Path> pdfs = Stream.concat(Files.list(AttackCorpus.root().resolve("pdf")),
                Files.list(AttackCorpus.root().resolve("pdf-refuse-to-sign")))) {
            files = pdfs.filter(p -> p.toString().endsWith(".pdf")).sorted().toList();
        }
        assertEquals(8, files.size(), "the corpus's PDFs: " + files);
        for (Path file : files) {
            assertWithinCap(render(file.getFileName().toString(), Files.readAllBytes(file)));
        }
    }

    @Test
    void shouldDrawAVeryTallPageNarrowerRatherThanTaller() throws Exception {
        BufferedImage image = render("10 x 30000 pt page", PathologicalPdfs.tallPage());
        assertWithinCap(image);
        assertEquals(LIMITS.maxHeightPx(), image.getHeight(), 1);
    }

    @Test
    void shouldRefuseAnImageDeclaringMorePixelsThanTheLimitBeforeReadingIt() {
        PreviewUnavailableException e = assertThrows(PreviewUnavailableException.class,
                () -> render("image of 30000 x 30000 px", PathologicalPdfs.hugeImage()));
        assertTrue(e.getMessage().contains("30000 x 30000"), e.getMessage());
        assertEquals(1, workers.running(), "the drawing process lives on");
    }

    @Test
    void shouldEndOnlyTheDrawingProcessWhenAPageOutgrowsItsHeap() throws Exception {
        PreviewUnavailableException e = assertThrows(PreviewUnavailableException.class,
                () -> render("string of 200 million bytes", PathologicalPdfs.stringLargerThanAPreviewHeap()));
        assertTrue(e.getMessage().contains("more memory than 128m"), e.getMessage());
        assertWithinCap(render("small page after a process ended", TestPdfs.small()));
    }

    @Test
    void shouldStopAPageOfAMillionOperationsAtTheOperationLimit() {
        PreviewUnavailableException e = assertThrows(PreviewUnavailableException.class,
                () -> render("1,000,000 operations", PathologicalPdfs.millionOperations()));
        assertTrue(e.getMessage().contains("more than 300000 drawing operations"), e.getMessage());
    }

    @Test
    void shouldStopASingleEndlessOperationAtTheTimeLimit() throws Exception {
        PreviewUnavailableException e = assertThrows(PreviewUnavailableException.class,
                () -> render("shading of a long function", PathologicalPdfs.slowShading()));
        assertTrue(e.getMessage().contains("takes more than 1000 ms of processor time"), e.getMessage());
        assertWithinCap(render("small page after a process was ended", TestPdfs.small()));
    }
}
