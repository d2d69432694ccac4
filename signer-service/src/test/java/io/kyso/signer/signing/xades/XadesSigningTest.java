package io.kyso.signer.signing.xades;

import io.kyso.signer.signing.DocumentOptions;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.signing.SignatureLevel;
import io.kyso.signer.signing.KeySigner;
import io.kyso.signer.xml.SafeXml;
import io.kyso.hsm.HsmToken;
import io.kyso.hsm.KeyEntry;
import io.kyso.hsm.KeySpec;
import io.kyso.hsm.Pkcs11HsmToken;
import io.kyso.hsm.testing.SoftHsm;
import io.kyso.signer.signing.DocumentOptions.XmlPackaging;
import io.kyso.signer.testing.IndependentValidators;
import io.kyso.signer.testing.TestPki;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.IssuerSerial;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import java.math.BigInteger;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * XAdES-BASELINE-B with keys in SoftHSM2, every output checked by xmlsec1 and by EU DSS (default
 * policy, the test CA as the only trust anchor and its CRL as the only revocation data).
 */
class XadesSigningTest {
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String HO_SO = """
            <?xml version="1.0" encoding="UTF-8"?>
            <hoSo xmlns="urn:kyso:test:ho-so" phienBan='1.0'>
              <hoTen>Nguyễn Thị Hồng Nhung</hoTen>
              <diaChi>Số 1 Tràng Tiền, Hoàn Kiếm, Hà Nội</diaChi>
              <ghiChu><![CDATA[a < b & "c"]]>&#x1EC7;</ghiChu>
            </hoSo>
            """;

    private static HsmToken hsm;
    private static TestPki.Ca ca;
    private static byte[] crl;
    private static final Map<KeySpec, SignerIdentity> CITIZENS = new EnumMap<>(KeySpec.class);
    private static XadesSigner signer;
    private static KeySigner keys;

    @TempDir
    Path dir;

    @BeforeAll
    static void createCitizens() {
        hsm = Pkcs11HsmToken.open(SoftHsm.freshToken()); // before anything else loads libsofthsm2
        ca = TestPki.Ca.create("Kyso XML Test CA");
        for (KeySpec spec : List.of(KeySpec.EC_P256, KeySpec.RSA_2048)) {
            String alias = "xades-" + spec + "-" + UUID.randomUUID();
            KeyEntry key = hsm.generate(alias, spec, ca.issuing("Nguyễn Thị Hồng Nhung " + spec));
            CITIZENS.put(spec, new SignerIdentity(alias, spec, "Nguyễn Thị Hồng Nhung", key.chain()));
        }
        crl = ca.crl(Instant.now()); // after every certificate's notBefore, as DSS's default policy wants
        signer = new XadesSigner();
        keys = new KeySigner(hsm);
    }

