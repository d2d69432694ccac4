package io.kyso.signer.signing.xades;

import io.kyso.signer.signing.DataToSign;
import io.kyso.signer.signing.PendingSignature;
import io.kyso.signer.signing.DocumentSigner;
import io.kyso.signer.signing.SignerIdentity;
import io.kyso.signer.signing.SigningContext;
import io.kyso.signer.xml.SafeXml;
import io.kyso.hsm.DigestAlgorithm;
import io.kyso.signer.signing.DocumentOptions.XmlPackaging;
import io.kyso.signer.signing.LongTermSources;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.apache.xml.security.Init;
import org.apache.xml.security.algorithms.MessageDigestAlgorithm;
import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.keys.content.X509Data;
import org.apache.xml.security.signature.ObjectContainer;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.apache.xml.security.utils.Constants;
import org.apache.xml.security.utils.XMLUtils;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.util.BigIntegers;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SignatureException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.UUID;

/**
 * XAdES baseline signatures (ETSI EN 319 132-1) on Apache Santuario, in stages; above B-B taken to
 * their level by {@link XadesAugmentation}. {@link #prepare} builds the
 * ds:Signature with its signed properties and the references' digests and canonicalizes SignedInfo:
 * its SHA-256 is what the key signs. The pending signature ({@link XadesPending}) puts the value into
 * ds:SignatureValue and writes the output. No private key is ever handed to Santuario.
 *
 * <p>Enveloped (default): the signature is the last child of the root, over {@code URI=""} with the
 * enveloped-signature and exclusive C14N transforms, and is spliced into the original's bytes (see
 * {@link XmlSplice}). Detached: the output is a ds:Signature document whose reference points to the
 * original by its name as the portal gave it, so the two files must be kept side by side.
 *
 * <p>Every output is read back and verified with Santuario (secure validation on) before it is
 * handed over: the splice, unlike a DOM serialization, is our own code.
 *
 * <p>Stateless and thread-safe.
 */
@Singleton
public class XadesSigner implements DocumentSigner {
    static final String ECDSA_SHA256 = XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256;
    static final String RSA_SHA256 = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256;
    static final String RSA_PSS_SHA256 = XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256_MGF1;
    private static final String SHA256 = MessageDigestAlgorithm.ALGO_ID_DIGEST_SHA256;
    private static final String EXCLUSIVE_C14N = Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS;
    static {
        Init.init();
    }

    private final XadesAugmentation augmentation;

    /** Signs at any level, with the service's timestamps and revocation data. */
    @Inject
    public XadesSigner(LongTermSources sources) {
        this.augmentation = new XadesAugmentation(sources);
    }

    /** Signs at B-B only (no timestamping authority, no revocation sources). */
    public XadesSigner() {
        this(LongTermSources.NONE);
    }

    @Override
    public boolean supports(String contentType) {
        return "application/xml".equals(contentType) || "text/xml".equals(contentType);
    }

    @Override
    public PendingSignature prepare(Path input, SignerIdentity signer, SigningContext context)
            throws IOException, GeneralSecurityException {
        try {
            return context.options().packaging() == XmlPackaging.DETACHED
                    ? prepareDetached(input, signer, context) : prepareEnveloped(input, signer, context);
        } catch (XMLSecurityException e) {
            throw new SignatureException("cannot build the XML signature", e);
        }
    }

    private PendingSignature prepareEnveloped(Path input, SignerIdentity signer, SigningContext context)
            throws IOException, XMLSecurityException {
        Document doc = parse(input);
        Ids ids = Ids.random();
        XMLSignature signature = newSignature(doc, signer, context, ids);
        doc.getDocumentElement().appendChild(signature.getElement());
        Transforms transforms = new Transforms(doc);
        transforms.addTransform(Transforms.TRANSFORM_ENVELOPED_SIGNATURE);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("", transforms, SHA256, ids.dataReference(), null);
        DataToSign data = complete(doc, signature, signer, context, ids);
        return new XadesPending(data, signer, signature, Placement.enveloped(input, doc, signer.chain().get(0)),
                context, augmentation);
    }

