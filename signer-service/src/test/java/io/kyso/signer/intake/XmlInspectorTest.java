package io.kyso.signer.intake;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.verification.testing.AttackCorpus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class XmlInspectorTest {
    private final XmlInspector inspector = new XmlInspector();

    @TempDir
    Path dir;

    @Test
    void shouldReturnRootElementOfGoodDocument() throws Exception {
        Path file = write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<tk:ToKhai xmlns:tk=\"urn:kyso:test\"><hoTen>Nguyễn Thị Hồng Nhung</hoTen></tk:ToKhai>\n");

        assertEquals("ToKhai", inspector.inspect(file).rootElement());
    }

    @Test
    void shouldRefuseDocumentWithDoctype() throws Exception {
        Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE hoSo [<!ELEMENT hoSo ANY>]>\n<hoSo/>");

        assertRejected(ErrorCode.DOCUMENT_DTD_FORBIDDEN, file);
    }

    @Test
    void shouldNeverReadExternalFileEntity() throws Exception {
        String secret = "kyso-xxe-marker-" + UUID.randomUUID();
        Path marker = Files.writeString(dir.resolve("marker.txt"), secret);
        Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE hoSo [<!ENTITY x SYSTEM \"" + marker.toUri() + "\">]>\n"
                + "<hoSo>&x;</hoSo>");

        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> inspector.inspect(file));

        assertEquals(ErrorCode.DOCUMENT_DTD_FORBIDDEN, e.code());
        assertFalse(everything(e).contains(secret), "the entity's content leaked into the rejection");
    }

    /** A fetch would show as a connection to this socket; none comes. */
    @Test
    void shouldNeverFetchExternalEntityOrDtd() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(300);
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/evil";
            Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE hoSo SYSTEM \"" + url + ".dtd\" [<!ENTITY x SYSTEM \""
                    + url + "\">]>\n<hoSo>&x;</hoSo>");

            assertRejected(ErrorCode.DOCUMENT_DTD_FORBIDDEN, file);
            assertThrows(SocketTimeoutException.class, server::accept, "the parser connected to fetch the entity");
        }
    }

    @Test
    void shouldNeverReadExternalParameterEntity() throws Exception {
        Path file = write("<?xml version=\"1.0\"?>\n<!DOCTYPE hoSo [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n"
                + "<hoSo/>");

        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> inspector.inspect(file));

        assertEquals(ErrorCode.DOCUMENT_DTD_FORBIDDEN, e.code());
        assertFalse(everything(e).contains("root:"), "/etc/passwd leaked into the rejection");
    }

    @Test
    void shouldRefuseCorpusXadesWithDtdInjection() throws Exception {
        Path file = Files.write(dir.resolve("corpus.xml"), AttackCorpus.read("xml/xades-with-dtd-injection.xml"));

        assertRejected(ErrorCode.DOCUMENT_DTD_FORBIDDEN, file);
    }

    @Test
    void shouldRefuseDocumentThatIsNotWellFormed() throws Exception {
        Path file = write("<hoSo><hoTen>Nguyễn</hoSo>");

        DocumentRejectedException e = assertRejected(ErrorCode.DOCUMENT_MALFORMED, file);

        assertTrue(e.getMessage().contains("not well-formed"), e.getMessage());
    }

    @Test
    void shouldRefuseBytesInvalidForDeclaredEncoding() throws Exception {
        byte[] head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><hoSo>".getBytes(StandardCharsets.US_ASCII);
        byte[] latin1 = "Nguy\u00eAn</hoSo>".getBytes(StandardCharsets.ISO_8859_1); // 0xEA alone is not UTF-8
        Path file = dir.resolve("latin1.xml");
        Files.write(file, concat(head, latin1));

        DocumentRejectedException e = assertRejected(ErrorCode.DOCUMENT_MALFORMED, file);

        assertTrue(e.getMessage().contains("encoding"), e.getMessage());
    }

    @Test
    void shouldRefuseEmptyDocument() throws Exception {
        Path file = write("");

        DocumentRejectedException e = assertRejected(ErrorCode.DOCUMENT_MALFORMED, file);

        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void shouldRefuseDocumentWithoutRootElement() throws Exception {
        assertRejected(ErrorCode.DOCUMENT_MALFORMED, write("<?xml version=\"1.0\"?>\n<!-- nothing -->\n"));
    }

    private DocumentRejectedException assertRejected(ErrorCode code, Path file) {
        DocumentRejectedException e = assertThrows(DocumentRejectedException.class, () -> inspector.inspect(file));
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    private Path write(String content) throws Exception {
        return Files.writeString(dir.resolve(UUID.randomUUID() + ".xml"), content, StandardCharsets.UTF_8);
    }

    /** The messages of an exception and all its causes. */
    private static String everything(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.append(t).append('\n');
        }
        return all.toString();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] all = new byte[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
