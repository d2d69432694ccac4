package io.kyso.signer.request;

import io.kyso.signer.confirmation.OtpConfiguration;
import jakarta.inject.Singleton;

/** Renders requests for the API with the service's public URL and code rules. */
@Singleton
public class SigningRequestViews {
    private final SigningConfiguration signing;
    private final OtpConfiguration otp;

    public SigningRequestViews(SigningConfiguration signing, OtpConfiguration otp) {
        this.signing = signing;
        this.otp = otp;
    }

    public SigningRequestView of(SigningRequest request) {
        return SigningRequestView.of(request, signing.publicUrl(), otp.maxAttempts());
    }
}
