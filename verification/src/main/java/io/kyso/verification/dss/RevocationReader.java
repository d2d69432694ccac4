package io.kyso.verification.dss;

import eu.europa.esig.dss.detailedreport.DetailedReport;
import eu.europa.esig.dss.detailedreport.jaxb.XmlBasicBuildingBlocks;
import eu.europa.esig.dss.detailedreport.jaxb.XmlSubXCV;
import eu.europa.esig.dss.diagnostic.CertificateRevocationWrapper;
import eu.europa.esig.dss.diagnostic.CertificateWrapper;
import eu.europa.esig.dss.diagnostic.RelatedRevocationWrapper;
import eu.europa.esig.dss.diagnostic.SignatureWrapper;
import eu.europa.esig.dss.diagnostic.TimestampWrapper;
import eu.europa.esig.dss.enumerations.RevocationOrigin;
import io.kyso.verification.trust.TrustMaterial;
import io.kyso.verification.report.CertificateRevocation;
import io.kyso.verification.report.CertificateRevocation.Datum;
import io.kyso.verification.report.RevocationSource;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads where the revocation data of a signature's chain came from: embedded in the file (and where
 * in it), given to the verifier, or fetched (and from which address). Reads, never judges.
 */
final class RevocationReader {

    private RevocationReader() {
    }

    /** Each certificate of the chain below the trust anchor, signer first. */
    static List<CertificateRevocation> read(DetailedReport detailed, SignatureWrapper signature) {
        Map<String, String> used = usedRevocations(detailed, signature.getId());
        Map<String, Set<String>> embeddedIn = embeddedIn(signature);
        List<CertificateRevocation> chain = new ArrayList<>();
        for (CertificateWrapper certificate : signature.getCertificateChain()) {
            if (certificate.isTrusted() || certificate.isSelfSigned()) {
                break; // an anchor is trusted as such, and nothing above it is checked
            }
            List<Datum> data = certificate.getCertificateRevocationData().stream()
                    .sorted(Comparator.comparing(CertificateRevocationWrapper::getProductionDate,
                            Comparator.nullsLast(Comparator.reverseOrder())))
                    .map(r -> datum(r, embeddedIn, r.getId().equals(used.get(certificate.getId()))))
                    .toList();
            chain.add(new CertificateRevocation(
                    CertificateNames.readable(TrustMaterial.certificate(certificate.getBinaries()).getSubjectX500Principal()),
                    TrustMaterial.certificate(certificate.getBinaries()).getSerialNumber().toString(16),
                    source(data), data));
        }
        return chain;
    }

    /** What DSS relied on: the datum it selected, else the first embedded, fetched, configured one. */
    static RevocationSource source(List<Datum> data) {
        return data.stream().filter(Datum::used).map(Datum::source).findFirst()
                .or(() -> data.stream().map(Datum::source).min(Comparator.naturalOrder()))
                .orElse(RevocationSource.NONE);
    }

    private static Datum datum(CertificateRevocationWrapper revocation, Map<String, Set<String>> embeddedIn,
                               boolean used) {
        RevocationSource source;
        List<String> where = List.of();
        String url = null;
        if (revocation.getOrigin() == null || revocation.getOrigin().isInternalOrigin()) {
            source = RevocationSource.EMBEDDED;
            where = List.copyOf(embeddedIn.getOrDefault(revocation.getId(),
                    Set.of(RevocationOrigin.INPUT_DOCUMENT.name())));
        } else if (revocation.getSourceAddress() != null) {
            // DSS keeps the address only for what its online sources fetched
            source = RevocationSource.FETCHED;
            url = revocation.getSourceAddress();
        } else {
            source = RevocationSource.CONFIGURED;
        }
        return new Datum(revocation.getRevocationType() == null ? null : revocation.getRevocationType().name(),
                source, where, url, revocation.getStatus() == null ? null : revocation.getStatus().name(),
                SignatureReader.instant(revocation.getProductionDate()), used);
    }

    /** Where in the file each embedded revocation datum sits, by its id: the signature's and its timestamps'. */
    private static Map<String, Set<String>> embeddedIn(SignatureWrapper signature) {
        Map<String, Set<String>> where = new HashMap<>();
        collect(where, signature.foundRevocations().getRelatedRevocationData());
        for (TimestampWrapper timestamp : signature.getTimestampList()) {
            collect(where, timestamp.foundRevocations().getRelatedRevocationData());
        }
        return where;
    }

    private static void collect(Map<String, Set<String>> where, List<RelatedRevocationWrapper> found) {
        for (RelatedRevocationWrapper revocation : found) {
            Set<String> origins = where.computeIfAbsent(revocation.getId(), id -> new LinkedHashSet<>());
            revocation.getOrigins().forEach(origin -> origins.add(origin.name()));
        }
    }

    /** Certificate id → the revocation DSS selected for it (the latest acceptable) when judging the signature. */
    private static Map<String, String> usedRevocations(DetailedReport detailed, String signatureId) {
        Map<String, String> used = new HashMap<>();
        XmlBasicBuildingBlocks bbb = detailed.getBasicBuildingBlockById(signatureId);
        if (bbb == null || bbb.getXCV() == null) {
            return used;
        }
        for (XmlSubXCV sub : bbb.getXCV().getSubXCV()) {
            if (sub.getCRS() != null && sub.getCRS().getLatestAcceptableRevocationId() != null) {
                used.put(sub.getId(), sub.getCRS().getLatestAcceptableRevocationId());
            }
        }
        return used;
    }
}
