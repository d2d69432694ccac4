package io.kyso.signer.pki;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.security.cert.X509Certificate;
import java.util.List;

/** Publishes the CA chain and the CRL, so that validators can check citizens' certificates. */
@Controller("/pki")
@ExecuteOn(TaskExecutors.BLOCKING)
public class PkiController {
    private final CertificateAuthority ca;

    public PkiController(CertificateAuthority ca) {
        this.ca = ca;
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
}
