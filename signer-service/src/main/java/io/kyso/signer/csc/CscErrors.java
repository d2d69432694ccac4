package io.kyso.signer.csc;

import io.kyso.hsm.HsmException;
import io.kyso.hsm.PinIncorrectException;
import io.kyso.hsm.TokenUnavailableException;
import io.kyso.signer.enrollment.CredentialRevokedException;
import io.kyso.signer.enrollment.CredentialUnusableException;
import io.kyso.signer.problem.ErrorReference;
import io.kyso.signer.problem.KysoException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Supplier;

/**
 * Runs a CSC call and answers every failure in the specification's words: Kyso's own refusals and
 * outages become {@link CscException}s (an HSM or database outage is 503
 * {@code temporarily_unavailable}, nothing changed; anything unexpected is 500 {@code server_error}
 * with a reference to the log line and nothing else).
 */
public final class CscErrors {
    private static final Logger LOG = LoggerFactory.getLogger(CscErrors.class);

    private CscErrors() {
    }

    public static <T> T guard(Supplier<T> call) {
        try {
            return call.get();
        } catch (CscException e) {
            throw e;
        } catch (CredentialRevokedException e) {
            throw CscException.invalidRequest("The credential's certificate is revoked");
        } catch (CredentialUnusableException e) {
            throw CscException.invalidRequest("The credential cannot sign now (" + e.state() + ")");
        } catch (TokenUnavailableException | PinIncorrectException e) {
            LOG.warn("CSC call: HSM unavailable: {}", e.getMessage());
            throw CscException.unavailable("The signing device is unavailable; nothing was signed. Try again later");
        } catch (KysoException e) {
            if (e.problem().status() == 503) {
                throw CscException.unavailable(e.problem().detail());
            }
            if (e.problem().status() < 500) {
                throw CscException.invalidRequest(e.problem().detail());
            }
            throw serverError(e);
        } catch (HsmException | IllegalStateException e) {
            throw serverError(e);
        }
    }

    private static CscException serverError(RuntimeException e) {
        String ref = ErrorReference.next();
        LOG.error("CSC call failed [ref {}]", ref, e);
        return new CscException(500, "server_error", "An unexpected error occurred. Reference: " + ref);
    }
}
