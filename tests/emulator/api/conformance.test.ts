/**
 * Every kind of response the emulator gives, per operation, validated against Cloudflare's published
 * response schema for that operation (cloudflare-aop-operations.deref.json) with Ajv.
 */
import { CERTIFICATE_STATUSES, OPERATIONS, startEmulator, type Emulator, type EmulatorOptions, type OperationName } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { call, codes, paths, putHostnames, upload, uploadNew, ZONE, type ApiResponse } from "../helpers";
import { compile, publishedSchema, schemaErrors } from "./schema";

interface Scenario {
    name: string;
    /** The operation whose schema applies. */
    operation: OperationName;
    status: number;
    /** First error code expected (failures only). */
    code?: number;
    options?: EmulatorOptions;
    run: (e: Emulator) => Promise<ApiResponse>;
}

const HOST = "app.example.com";
const BAD_KEY = "0123456789abcdef0123456789abcdef01239";
const WELL_FORMED_TOKEN = "A".repeat(40);

async function activeCertificate(e: Emulator): Promise<string> {
    const id = await uploadNew(e);
    e.advance(1_000);
    return id;
}

async function associated(e: Emulator, enabled: boolean | null = true): Promise<string> {
    const id = await activeCertificate(e);
    await putHostnames(e, [{ hostname: HOST, cert_id: id, enabled }]);
    return id;
}

/** Drives a certificate into `status` through the API and the clock (never by setting it). */
async function certificateIn(e: Emulator, status: string): Promise<string> {
    if (status === "deployment_timed_out") e.failNextDeployment("deployment_timed_out");
    if (status === "deletion_timed_out") e.failNextDeletion("deletion_timed_out");
    const id = await uploadNew(e);
    const steps: Record<string, () => Promise<void> | void> = {
        initializing: () => undefined,
        pending_deployment: () => e.advance(300),
        active: () => e.advance(1_000),
        deployment_timed_out: () => e.advance(1_000),
        pending_deletion: async () => (e.advance(1_000), void (await call(e, "DELETE", paths.certificate(id)))),
        deleted: async () => (e.advance(1_000), await call(e, "DELETE", paths.certificate(id)), e.advance(500)),
        deletion_timed_out: async () => (e.advance(1_000), await call(e, "DELETE", paths.certificate(id)), e.advance(500)),
    };
    await steps[status]();
    return id;
}

