// A portal's code on the client generated from Kyso's served OpenAPI contract: openapi-typescript
// writes kyso.d.ts from GET /openapi.yaml, openapi-fetch calls the service with those types, and tsc
// checks every call, body and answer below against them. GeneratedTypeScriptClientIT runs it.
//
//   node portal.js enroll                              enroll a citizen, two refusals
//   node portal.js request <citizen id> <pdf file>     create a request (the citizen activated), read it
//   node portal.js confirm <request id> <code> <out>   confirm with the code, read it, download the signed PDF
//
// KYSO_URL and KYSO_API_KEY name the service and the portal's key; each step prints one JSON line.
import createClient from "openapi-fetch";
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { components, paths } from "./kyso";

type Problem = components["schemas"]["Problem"];
type SigningRequestView = components["schemas"]["SigningRequestView"];

// tag::client[]
const kyso = createClient<paths>({
    baseUrl: required("KYSO_URL"), // e.g. https://kyso.example.gov.vn, without /api/v1
    headers: { Authorization: `Bearer ${required("KYSO_API_KEY")}` },
});
// end::client[]

function required(name: string): string {
    const value = process.env[name];
    if (!value) {
        throw new Error(`${name} is not set`);
    }
    return value;
}

function problemOf(status: number, contentType: string | null, problem: Problem) {
    return { status, contentType, code: problem.code, detail: problem.detail };
}

function fail(step: string, status: number, error: unknown): never {
    throw new Error(`${step}: HTTP ${status} ${JSON.stringify(error)}`);
}

async function enroll() {
    const nationalId = String(Date.now()).padStart(12, "0").slice(-12);
    // tag::enroll[]
    const enrolled = await kyso.POST("/api/v1/citizens", {
        params: { header: { "Idempotency-Key": randomUUID() } }, // the same key when retrying
        body: { nationalId, fullName: "Nguyễn Thị Generated", phone: "+84912345678", keyAlgorithm: "EC_P256" },
    });
    if (enrolled.error) { // an RFC 9457 problem: enrolled.error.code is e.g. "citizen.already_enrolled"
        fail("enrollCitizen", enrolled.response.status, enrolled.error);
    }
    // end::enroll[]
    if (!enrolled.data?.id) {
        throw new Error("the enrolled citizen has no id");
    }
    const citizenId = enrolled.data.id;

    // two refusals, read through the contract's Problem type
    const unknown = await kyso.GET("/api/v1/citizens/{id}", { params: { path: { id: randomUUID() } } });
    const malformed = await kyso.POST("/api/v1/citizens", {
        body: { nationalId: "123", fullName: "Nobody", phone: "+84912345678" },
    });
    if (!unknown.error || !malformed.error) {
        throw new Error("a refusal was answered as a success");
    }
    console.log(JSON.stringify({
        citizen: { id: citizenId, status: enrolled.response.status, nationalId: enrolled.data.nationalId,
            certificate: enrolled.data.certificate?.length ?? 0 },
        activationUrl: enrolled.data.activationUrl, // for the citizen: nothing signs before they activate
        unknownCitizen: problemOf(unknown.response.status, unknown.response.headers.get("content-type"), unknown.error),
        malformedEnrollment: problemOf(malformed.response.status, malformed.response.headers.get("content-type"), malformed.error),
    }));
}

async function request(citizenId: string, pdfFile: string) {
    const created = await kyso.POST("/api/v1/signing-requests", {
        body: {
            citizenId,
            title: "Giấy đề nghị (generated client)",
            documents: [{
                name: "giay-de-nghi.pdf",
                contentType: "application/pdf",
                content: readFileSync(pdfFile).toString("base64"),
                options: { reason: "Đồng ý", visibleSignature: { position: "BOTTOM_LEFT" } },
            }],
        },
    });
    if (!created.data?.id) {
        fail("createSigningRequest", created.response.status, created.error);
    }
    const readBack = await kyso.GET("/api/v1/signing-requests/{id}", { params: { path: { id: created.data.id } } });
    if (!readBack.data) {
        fail("getSigningRequest", readBack.response.status, readBack.error);
    }
    console.log(JSON.stringify({ request: summary(readBack.data, created.response.status) }));
}

async function confirm(requestId: string, code: string, outFile: string) {
    const path = { id: requestId };
    const confirmed = await kyso.POST("/api/v1/signing-requests/{id}/confirmation", {
        params: { path, header: { "Idempotency-Key": randomUUID() } },
        body: { otp: code },
    });
    if (!confirmed.data) {
        fail("confirmSigningRequest", confirmed.response.status, confirmed.error);
    }
    const documentId = confirmed.data.documents?.[0]?.id;
    if (!documentId) {
        throw new Error("the confirmed request names no document");
    }
    // tag::download[]
    const signed = await kyso.GET("/api/v1/signing-requests/{id}/documents/{documentId}/signed", {
        params: { path: { id: requestId, documentId } },
        parseAs: "arrayBuffer", // a PDF or XML file, not JSON
    });
    if (!signed.data) {
        fail("downloadSignedDocument", signed.response.status, signed.error);
    }
    writeFileSync(outFile, Buffer.from(signed.data));
    // end::download[]
    console.log(JSON.stringify({
        request: summary(confirmed.data, confirmed.response.status),
        signed: { contentType: signed.response.headers.get("content-type"), bytes: signed.data.byteLength },
    }));
}

function summary(request: SigningRequestView, status: number) {
    return {
        status,
        id: request.id,
        state: request.status,
        documents: (request.documents ?? []).map(d => ({ id: d.id, name: d.name, status: d.status })),
    };
}

const [step, ...args] = process.argv.slice(2);
const run = step === "enroll" && args.length === 0 ? enroll()
    : step === "request" && args.length === 2 ? request(args[0], args[1])
    : step === "confirm" && args.length === 3 ? confirm(args[0], args[1], args[2])
    : Promise.reject(new Error("usage: portal.js enroll | request <citizen id> <pdf> | confirm <request id> <code> <out>"));
run.catch(error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
});