    @AfterAll
    static void closeToken() {
        if (hsm != null) {
            hsm.close();
        }
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"EC_P256", "RSA_2048"})
    void shouldProduceEnvelopedSignatureThatDssAndXmlsec1Accept(KeySpec spec) throws Exception {
        Path signed = signEnveloped(HO_SO.getBytes(StandardCharsets.UTF_8), spec);

        IndependentValidators.assertXmlsec1Valid(signed, ca.certificate());
        assertDssAccepts(signed);
    }

    @ParameterizedTest
    @EnumSource(value = KeySpec.class, names = {"EC_P256", "RSA_2048"})
    void shouldProduceDetachedSignatureThatDssAndXmlsec1Accept(KeySpec spec) throws Exception {
        String name = "Tờ khai hộ tịch #1.xml";
        Path original = Files.writeString(dir.resolve(name), HO_SO);
        Path signature = sign(original, dir.resolve("signature.xml"), spec, XmlPackaging.DETACHED, name);

        IndependentValidators.assertXmlsec1Valid(signature, ca.certificate());
        assertDssAccepts(signature, original);
        assertEquals("T%E1%BB%9D%20kh", referenceUris(signature).get(0).substring(0, 15));
    }

    @Test
    void shouldFailDssAndXmlsec1WhenSignedContentChanges() throws Exception {
        Path signed = signEnveloped(HO_SO.getBytes(StandardCharsets.UTF_8), KeySpec.EC_P256);
        String text = Files.readString(signed);
        assertTrue(text.contains("Hồng Nhung"));
        Path tampered = Files.writeString(dir.resolve("tampered.xml"), text.replace("Hồng Nhung", "Hồng Nhunh"));

        IndependentValidators.assertXmlsec1Invalid(tampered, ca.certificate());
        assertDssRejects(tampered);
    }

    @Test
    void shouldFailDssAndXmlsec1WhenDetachedOriginalChanges() throws Exception {
        String name = "ho-so.xml";
        Path original = Files.writeString(dir.resolve(name), HO_SO);
        Path signature = sign(original, dir.resolve("signature.xml"), KeySpec.RSA_2048, XmlPackaging.DETACHED, name);
        Files.writeString(original, HO_SO.replace("Hà Nội", "Hải Phòng"));

        IndependentValidators.assertXmlsec1Invalid(signature, ca.certificate());
        assertDssRejects(signature, original);
    }

    @Test
    void shouldKeepEveryByteOfOriginalOutsideSignature() throws Exception {
        byte[] original = HO_SO.getBytes(StandardCharsets.UTF_8);

        byte[] signed = Files.readAllBytes(signEnveloped(original, KeySpec.EC_P256));

        assertArrayEquals(original, withoutSignature(signed, StandardCharsets.UTF_8));
        assertTrue(new String(signed, StandardCharsets.UTF_8).contains("<hoTen>Nguyễn Thị Hồng Nhung</hoTen>"));
    }

    /** The original's encoding, byte order mark included, is the output's. */
    @ParameterizedTest
    @ValueSource(strings = {"ISO-8859-1", "UTF-16LE", "UTF-16BE", "UTF-8"})
    void shouldKeepOriginalEncoding(String encoding) throws Exception {
        Charset charset = Charset.forName(encoding);
        boolean unicode = !encoding.startsWith("ISO");
        String declared = encoding.startsWith("UTF-16") ? "UTF-16" : encoding;
        String xml = (unicode ? "\uFEFF" : "") + "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>\n<donThu>"
                + (unicode ? "Nguyễn Thị Hồng Nhung" : "José Müller") + "</donThu>\r\n<!-- end -->\n";
        byte[] original = xml.getBytes(charset);

        Path signed = signEnveloped(original, KeySpec.EC_P256);

        assertArrayEquals(original, withoutSignature(Files.readAllBytes(signed), charset));
        IndependentValidators.assertXmlsec1Valid(signed, ca.certificate());
        assertDssAccepts(signed);
    }

    @Test
    void shouldSignEmptyRootFollowedByCommentsAndProcessingInstructions() throws Exception {
        String xml = "<?xml version='1.0'?>\n<hoSo id='x'  />\n<!-- </hoSo> -->\n<?kyso a?>\n";

        Path signed = signEnveloped(xml.getBytes(StandardCharsets.UTF_8), KeySpec.EC_P256);

        String text = Files.readString(signed);
        assertTrue(text.startsWith("<?xml version='1.0'?>\n<hoSo id='x'  ><ds:Signature"), text);
        assertTrue(text.endsWith("</ds:Signature></hoSo>\n<!-- </hoSo> -->\n<?kyso a?>\n"), text);
        IndependentValidators.assertXmlsec1Valid(signed, ca.certificate());
        assertDssAccepts(signed);
    }

    @Test
    void shouldSignClaimedTimeCertificateDocumentFormatAndWholeChain() throws Exception {
        Instant time = Instant.parse("2025-03-04T05:06:07.890Z");
        Path signed = sign(write(HO_SO), dir.resolve("signed.xml"), KeySpec.RSA_2048, XmlPackaging.ENVELOPED,
                "ho-so.xml", time);

        Element signature = signatureOf(signed);
        String dataReferenceId = ((Element) signature.getElementsByTagNameNS(DS, "Reference").item(0)).getAttribute("Id");
        assertEquals("2025-03-04T05:06:07Z", text(signature, XadesProperties.XADES_NS, "SigningTime"));
        assertEquals("application/xml", text(signature, XadesProperties.XADES_NS, "MimeType"));
        assertEquals("#" + dataReferenceId, ((Element) signature.getElementsByTagNameNS(XadesProperties.XADES_NS,
                "DataObjectFormat").item(0)).getAttribute("ObjectReference"));
        assertEquals(2, signature.getElementsByTagNameNS(DS, "X509Certificate").getLength());
        X509Certificate certificate = CITIZENS.get(KeySpec.RSA_2048).chain().get(0);
        IssuerSerial issuerSerial = IssuerSerial.getInstance(
                Base64.getDecoder().decode(text(signature, XadesProperties.XADES_NS, "IssuerSerialV2")));
        assertEquals(certificate.getSerialNumber(), issuerSerial.getSerial().getValue());
        assertEquals(X500Name.getInstance(certificate.getIssuerX500Principal().getEncoded()),
                issuerSerial.getIssuer().getNames()[0].getName());
        assertEquals(XadesSigner.RSA_SHA256, ((Element) signature.getElementsByTagNameNS(DS, "SignatureMethod")
                .item(0)).getAttribute("Algorithm"));
    }

    @Test
    void shouldRefuseDetachedSignatureWithoutDocumentName() throws Exception {
        Path input = write(HO_SO);

        assertThrows(IllegalArgumentException.class, () -> sign(input, dir.resolve("out.xml"), KeySpec.EC_P256,
                XmlPackaging.DETACHED, null));
    }

    @Test
    void shouldConvertDerEcdsaValueToFixedLengthRawValue() throws Exception {
        // r = 1 (short), s = 0x80 followed by 31 bytes (33-byte DER integer with its sign byte)
        byte[] s = new byte[32];
        s[0] = (byte) 0x80;
        s[31] = 7;
        byte[] der = new DERSequence(new ASN1Encodable[] {new ASN1Integer(1), new ASN1Integer(new BigInteger(1, s))})
                .getEncoded();

        byte[] raw = XadesSigner.rawEcdsa(der, 32);

        assertEquals(64, raw.length);
        assertEquals(1, raw[31]);
        assertArrayEquals(s, Arrays.copyOfRange(raw, 32, 64));
    }

    /** DSS: TOTAL_PASSED as XAdES-BASELINE-B; {@code originals} are a detached signature's documents. */
    private static void assertDssAccepts(Path signed, Path... originals) {
        IndependentValidators.assertDssPasses(
                IndependentValidators.validateXmlWithDss(signed, List.of(originals), ca.certificate(), crl),
                "XAdES-BASELINE-B");
    }

    private static void assertDssRejects(Path signed, Path... originals) {
        IndependentValidators.assertDssFails(
                IndependentValidators.validateXmlWithDss(signed, List.of(originals), ca.certificate(), crl));
    }

    private Path signEnveloped(byte[] original, KeySpec spec) throws Exception {
        Path input = Files.write(dir.resolve("original-" + UUID.randomUUID()), original);
        return sign(input, dir.resolve("signed-" + UUID.randomUUID() + ".xml"), spec, XmlPackaging.ENVELOPED, "ho-so.xml");
    }

    private Path sign(Path input, Path output, KeySpec spec, XmlPackaging packaging, String name) throws Exception {
        return sign(input, output, spec, packaging, name, Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }

    private Path sign(Path input, Path output, KeySpec spec, XmlPackaging packaging, String name, Instant time)
            throws Exception {
        DocumentOptions options = new DocumentOptions(null, null, null, packaging, SignatureLevel.B_B, null);
        signer.sign(input, output, CITIZENS.get(spec), new SigningContext(time, "Ký hồ sơ", options, name, "application/xml",
                SignatureLevel.B_B, output.getParent()), keys);
        return output;
    }

    private Path write(String xml) throws Exception {
        return Files.writeString(dir.resolve("input-" + UUID.randomUUID() + ".xml"), xml);
    }

    /** The signed bytes with the one ds:Signature element cut out. */
    private static byte[] withoutSignature(byte[] signed, Charset charset) {
        byte[] open = "<ds:Signature ".getBytes(charset);
        byte[] close = "</ds:Signature>".getBytes(charset);
        int start = indexOf(signed, open, 0);
        int end = indexOf(signed, close, start) + close.length;
        assertTrue(start >= 0 && end > start && indexOf(signed, open, end) < 0, "expected exactly one ds:Signature");
        byte[] rest = Arrays.copyOf(signed, signed.length - (end - start));
        System.arraycopy(signed, end, rest, start, signed.length - end);
        return rest;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(from, 0); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static Element signatureOf(Path signed) throws Exception {
        Document doc = SafeXml.parse(signed);
        return (Element) doc.getElementsByTagNameNS(DS, "Signature").item(0);
    }

    private static List<String> referenceUris(Path signature) throws Exception {
        NodeList references = signatureOf(signature).getElementsByTagNameNS(DS, "Reference");
        return IntStream.range(0, references.getLength())
                .mapToObj(i -> ((Element) references.item(i)).getAttribute("URI")).toList();
    }

    private static String text(Element scope, String namespace, String localName) {
        return scope.getElementsByTagNameNS(namespace, localName).item(0).getTextContent();
    }
}
