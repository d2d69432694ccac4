package io.kyso.client;

import java.util.UUID;

/** JSON answers as Kyso's API v1 gives them. */
final class Answers {
    static final UUID REQUEST_ID = UUID.fromString("0b6a3a52-5d0e-4c1a-9d55-5b9e2a0f7c11");
    static final UUID CITIZEN_ID = UUID.fromString("5e1f0a3c-93a4-4b5e-8f0e-1a2b3c4d5e6f");
    static final UUID DOCUMENT_ID = UUID.fromString("7d3b9f60-1c2e-4f8a-b1d3-9e8f7a6b5c4d");

    private Answers() {
    }

    static String signingRequest(String status) {
        boolean signed = status.equals("SIGNED");
        return """
                {"id":"%s","citizenId":"%s","title":"Hồ sơ đăng ký hộ kinh doanh","status":"%s","reference":"K7Q2-9XM4",
                 "createdAt":"2025-03-01T08:00:00Z","expiresAt":"2025-03-02T08:00:00Z",%s
                 "documents":[{"id":"%s","name":"giấy đề nghị.pdf","contentType":"application/pdf","size":1234,
                   "sha256":"%s","pages":2,"options":{"reason":"Đề nghị","visibleSignature":{"position":"BOTTOM_RIGHT"}},
                   "status":"%s"%s}],"futureField":{"ignored":true}}"""
                .formatted(REQUEST_ID, CITIZEN_ID, status,
                        signed ? "\"completedAt\":\"2025-03-01T08:05:00.123Z\"," : "\"attemptsLeft\":5,",
                        DOCUMENT_ID, "ab".repeat(32), signed ? "SIGNED" : "PENDING",
                        signed ? ",\"signedSize\":2345,\"signedSha256\":\"" + "cd".repeat(32) + "\"" : "");
    }

    static String problem(int status, String code, String extra) {
        return "{\"type\":\"https://kyso.io/problems/" + code + "\",\"title\":\"t\",\"status\":" + status
                + ",\"detail\":\"d\",\"code\":\"" + code + "\"" + extra + "}";
    }
}
