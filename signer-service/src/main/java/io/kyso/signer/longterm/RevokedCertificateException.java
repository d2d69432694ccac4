package io.kyso.signer.longterm;

import io.kyso.signer.problem.ErrorCode;
import io.kyso.signer.problem.KysoException;

import java.security.cert.X509Certificate;

/**
 * The CA says a certificate of the chain (the signer's, its CA's, the timestamping unit's) is
 * revoked: no long-term signature is made that would carry that proof against itself.
 */
public final class RevokedCertificateException extends KysoException {
    RevokedCertificateException(X509Certificate certificate) {
        super(ErrorCode.CERTIFICATE_REVOKED, "The certificate " + certificate.getSerialNumber().toString(16)
                + " issued by " + certificate.getIssuerX500Principal().getName() + " is revoked; nothing was signed.");
    }
}
