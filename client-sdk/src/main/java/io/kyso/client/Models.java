package io.kyso.client;


import io.kyso.client.json.Fields;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Between the SDK's records and the JSON of Kyso's API v1. */
final class Models {
    private Models() {
    }

    static Map<String, Object> toJson(EnrollCitizen c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nationalId", c.nationalId());
        json.put("fullName", c.fullName());
        json.put("phone", c.phone());
        putIfPresent(json, "email", c.email());
        putIfPresent(json, "keyAlgorithm", c.keyAlgorithm() == null ? null : c.keyAlgorithm().name());
        return json;
    }

    /** The {@code request} part of a multipart upload: everything but the documents' content. */
    static Map<String, Object> metadataJson(NewSigningRequest r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("citizenId", r.citizenId().toString());
        json.put("title", r.title());
        putIfPresent(json, "callbackUrl", r.callbackUrl() == null ? null : r.callbackUrl().toString());
        json.put("documents", r.documents().stream().map(Models::documentJson).toList());
        return json;
    }

    private static Map<String, Object> documentJson(DocumentUpload d) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", d.name());
        json.put("contentType", d.contentType());
        if (!DocumentOptions.NONE.equals(d.options())) {
            json.put("options", toJson(d.options()));
        }
        return json;
    }

    static Map<String, Object> toJson(DocumentOptions o) {
        Map<String, Object> json = new LinkedHashMap<>();
        putIfPresent(json, "reason", o.reason());
        putIfPresent(json, "location", o.location());
        DocumentOptions.VisibleSignature v = o.visibleSignature();
        if (v != null) {
            Map<String, Object> visible = new LinkedHashMap<>();
            putIfPresent(visible, "page", v.page());
            putIfPresent(visible, "position", v.position() == null ? null : v.position().name());
            if (v.rect() != null) {
                visible.put("rect", Map.of("x", v.rect().x(), "y", v.rect().y(), "width", v.rect().width(),
                        "height", v.rect().height()));
            }
            json.put("visibleSignature", visible);
        }
        putIfPresent(json, "xmlPackaging", o.xmlPackaging() == null ? null : o.xmlPackaging().name());
        putIfPresent(json, "level", o.level() == null ? null : o.level().label());
        putIfPresent(json, "rsaPadding", o.rsaPadding() == null ? null : o.rsaPadding().name());
        return json;
    }

    static Citizen citizen(Fields f) {
        String activation = f.optText("activationUrl");
        return new Citizen(f.uuid("id"), f.text("nationalId"), f.text("fullName"), f.text("phone"), f.optText("email"),
                f.enumValue("keyAlgorithm", KeyAlgorithm.class), f.text("certificate"), f.instant("createdAt"),
                f.optEnum("credentialStatus", CredentialStatus.class), activation == null ? null : URI.create(activation),
                f.optInstant("activationExpiresAt"));
    }

    static AuthenticatorInvitation invitation(Fields f) {
        return new AuthenticatorInvitation(f.uuid("citizenId"), f.text("sentVia"), f.instant("expiresAt"));
    }

    static SigningRequest signingRequest(Fields f) {
        List<SigningRequest.Document> documents = f.objects("documents").stream().map(Models::document).toList();
        return new SigningRequest(f.uuid("id"), f.uuid("citizenId"), f.text("title"),
                f.enumValue("status", RequestStatus.class), f.text("reference"), f.instant("createdAt"),
                f.instant("expiresAt"), f.optInstant("completedAt"), f.optText("confirmationUrl"),
                f.optInt("attemptsLeft"), f.optText("lastError"), documents);
    }

    private static SigningRequest.Document document(Fields f) {
        Fields options = f.optObject("options");
        return new SigningRequest.Document(f.uuid("id"), f.text("name"), f.text("contentType"), f.longValue("size"),
                f.text("sha256"), f.optInt("pages"), options == null ? DocumentOptions.NONE : options(options),
                SignatureLevel.of(f.optText("level")), f.enumValue("status", DocumentStatus.class), f.optLong("signedSize"),
                f.optText("signedSha256"), f.optInstant("signedAt"), f.optInt("signedVersion"));
    }

    private static DocumentOptions options(Fields f) {
        Fields v = f.optObject("visibleSignature");
        DocumentOptions.VisibleSignature visible = null;
        if (v != null) {
            Fields r = v.optObject("rect");
            DocumentOptions.Rect rect = r == null ? null
                    : new DocumentOptions.Rect(r.optFloat("x"), r.optFloat("y"), r.optFloat("width"), r.optFloat("height"));
            visible = new DocumentOptions.VisibleSignature(v.optInt("page"),
                    v.optEnum("position", DocumentOptions.Corner.class), rect);
        }
        return new DocumentOptions(f.optText("reason"), f.optText("location"), visible,
                f.optEnum("xmlPackaging", DocumentOptions.XmlPackaging.class), SignatureLevel.of(f.optText("level")),
                f.optEnum("rsaPadding", DocumentOptions.RsaPadding.class));
    }

    static Problem problem(Fields f, int status) {
        Fields doc = f.optObject("document");
        Problem.DocumentRef ref = doc == null ? null : new Problem.DocumentRef(
                doc.has("index") ? doc.optInt("index") : -1, doc.optText("name"));
        Integer declared = f.optInt("status");
        return new Problem(f.optText("type"), f.optText("title"), declared == null ? status : declared,
                f.optText("detail"), f.optText("code"), f.optInt("attemptsLeft"), ref, f.optLong("retryAfterSeconds"));
    }

    private static void putIfPresent(Map<String, Object> json, String name, Object value) {
        if (value != null) {
            json.put(name, value);
        }
    }
}