const scenarios: Scenario[] = [
    // --- POST …/hostnames/certificates ------------------------------------------------------
    { name: "upload", operation: "hostnameCertificates.create", status: 200, run: async (e) => upload(e, await makeCertificate()) },
    { name: "upload of an EC certificate", operation: "hostnameCertificates.create", status: 200, run: async (e) => upload(e, await makeCertificate({ keyType: "ec" })) },
    { name: "body is not JSON", operation: "hostnameCertificates.create", status: 400, code: 1492, run: (e) => call(e, "POST", paths.certificates(), { rawBody: "{" }) },
    { name: "not a PEM", operation: "hostnameCertificates.create", status: 400, code: 1408, run: (e) => upload(e, { certificate: "hello", privateKey: "x" }) },
    { name: "CA certificate", operation: "hostnameCertificates.create", status: 400, code: 1412, run: async (e) => upload(e, await makeCertificate({ isCA: true })) },
    { name: "private key does not parse", operation: "hostnameCertificates.create", status: 400, code: 2106, run: async (e) => upload(e, { ...(await makeCertificate()), privateKey: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n" }) },
    { name: "key does not match", operation: "hostnameCertificates.create", status: 400, code: 2200, run: async (e) => upload(e, { certificate: (await makeCertificate()).certificate, privateKey: (await makeCertificate({ keyType: "ec" })).privateKey }) },
    { name: "expired certificate", operation: "hostnameCertificates.create", status: 400, code: 1490, run: async (e) => upload(e, await makeCertificate({ daysUntilExpiry: -1 })) },
    { name: "identical certificate", operation: "hostnameCertificates.create", status: 400, code: 1406, run: async (e) => { const c = await makeCertificate(); await upload(e, c); return upload(e, c); } },
    { name: "eleventh certificate", operation: "hostnameCertificates.create", status: 400, code: 2005, run: async (e) => { for (let i = 0; i < 10; i++) await uploadNew(e); return upload(e, await makeCertificate()); } },
    { name: "read-only token", operation: "hostnameCertificates.create", status: 403, code: 9109, options: { readOnlyTokens: ["reader"] }, run: async (e) => call(e, "POST", paths.certificates(), { body: {}, headers: { authorization: "Bearer reader" } }) },
    { name: "malformed zone id", operation: "hostnameCertificates.create", status: 400, code: 7003, run: (e) => call(e, "POST", paths.certificates("not-a-zone"), { body: {} }) },
    { name: "unsupported method", operation: "hostnameCertificates.create", status: 405, code: 7001, run: (e) => call(e, "PATCH", paths.certificates(), { body: {} }) },
    { name: "injected 500", operation: "hostnameCertificates.create", status: 500, code: 1499, run: async (e) => (e.injectSequence([500]), upload(e, await makeCertificate())) },
    { name: "injected 503", operation: "hostnameCertificates.create", status: 503, code: 1499, run: async (e) => (e.injectSequence([503]), upload(e, await makeCertificate())) },

    // --- GET …/hostnames/certificates --------------------------------------------------------
    { name: "empty list", operation: "hostnameCertificates.list", status: 200, run: (e) => call(e, "GET", paths.certificates()) },
    {
        name: "list with every status",
        operation: "hostnameCertificates.list",
        status: 200,
        run: async (e) => {
            // The get scenarios reach each status through the lifecycle; here one list shows them all.
            for (const status of CERTIFICATE_STATUSES) e.setCertificateStatus(ZONE, await uploadNew(e), status);
            const response = await call(e, "GET", paths.certificates());
            expect(response.json.result.map((c: { status: string }) => c.status)).toEqual(CERTIFICATE_STATUSES);
            return response;
        },
    },
    {
        name: "list in the association shape (documented drift)",
        operation: "hostnameCertificates.list",
        status: 200,
        options: { listShape: "association" },
        run: async (e) => {
            await associated(e);
            await uploadNew(e);
            const response = await call(e, "GET", paths.certificates());
            expect(response.json.result.map((i: { hostname?: string; id?: string }) => [i.hostname ?? null, i.id ?? null])).toEqual([[HOST, null], [null, null]]);
            return response;
        },
    },
    {
        name: "list, second page of two",
        operation: "hostnameCertificates.list",
        status: 200,
        options: { listPageSize: 2 },
        run: async (e) => {
            for (let i = 0; i < 3; i++) await uploadNew(e);
            const response = await call(e, "GET", `${paths.certificates()}?page=2`);
            expect(response.json.result_info).toEqual({ page: 2, per_page: 2, count: 1, total_count: 3, total_pages: 2 });
            return response;
        },
    },
    { name: "no credentials", operation: "hostnameCertificates.list", status: 400, code: 9106, run: (e) => call(e, "GET", paths.certificates(), { headers: {} }) },
    { name: "malformed Authorization", operation: "hostnameCertificates.list", status: 400, code: 6003, run: (e) => call(e, "GET", paths.certificates(), { headers: { authorization: "Token abc" } }) },
    { name: "unknown token", operation: "hostnameCertificates.list", status: 403, code: 10000, run: (e) => call(e, "GET", paths.certificates(), { headers: { authorization: `Bearer ${WELL_FORMED_TOKEN}` } }) },
    { name: "unknown global key", operation: "hostnameCertificates.list", status: 403, code: 9103, run: (e) => call(e, "GET", paths.certificates(), { headers: { "x-auth-email": "a@example.com", "x-auth-key": BAD_KEY } }) },
    { name: "malformed global key", operation: "hostnameCertificates.list", status: 400, code: 6003, run: (e) => call(e, "GET", paths.certificates(), { headers: { "x-auth-email": "a@example.com", "x-auth-key": "short" } }) },
    { name: "zone not accessible", operation: "hostnameCertificates.list", status: 403, code: 9109, options: { zones: ["ffffffffffffffffffffffffffffffff"] }, run: (e) => call(e, "GET", paths.certificates()) },
    { name: "rate limited", operation: "hostnameCertificates.list", status: 429, code: 971, options: { rateLimit: { requests: 1, windowMs: 300_000 } }, run: async (e) => (await call(e, "GET", paths.certificates()), call(e, "GET", paths.certificates())) },
    { name: "injected 429", operation: "hostnameCertificates.list", status: 429, code: 971, run: (e) => (e.injectSequence([429]), call(e, "GET", paths.certificates())) },

    // --- GET …/hostnames/certificates/{id} ---------------------------------------------------
    ...CERTIFICATE_STATUSES.map(
        (status): Scenario => ({
            name: `get while ${status}`,
            operation: "hostnameCertificates.get",
            status: 200,
            run: async (e) => {
                const response = await call(e, "GET", paths.certificate(await certificateIn(e, status)));
                expect(response.json.result.status).toBe(status);
                return response;
            },
        }),
    ),
    { name: "get unknown id", operation: "hostnameCertificates.get", status: 404, code: 1552, run: (e) => call(e, "GET", paths.certificate("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60")) },
    { name: "get after the tombstone", operation: "hostnameCertificates.get", status: 404, code: 1552, run: async (e) => { const id = await certificateIn(e, "deleted"); e.advance(500); return call(e, "GET", paths.certificate(id)); } },

    // --- DELETE …/hostnames/certificates/{id} ------------------------------------------------
    { name: "delete", operation: "hostnameCertificates.delete", status: 200, run: async (e) => call(e, "DELETE", paths.certificate(await activeCertificate(e))) },
    { name: "delete after voiding", operation: "hostnameCertificates.delete", status: 200, run: async (e) => { const id = await associated(e); await putHostnames(e, [{ hostname: HOST, cert_id: id, enabled: null }]); return call(e, "DELETE", paths.certificate(id)); } },
    { name: "delete unknown id", operation: "hostnameCertificates.delete", status: 404, code: 1551, run: (e) => call(e, "DELETE", paths.certificate("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60")) },
    { name: "delete in use (enabled)", operation: "hostnameCertificates.delete", status: 400, code: 1433, run: async (e) => call(e, "DELETE", paths.certificate(await associated(e, true))) },
    { name: "delete in use (disabled)", operation: "hostnameCertificates.delete", status: 400, code: 1433, run: async (e) => call(e, "DELETE", paths.certificate(await associated(e, false))) },
    { name: "delete while deploying", operation: "hostnameCertificates.delete", status: 400, code: 1434, run: async (e) => call(e, "DELETE", paths.certificate(await uploadNew(e))) },
    { name: "delete while pending deletion", operation: "hostnameCertificates.delete", status: 400, code: 1414, run: async (e) => call(e, "DELETE", paths.certificate(await certificateIn(e, "pending_deletion"))) },
    { name: "delete a tombstone", operation: "hostnameCertificates.delete", status: 400, code: 1491, run: async (e) => call(e, "DELETE", paths.certificate(await certificateIn(e, "deleted"))) },

    // --- PUT …/hostnames ---------------------------------------------------------------------
    { name: "enable", operation: "hostnames.update", status: 200, run: async (e) => putHostnames(e, [{ hostname: HOST, cert_id: await activeCertificate(e), enabled: true }]) },
    { name: "disable", operation: "hostnames.update", status: 200, run: async (e) => { const id = await associated(e); e.advance(500); return putHostnames(e, [{ hostname: HOST, cert_id: id, enabled: false }]); } },
    { name: "void", operation: "hostnames.update", status: 200, run: async (e) => putHostnames(e, [{ hostname: HOST, cert_id: await associated(e), enabled: null }]) },
    { name: "empty batch", operation: "hostnames.update", status: 200, run: (e) => putHostnames(e, []) },
    { name: "cert_id missing", operation: "hostnames.update", status: 400, code: 1404, run: (e) => putHostnames(e, [{ hostname: HOST, enabled: true }]) },
    { name: "cert_id unknown", operation: "hostnames.update", status: 400, code: 1415, run: (e) => putHostnames(e, [{ hostname: HOST, cert_id: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", enabled: true }]) },
    { name: "invalid hostname", operation: "hostnames.update", status: 400, code: 1415, run: async (e) => putHostnames(e, [{ hostname: "bad host", cert_id: await activeCertificate(e), enabled: true }]) },
    { name: "101 hostnames on one certificate", operation: "hostnames.update", status: 400, code: 2005, run: async (e) => { const id = await activeCertificate(e); return putHostnames(e, Array.from({ length: 101 }, (_, i) => ({ hostname: `h${i}.example.com`, cert_id: id, enabled: true }))); } },
    { name: "config missing", operation: "hostnames.update", status: 400, code: 1492, run: (e) => call(e, "PUT", paths.hostnames(), { body: {} }) },

    // --- GET …/hostnames/{hostname} ----------------------------------------------------------
    { name: "get association", operation: "hostnames.get", status: 200, run: async (e) => (await associated(e), call(e, "GET", paths.hostname(HOST))) },
    { name: "get disabled association", operation: "hostnames.get", status: 200, run: async (e) => (await associated(e, false), call(e, "GET", paths.hostname(HOST))) },
    { name: "get unknown hostname", operation: "hostnames.get", status: 404, code: 1553, run: (e) => call(e, "GET", paths.hostname("nothing.example.com")) },
    { name: "get voided association", operation: "hostnames.get", status: 404, code: 1553, run: async (e) => { const id = await associated(e); await putHostnames(e, [{ hostname: HOST, cert_id: id, enabled: null }]); return call(e, "GET", paths.hostname(HOST)); } },
    { name: "unknown route", operation: "hostnames.get", status: 404, code: 7003, run: (e) => call(e, "GET", "/zones/023e105f4ecef8ad9ca31a8372d0c353/origin_tls_client_auth/hostnames/a/b/c") },
];

describe("responses conform to Cloudflare's published schemas", () => {
    test.each(scenarios.map((s) => [`${s.operation}: ${s.name}`, s] as const))("%s", async (_label, scenario) => {
        const emulator = await startEmulator({ clock: "manual", ...scenario.options });
        try {
            const response = await scenario.run(emulator);
            expect(response.status).toBe(scenario.status);
            expect(response.headers.get("content-type")).toBe("application/json");
            if (scenario.code !== undefined) expect(codes(response)[0]).toBe(scenario.code);
            expect(response.text).not.toContain("PRIVATE KEY");
            const errors = schemaErrors(OPERATIONS[scenario.operation].schemaKey, response.status, response.json);
            // Cloudflare's rate limiter answers with code 971, below the schema's `code >= 1000`. The
            // emulator follows the real API; this is the only deviation the 429 body may have.
            expect(errors).toBe(scenario.code === 971 ? "data/errors/0/code must be >= 1000" : "");
        } finally {
            await emulator.close();
        }
    });

    test("an injected 502 is an HTML page, as Cloudflare's edge sends it (no envelope to validate)", async () => {
        const emulator = await startEmulator({ clock: "manual" });
        try {
            emulator.injectSequence([502]);
            const response = await call(emulator, "GET", paths.certificates());
            expect(response.status).toBe(502);
            expect(response.headers.get("content-type")).toBe("text/html");
            expect(response.json).toBeUndefined();
        } finally {
            await emulator.close();
        }
    });
});

describe("the schema adaptation is needed and no wider than documented", () => {
    const key = OPERATIONS["hostnames.get"].schemaKey;
    const failureBody = { success: false, errors: [{ code: 1553, message: "not found" }], messages: [], result: null };

    test("the published 4XX schema accepts no failure body at all", () => {
        expect(compile(publishedSchema(key, "4XX"))(failureBody)).toBe(false);
    });

    test("the adapted 4XX schema still rejects a success body, an empty errors array and a non-null result", () => {
        expect(schemaErrors(key, 404, failureBody)).toBe("");
        expect(schemaErrors(key, 404, { ...failureBody, success: true })).not.toBe("");
        expect(schemaErrors(key, 404, { ...failureBody, errors: [] })).not.toBe("");
        expect(schemaErrors(key, 404, { ...failureBody, result: {} })).not.toBe("");
        expect(schemaErrors(key, 404, { ...failureBody, errors: [{ code: 999, message: "code below 1000" }] })).not.toBe("");
    });

    test("the adapted 200 schema rejects an unknown status, a bad date-time and an id longer than a UUID", () => {
        const certKey = OPERATIONS["hostnameCertificates.get"].schemaKey;
        const ok = { success: true, errors: [], messages: [], result: { id: "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60", status: "active", expires_on: "2100-01-01T05:20:00Z" } };
        expect(schemaErrors(certKey, 200, ok)).toBe("");
        expect(schemaErrors(certKey, 200, { ...ok, result: { ...ok.result, status: "gone" } })).not.toBe("");
        expect(schemaErrors(certKey, 200, { ...ok, result: { ...ok.result, expires_on: "tomorrow" } })).not.toBe("");
        expect(schemaErrors(certKey, 200, { ...ok, result: { ...ok.result, id: `${ok.result.id}0` } })).not.toBe("");
    });
});
