package io.kyso.signer.pki;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * Publishes what validators need to check Kyso's certificates, at the URLs written into them: the
 * CA certificates (PEM, and DER for Authority Information Access), the CRLs, and the OCSP responder
 * (RFC 6960, by POST and by GET).
 */
@Controller("/pki")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PkiController {
    static final String OCSP_REQUEST = "application/ocsp-request";
    static final String OCSP_RESPONSE = "application/ocsp-response";
    private static final String DER_CERTIFICATE = "application/pkix-cert";

    private final CertificateAuthority ca;
    private final OcspResponder ocsp;

    public PkiController(CertificateAuthority ca, OcspResponder ocsp) {
        this.ca = ca;
        this.ocsp = ocsp;
    }

    @Get(value = "/crl", produces = "application/pkix-crl")
    public HttpResponse<byte[]> crl() {
        return HttpResponse.ok(ca.crl()).header("Cache-Control", "max-age=60");
    }

    @Get(value = "/root-crl", produces = "application/pkix-crl")
    public HttpResponse<byte[]> rootCrl() {
        return ca.rootCrl().map(crl -> HttpResponse.ok(crl).header("Cache-Control", "max-age=60"))
                .orElseGet(HttpResponse::notFound);
    }

    /** The root certificate alone, in PEM: the trust anchor to give a validator. */
    @Get(value = "/root-ca", produces = "application/x-pem-file")
    public String root() {
        List<X509Certificate> chain = ca.caChain();
        return Pem.certificate(chain.get(chain.size() - 1));
    }

    /** The CA chain in PEM, issuing CA first, root last. */
    @Get(value = "/ca", produces = "application/x-pem-file")
    public String chain() {
        StringBuilder pem = new StringBuilder();
        for (X509Certificate cert : ca.caChain()) {
            pem.append(Pem.certificate(cert));
        }
        return pem.toString();
    }

    /** The issuing CA's certificate in DER: the caIssuers of every end-entity certificate. */
    @Get(value = "/issuing-ca.cer", produces = DER_CERTIFICATE)
    public HttpResponse<byte[]> issuingCaDer() {
        return der(ca.caChain().get(0));
    }

    /** The root's certificate in DER: the caIssuers of the issuing CA's certificate. */
    @Get(value = "/root-ca.cer", produces = DER_CERTIFICATE)
    public HttpResponse<byte[]> rootDer() {
        List<X509Certificate> chain = ca.caChain();
        return der(chain.get(chain.size() - 1));
    }

    @Post(value = "/ocsp", consumes = OCSP_REQUEST, produces = OCSP_RESPONSE)
    public HttpResponse<byte[]> ocsp(@Body byte[] request) {
        return HttpResponse.ok(ocsp.respond(request)).header("Cache-Control", "no-store");
    }

    /**
     * RFC 6960 appendix A.1: the DER request, base64, URL-encoded, as the last part of the path.
     * Base64 holds '/', so the variable takes the rest of the path; URL-safe base64 is read too.
     */
    @Get(value = "/ocsp/{+encoded}", produces = OCSP_RESPONSE)
    public HttpResponse<byte[]> ocspGet(String encoded) {
        byte[] request;
        try {
            // a '+' left unencoded reads as a space once decoded (here or by the router)
            String base64 = URLDecoder.decode(encoded, StandardCharsets.US_ASCII).replace(' ', '+')
                    .replace('-', '+').replace('_', '/');
            request = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            request = new byte[0];  // answered malformedRequest, as garbage posted would be
        }
        return ocsp(request);
    }

    private static HttpResponse<byte[]> der(X509Certificate certificate) {
        try {
            return HttpResponse.ok(certificate.getEncoded()).header("Cache-Control", "max-age=3600");
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }
}
