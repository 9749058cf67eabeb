/**
 * The control surface: out-of-band changes, the request log, the history, reset, and the same
 * controls over HTTP under /__emulator.
 */
import { DEFAULT_API_KEY, DEFAULT_API_TOKEN, EmulatorControlError } from "../../../emulator";
import { makeCertificate } from "../../fixtures/certificates";
import { call, codes, control, paths, putHostnames, upload, uploadNew, useEmulator, ZONE } from "../helpers";

const HOST = "app.example.com";

describe("out-of-band changes", () => {
    const emulator = useEmulator();

    test("deleteCertificateOutOfBand: GET 404 at once, associations voided", async () => {
        const id = await uploadNew(emulator());
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }]);
        emulator().deleteCertificateOutOfBand(ZONE, id);
        expect((await call(emulator(), "GET", paths.certificate(id))).status).toBe(404);
        expect((await call(emulator(), "GET", paths.hostname(HOST))).status).toBe(404);
        expect(codes(await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: null }]))).toEqual([1415]);
        expect(emulator().certificates()).toEqual([]);
    });

    test("setCertificateStatus sets a status that sticks", async () => {
        const id = await uploadNew(emulator());
        emulator().advance(1_000);
        emulator().setCertificateStatus(ZONE, id, "pending_deployment");
        emulator().advance(60_000);
        expect((await call(emulator(), "GET", paths.certificate(id))).json.result.status).toBe("pending_deployment");
        expect(() => emulator().setCertificateStatus(ZONE, id, "gone" as "active")).toThrow(EmulatorControlError);
    });

    test("setCertificateExpiry changes expires_on of the certificate and of its associations", async () => {
        const id = await uploadNew(emulator());
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }]);
        emulator().setCertificateExpiry(ZONE, id, new Date("2030-01-02T03:04:05.678Z"));
        expect((await call(emulator(), "GET", paths.certificate(id))).json.result.expires_on).toBe("2030-01-02T03:04:05Z");
        expect((await call(emulator(), "GET", paths.hostname(HOST))).json.result.expires_on).toBe("2030-01-02T03:04:05Z");
        expect(() => emulator().setCertificateExpiry(ZONE, id, "not a date")).toThrow(EmulatorControlError);
    });

    test("controls on an unknown certificate throw EmulatorControlError", () => {
        expect(() => emulator().deleteCertificateOutOfBand(ZONE, "nope")).toThrow(EmulatorControlError);
        expect(() => emulator().failDeletion(ZONE, "nope")).toThrow(/no certificate nope/);
    });
});

describe("request log", () => {
    const emulator = useEmulator();

    test("records method, path, status, zone, operation and error codes, oldest first", async () => {
        const id = await uploadNew(emulator());
        await call(emulator(), "DELETE", paths.certificate(id));
        await call(emulator(), "GET", "/nowhere?x=1");
        expect(emulator().requests).toEqual([
            expect.objectContaining({ method: "POST", path: `/client/v4${paths.certificates()}`, status: 200, zone_id: ZONE, operation: "hostnameCertificates.create", error_codes: [] }),
            expect.objectContaining({ method: "DELETE", status: 400, operation: "hostnameCertificates.delete", error_codes: [1434] }),
            expect.objectContaining({ method: "GET", path: "/client/v4/nowhere", status: 404, zone_id: null, operation: null }),
        ]);
        expect(emulator().requests[0].time).toBe(new Date(emulator().clock.now()).toISOString());
    });

    test("never contains a request body, private key or credential", async () => {
        const made = await makeCertificate();
        await upload(emulator(), made);
        await call(emulator(), "GET", paths.certificates(), { headers: { "x-auth-email": DEFAULT_API_KEY.email, "x-auth-key": DEFAULT_API_KEY.key } });
        const logged = JSON.stringify(emulator().requests) + JSON.stringify(emulator().history);
        for (const secret of [made.privateKey.split("\n")[1], DEFAULT_API_TOKEN, DEFAULT_API_KEY.key, DEFAULT_API_KEY.email, "PRIVATE KEY", made.certificate.split("\n")[1]]) {
            expect(logged).not.toContain(secret);
        }
    });

    test("records the SDK retry count when sent", async () => {
        await call(emulator(), "GET", paths.certificates(), { headers: { authorization: `Bearer ${DEFAULT_API_TOKEN}`, "x-stainless-retry-count": "2" } });
        expect(emulator().requests[0].retry_count).toBe(2);
    });
});

describe("history", () => {
    const emulator = useEmulator();

    test("is a timeline of certificate and association status changes with timestamps", async () => {
        const start = emulator().clock.now();
        const id = await uploadNew(emulator());
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }]);
        emulator().advance(1_000);
        expect(emulator().history.map((e) => [e.kind, e.status, e.time - start])).toEqual([
            ["certificate", "initializing", 0],
            ["association", "pending_deployment", 0],
            ["certificate", "pending_deployment", 250],
            ["association", "active", 500],
            ["certificate", "active", 1000],
        ]);
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: null }]);
        await call(emulator(), "DELETE", paths.certificate(id));
        emulator().advance(1_000);
        expect(emulator().history.slice(5).map((e) => [e.kind, e.status, e.time - start])).toEqual([
            ["association", "removed", 1000],
            ["certificate", "pending_deletion", 1000],
            ["certificate", "deleted", 1500],
            ["certificate", "removed", 2000],
        ]);
        expect(emulator().history[0]).toMatchObject({ at: new Date(start).toISOString(), zone_id: ZONE, id });
    });

    test("only shows the past", async () => {
        await uploadNew(emulator());
        expect(emulator().history.map((e) => e.status)).toEqual(["initializing"]);
    });
});

