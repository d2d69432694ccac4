package io.kyso.signer.request;

import io.kyso.signer.enrollment.Citizen;
import io.kyso.signer.portal.Portal;

/**
 * A signing request was created and committed. Published synchronously, after the commit and
 * before the portal's answer: whoever must act on a new request (the confirmation feature sends the
 * citizen a code) does so before the portal hears of it, without the request lifecycle knowing who.
 */
public record RequestCreated(Portal portal, Citizen citizen, SigningRequest request) {
}
