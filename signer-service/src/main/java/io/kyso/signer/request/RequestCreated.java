package io.kyso.signer.request;

import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.portal.Portal;

/** A signing request being created: who asked, for whom, and the request as it is inserted. */
public record RequestCreated(Portal portal, Citizen citizen, SigningRequest request) {
}
