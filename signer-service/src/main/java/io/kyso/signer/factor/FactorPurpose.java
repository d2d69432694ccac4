package io.kyso.signer.factor;

/**
 * What a factor code proves a citizen's hold of a phone or an email address for. Each purpose is a
 * separate space of codes: a code sent for one never works for another. Stored: never rename one.
 */
public enum FactorPurpose {
    /** Activating a newly enrolled credential: the enrolled phone (and email). */
    ACTIVATION,
    /** Opening the citizen's own page. */
    LOGIN,
    /** An invitation to enroll an authenticator app, sent through the citizen's existing channel. */
    AUTHENTICATOR_INVITATION,
    /** A phone number the citizen wants to receive codes on from now on. */
    NEW_PHONE,
    /** An email address the citizen adds or changes. */
    NEW_EMAIL
}
