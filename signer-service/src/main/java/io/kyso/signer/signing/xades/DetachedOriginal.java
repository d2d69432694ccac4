package io.kyso.signer.signing.xades;

import org.apache.xml.security.signature.XMLSignatureInput;
import org.apache.xml.security.utils.resolver.ResourceResolverContext;
import org.apache.xml.security.utils.resolver.ResourceResolverException;
import org.apache.xml.security.utils.resolver.ResourceResolverSpi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The document a detached signature covers: its name as the portal gave it (which becomes the
 * reference's relative URI, so the signature finds it beside itself) and where Kyso stores it.
 */
record DetachedOriginal(String name, Path file) {

    DetachedOriginal {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a detached signature needs the document's name");
        }
    }

    /**
     * The name as a relative URI of one path segment: every octet of its UTF-8 form outside RFC
     * 3986's unreserved characters is percent-encoded, so '/', '#', ':', spaces and Vietnamese
     * letters can neither change what the URI means nor trip a validator.
     */
    String uri() {
        StringBuilder uri = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                uri.append(c);
            } else {
                uri.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return uri.toString();
    }

    /** Resolves exactly {@link #uri()} to the stored file's octets; every other URI is left to Santuario. */
    ResourceResolverSpi resolver() {
        String uri = uri();
        return new ResourceResolverSpi() {
            @Override
            public boolean engineCanResolveURI(ResourceResolverContext context) {
                return uri.equals(context.uriToResolve);
            }

            @Override
            public XMLSignatureInput engineResolveURI(ResourceResolverContext context)
                    throws ResourceResolverException {
                try {
                    XMLSignatureInput input = new XMLSignatureInput(Files.readAllBytes(file));
                    input.setSourceURI(uri);
                    return input;
                } catch (IOException e) {
                    throw new ResourceResolverException(e, uri, context.baseUri, "generic.EmptyMessage");
                }
            }
        };
    }
}
