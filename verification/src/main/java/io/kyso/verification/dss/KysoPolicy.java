package io.kyso.verification.dss;

import eu.europa.esig.dss.enumerations.Level;
import eu.europa.esig.dss.model.policy.ValidationPolicy;
import eu.europa.esig.dss.policy.EtsiValidationPolicy;
import eu.europa.esig.dss.policy.ValidationPolicyFacade;
import eu.europa.esig.dss.policy.jaxb.LevelConstraint;
import eu.europa.esig.dss.validation.policy.ValidationPolicyLoader;

/**
 * Kyso's validation policy: EU DSS's default policy ({@code constraint.xml}) and its default
 * cryptographic suite, with two checks raised from WARN to FAIL, because a public-service dossier
 * must be refused in these cases, not merely annotated:
 * <ul>
 *   <li><b>PdfVisualDifference</b>: a PDF page looks different from what was signed (a shadow attack
 *       through an incremental update). DSS finds it but, by default, only warns.</li>
 *   <li><b>FullScope</b>, for XML only: the signature must cover the whole document. An enveloped
 *       signature over one element (signature wrapping: the signed element moved or hidden, an
 *       unsigned root beside it) is what a reader of the document would process unsigned. Not for
 *       PDF, where a signature followed by a later one legitimately covers only its revision.</li>
 * </ul>
 * Everything else is DSS's default, so Kyso's verdicts stay comparable with any DSS-based validator.
 */
public final class KysoPolicy {
    /** Named in every report, so a reader knows what judged. */
    public static final String NAME = "EU DSS 6.3 default policy + Kyso (PdfVisualDifference FAIL, XML FullScope FAIL)";

    private final ValidationPolicy pdf;
    private final ValidationPolicy xml;

    private KysoPolicy(ValidationPolicy pdf, ValidationPolicy xml) {
        this.pdf = pdf;
        this.xml = xml;
    }

    /** Loads DSS's default policy twice and adjusts each; a failure here is a packaging error. */
    public static KysoPolicy load() {
        EtsiValidationPolicy pdf = defaultPolicy();
        pdf.getSignatureConstraints().getBasicSignatureConstraints().setPdfVisualDifference(fail());
        EtsiValidationPolicy xml = defaultPolicy();
        xml.getSignatureConstraints().setFullScope(fail());
        return new KysoPolicy(withCryptography(pdf), withCryptography(xml));
    }

    /** The policy for PDF and CMS signatures. */
    public ValidationPolicy pdf() {
        return pdf;
    }

    public ValidationPolicy xml() {
        return xml;
    }

    private static EtsiValidationPolicy defaultPolicy() {
        try {
            return (EtsiValidationPolicy) ValidationPolicyFacade.newFacade().getDefaultValidationPolicy();
        } catch (Exception e) {
            throw new IllegalStateException("EU DSS's default validation policy cannot be loaded", e);
        }
    }

    private static ValidationPolicy withCryptography(EtsiValidationPolicy policy) {
        return ValidationPolicyLoader.fromValidationPolicy(policy).withDefaultCryptographicSuite().create();
    }

    private static LevelConstraint fail() {
        LevelConstraint constraint = new LevelConstraint();
        constraint.setLevel(Level.FAIL);
        return constraint;
    }
}
