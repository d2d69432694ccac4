package io.kyso.signer.signing.xades;

import org.w3c.dom.Document;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * Where a finished XML signature goes, and the check of what was written: spliced into the
 * original's unchanged bytes as the root's last child (enveloped), or a file of its own next to
 * the original it names (detached). Every output is read back and verified before it is handed on.
 */
interface Placement {
    /** What a detached signature file starts with (what Santuario wrote before signatures took levels). */
    String XML_DECLARATION = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    /** Writes the document with {@code signatureMarkup} as its signature into {@code output}, and checks it. */
    void write(String signatureMarkup, Path output) throws IOException, GeneralSecurityException;

    /** The document a detached signature covers; null if enveloped. */
    DetachedOriginal detached();

    /** Into {@code original}'s bytes; {@code parsed} is the original as parsed, for its encoding and root. */
    static Placement enveloped(Path original, Document parsed, X509Certificate signer) {
        return new Placement() {
            @Override
            public void write(String markup, Path output) throws IOException, GeneralSecurityException {
                XmlSplice.insertAsLastChildOfRoot(original, parsed, markup, output);
                XadesSelfCheck.requireValid(output, null, signer);
            }

            @Override
            public DetachedOriginal detached() {
                return null;
            }
        };
    }

    /** A signature file of its own, covering {@code original}. */
    static Placement detached(DetachedOriginal original, X509Certificate signer) {
        return new Placement() {
            @Override
            public void write(String markup, Path output) throws IOException, GeneralSecurityException {
                Files.writeString(output, XML_DECLARATION + markup, StandardCharsets.UTF_8);
                XadesSelfCheck.requireValid(output, original, signer);
            }

            @Override
            public DetachedOriginal detached() {
                return original;
            }
        };
    }
}