describe("reset", () => {
    const emulator = useEmulator();

    test("forgets certificates, associations, log, history, faults and planned failures", async () => {
        const id = await uploadNew(emulator());
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }]);
        emulator().injectSequence([500]);
        emulator().failNextDeployment();
        emulator().setLatency(10);
        emulator().reset();
        expect([emulator().certificates(), emulator().associations(), emulator().requests, emulator().history]).toEqual([[], [], [], []]);
        const again = await uploadNew(emulator());
        emulator().advance(1_000);
        expect((await call(emulator(), "GET", paths.certificate(again))).json.result.status).toBe("active");
    });
});

describe("HTTP control API", () => {
    const emulator = useEmulator();

    test("mirrors the JS control surface", async () => {
        const e = emulator();
        const id = await uploadNew(e);
        await putHostnames(e, [{ hostname: HOST, cert_id: id, enabled: false }]);
        expect((await control(e, "GET", "/clock")).json.result).toEqual({ now: new Date(e.clock.now()).toISOString(), manual: true });
        expect((await control(e, "POST", "/clock/advance", { ms: 1_000 })).status).toBe(200);
        expect((await control(e, "GET", `/certificates?zone_id=${ZONE}`)).json.result).toEqual([expect.objectContaining({ id, status: "active", zone_id: ZONE })]);
        expect((await control(e, "GET", "/associations")).json.result).toEqual([expect.objectContaining({ hostname: HOST, enabled: false })]);
        expect((await control(e, "GET", "/requests")).json.result).toHaveLength(2);
        expect((await control(e, "GET", "/history")).json.result.length).toBeGreaterThan(3);

        await control(e, "PUT", `/zones/${ZONE}/certificates/${id}/status`, { status: "deployment_timed_out" });
        await control(e, "PUT", `/zones/${ZONE}/certificates/${id}/expiry`, { expires_on: "2031-01-01T00:00:00Z" });
        expect((await call(e, "GET", paths.certificate(id))).json.result).toMatchObject({ status: "deployment_timed_out", expires_on: "2031-01-01T00:00:00Z" });

        await control(e, "POST", "/faults/sequence", { outcomes: [503], match: { method: "GET", path_pattern: "certificates$" } });
        expect((await call(e, "GET", paths.certificates())).status).toBe(503);
        await control(e, "POST", "/faults", { rate: 1, kinds: [429], retry_after_seconds: 0 });
        expect((await call(e, "GET", paths.certificates())).headers.get("retry-after")).toBe("0");
        await control(e, "DELETE", "/faults");
        expect((await control(e, "PUT", "/latency", { ms: 0 })).status).toBe(200);

        await control(e, "DELETE", `/zones/${ZONE}/certificates/${id}`);
        expect((await call(e, "GET", paths.certificate(id))).status).toBe(404);

        await control(e, "POST", "/fail-next-deployment", { zone_id: ZONE });
        const failing = await uploadNew(e);
        const later = await uploadNew(e);
        await control(e, "POST", `/zones/${ZONE}/certificates/${later}/fail-deployment`);
        await control(e, "POST", "/clock/advance", { ms: 1_000 });
        expect((await call(e, "GET", paths.certificate(failing))).json.result.status).toBe("deployment_timed_out");
        expect((await call(e, "GET", paths.certificate(later))).json.result.status).toBe("deployment_timed_out");

        await control(e, "POST", `/zones/${ZONE}/certificates/${failing}/fail-deletion`);
        await control(e, "POST", "/fail-next-deletion", { count: 1 });
        await call(e, "DELETE", paths.certificate(failing));
        await call(e, "DELETE", paths.certificate(later));
        await control(e, "POST", "/clock/advance", { ms: 500 });
        expect(e.certificates().map((c) => c.status)).toEqual(["deletion_timed_out", "deletion_timed_out"]);

        expect((await control(e, "POST", "/reset")).status).toBe(200);
        expect(e.certificates()).toEqual([]);
    });

    test("faults can strike after the request was handled (timing: after)", async () => {
        const e = emulator();
        await control(e, "POST", "/faults/sequence", { outcomes: [502], match: { method: "POST" }, timing: "after" });
        const certificate = await makeCertificate();
        expect((await upload(e, certificate)).status).toBe(502);
        expect((await control(e, "GET", "/requests")).json.result.at(-1)).toMatchObject({ fault: 502, fault_timing: "after", operation: "hostnameCertificates.create" });
        expect((await call(e, "GET", paths.certificates())).json.result.map((c: { certificate: string }) => c.certificate)).toEqual([certificate.certificate]);
        expect((await control(e, "POST", "/faults", { rate: 1, kinds: [502], timing: "whenever" })).status).toBe(400);
    });

    test("answers bad control calls with 400 and unknown ones with 404, in the envelope", async () => {
        const bad = await control(emulator(), "POST", "/clock/advance", { ms: "soon" });
        expect([bad.status, bad.json.success]).toEqual([400, false]);
        expect((await control(emulator(), "PUT", "/zones/x/certificates/y/status", { status: "active" })).status).toBe(400);
        expect((await control(emulator(), "POST", "/faults", { rate: 1 })).status).toBe(400);
        expect((await control(emulator(), "GET", "/nothing")).status).toBe(404);
    });

    test("control requests are not in the request log and are never faulted", async () => {
        emulator().injectFaults({ rate: 1, kinds: ["reset"] });
        expect((await control(emulator(), "GET", "/requests")).json.result).toEqual([]);
    });
});