    private PendingSignature prepareDetached(Path input, SignerIdentity signer, SigningContext context)
            throws IOException, XMLSecurityException {
        Document doc = SafeXml.newDocument();
        Ids ids = Ids.random();
        XMLSignature signature = newSignature(doc, signer, context, ids);
        doc.appendChild(signature.getElement());
        DetachedOriginal original = new DetachedOriginal(context.documentName(), input);
        signature.addResourceResolver(original.resolver());
        signature.addDocument(original.uri(), null, SHA256, ids.dataReference(), null);
        DataToSign data = complete(doc, signature, signer, context, ids);
        return new XadesPending(data, signer, signature, Placement.detached(original, signer.chain().get(0)),
                context, augmentation);
    }

    private static XMLSignature newSignature(Document doc, SignerIdentity signer, SigningContext context, Ids ids)
            throws XMLSecurityException {
        String algorithm = switch (signer.schemeFor(context.options())) {
            case ECDSA -> ECDSA_SHA256;
            case RSA_PKCS1_V15 -> RSA_SHA256;
            case RSA_PSS -> RSA_PSS_SHA256;
        };
        XMLSignature signature = new XMLSignature(doc, null, algorithm, EXCLUSIVE_C14N);
        signature.setId(ids.signature());
        return signature;
    }

    /**
     * Adds the signed properties and the chain, computes the references' digests, and returns what
     * the key signs: the SHA-256 of the canonical SignedInfo.
     */
    private DataToSign complete(Document doc, XMLSignature signature, SignerIdentity signer, SigningContext context,
                                Ids ids) throws XMLSecurityException, IOException {
        X509Certificate certificate = signer.chain().get(0);
        XadesProperties properties = new XadesProperties(ids.signature(), ids.properties(), ids.dataReference(),
                context.signingTime(), certificate, context.contentType());
        ObjectContainer object = new ObjectContainer(doc);
        object.appendChild(properties.build(doc));
        signature.appendObject(object);
        Transforms transforms = new Transforms(doc);
        transforms.addTransform(Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);
        signature.addDocument("#" + ids.properties(), transforms, SHA256, null, XadesProperties.SIGNED_PROPERTIES_TYPE);

        // the whole chain: validators (xmlsec1 among them) need the intermediates to build a path
        X509Data chain = new X509Data(doc);
        for (X509Certificate c : signer.chain()) {
            chain.addCertificate(c);
        }
        signature.getKeyInfo().add(chain);

        signature.getSignedInfo().generateDigestValues();
        byte[] digest = XadesProperties.sha256(signature.getSignedInfo().getCanonicalizedOctetStream());
        return new DataToSign(DigestAlgorithm.SHA256, digest, signer.schemeFor(context.options()));
    }

    /** DER {@code SEQUENCE { r, s }} to the fixed-length concatenation of RFC 4050 / XML-DSig 1.1. */
    static byte[] rawEcdsa(byte[] der, int fieldBytes) throws IOException {
        try {
            ASN1Sequence sequence = ASN1Sequence.getInstance(der);
            if (sequence.size() != 2) {
                throw new IOException("an ECDSA value has two integers, not " + sequence.size());
            }
            byte[] raw = new byte[2 * fieldBytes];
            for (int i = 0; i < 2; i++) {
                byte[] part = BigIntegers.asUnsignedByteArray(fieldBytes,
                        ASN1Integer.getInstance(sequence.getObjectAt(i)).getValue());
                System.arraycopy(part, 0, raw, i * fieldBytes, fieldBytes);
            }
            return raw;
        } catch (IllegalArgumentException e) {
            throw new IOException("the HSM returned an ECDSA value that is not DER SEQUENCE { r, s }", e);
        }
    }

    static Element signatureValueElement(XMLSignature signature) {
        return XMLUtils.selectDsNode(signature.getElement().getFirstChild(), Constants._TAG_SIGNATUREVALUE, 0);
    }

    /** Physical form of our own ds:Signature (ASCII only: URIs, Ids, Base64), without an XML declaration. */
    static String markupOf(Element signature) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        XMLUtils.outputDOM(signature, out, false);
        return out.toString(StandardCharsets.UTF_8);
    }

    private static Document parse(Path input) throws IOException {
        try {
            return SafeXml.parse(input);
        } catch (SAXException e) {
            // the document passed XmlInspector at intake: failing now is ours, not the portal's
            throw new IOException("an XML document accepted at intake no longer parses", e);
        }
    }

    /** Fresh Ids per signature, so none collides with the document's own or another signature's. */
    private record Ids(String signature, String properties, String dataReference) {
        static Ids random() {
            String suffix = UUID.randomUUID().toString();
            return new Ids("sig-" + suffix, "xades-" + suffix, "ref-data-" + suffix);
        }
    }
}
