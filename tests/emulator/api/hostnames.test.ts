/**
 * Hostname associations: PUT batches, GET by hostname, the 100-per-certificate limit, cert_id rules
 * and the delete rule (only `enabled: null` releases a certificate).
 */
import type { Emulator } from "../../../emulator";
import { call, codes, OTHER_ZONE, paths, putHostnames, uploadNew, useEmulator, ZONE } from "../helpers";

const HOST = "app.example.com";

describe("hostname associations", () => {
    const emulator = useEmulator();

    async function active(zone = ZONE): Promise<string> {
        const id = await uploadNew(emulator(), {}, zone);
        emulator().advance(1_000);
        return id;
    }

    const getHost = (e: Emulator, hostname = HOST) => call(e, "GET", paths.hostname(hostname));
    const deleteCert = (e: Emulator, id: string) => call(e, "DELETE", paths.certificate(id));

    test("PUT returns the array of associations, which deploy after 500 ms and mirror the certificate", async () => {
        const id = await uploadNew(emulator());
        const response = await putHostnames(emulator(), [
            { hostname: HOST, cert_id: id, enabled: true },
            { hostname: "API.example.com", cert_id: id, enabled: false },
        ]);
        expect(response.status).toBe(200);
        expect(response.json.result_info).toEqual({ page: 1, per_page: 2, count: 2, total_count: 2, total_pages: 1 });
        const [first, second] = response.json.result;
        expect(first).toMatchObject({ hostname: HOST, cert_id: id, enabled: true, status: "pending_deployment", cert_status: "initializing" });
        expect(second).toMatchObject({ hostname: "api.example.com", enabled: false });
        expect(first).not.toHaveProperty("private_key");
        const cert = (await call(emulator(), "GET", paths.certificate(id))).json.result;
        expect(first).toMatchObject({ certificate: cert.certificate, issuer: cert.issuer, serial_number: cert.serial_number, signature: cert.signature, expires_on: cert.expires_on, cert_uploaded_on: cert.uploaded_on });
        emulator().advance(500);
        expect((await getHost(emulator())).json.result).toMatchObject({ status: "active", cert_status: "pending_deployment" });
        emulator().advance(500);
        expect((await getHost(emulator(), "Api.Example.COM")).json.result).toMatchObject({ status: "active", cert_status: "active", enabled: false });
    });

    test("GET of a hostname without an association is 404 with 1553", async () => {
        const response = await getHost(emulator());
        expect([response.status, codes(response)]).toEqual([404, [1553]]);
    });

    test("delete is refused while the association is enabled or disabled; enabled: null voids it", async () => {
        const id = await active();
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }]);
        expect(codes(await deleteCert(emulator(), id))).toEqual([1433]);
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: false }]);
        expect((await getHost(emulator())).json.result.enabled).toBe(false);
        expect(codes(await deleteCert(emulator(), id))).toEqual([1433]);
        const voided = await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: null }]);
        expect(voided.json.result[0]).toMatchObject({ hostname: HOST, cert_id: id, enabled: null, status: "deleted" });
        expect((await getHost(emulator())).status).toBe(404);
        expect((await deleteCert(emulator(), id)).status).toBe(200);
    });

    test("one association among several still blocks the delete", async () => {
        const id = await active();
        await putHostnames(emulator(), [
            { hostname: "a.example.com", cert_id: id, enabled: true },
            { hostname: "b.example.com", cert_id: id, enabled: false },
        ]);
        await putHostnames(emulator(), [{ hostname: "a.example.com", cert_id: id, enabled: null }]);
        expect(codes(await deleteCert(emulator(), id))).toEqual([1433]);
    });

    test("voiding needs cert_id (1404); voiding a pair that is not associated is a no-op", async () => {
        const a = await active();
        const b = await active();
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: b, enabled: true }]);
        expect(codes(await putHostnames(emulator(), [{ hostname: HOST, enabled: null }]))).toEqual([1404]);
        const stale = await putHostnames(emulator(), [{ hostname: HOST, cert_id: a, enabled: null }]);
        expect(stale.status).toBe(200);
        expect((await getHost(emulator())).json.result.cert_id).toBe(b);
        const again = await putHostnames(emulator(), [{ hostname: "never.example.com", cert_id: a, enabled: null }]);
        expect(again.status).toBe(200);
    });

    test("cert_id must be a live certificate of the zone (1415)", async () => {
        const unknown = "2458ce5a-0c35-4c7f-82c7-8e9487d3ff60";
        const elsewhere = await active(OTHER_ZONE);
        const leaving = await active();
        await deleteCert(emulator(), leaving);
        for (const cert_id of [unknown, elsewhere, leaving, 42]) {
            const response = await putHostnames(emulator(), [{ hostname: HOST, cert_id, enabled: true }]);
            expect([response.status, codes(response)]).toEqual([400, [1415]]);
        }
        expect(codes(await putHostnames(emulator(), [{ hostname: HOST, cert_id: leaving, enabled: null }]))).toEqual([1415]);
    });

    test("a certificate that is still deploying can be associated", async () => {
        const id = await uploadNew(emulator());
        expect((await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }])).status).toBe(200);
    });

    test("hostname and enabled are validated (1415); a failing batch changes nothing", async () => {
        const id = await active();
        const bad = [
            { hostname: "", cert_id: id, enabled: true },
            { hostname: "has space.example.com", cert_id: id, enabled: true },
            { hostname: `${"a".repeat(64)}.example.com`, cert_id: id, enabled: true },
            { cert_id: id, enabled: true },
            { hostname: HOST, cert_id: id },
            { hostname: HOST, cert_id: id, enabled: "yes" },
        ];
        for (const item of bad) {
            const response = await putHostnames(emulator(), [{ hostname: "good.example.com", cert_id: id, enabled: true }, item]);
            expect([response.status, codes(response)]).toEqual([400, [1415]]);
        }
        expect((await getHost(emulator(), "good.example.com")).status).toBe(404);
        expect((await putHostnames(emulator(), [{ hostname: "*.example.com", cert_id: id, enabled: true }])).status).toBe(200);
    });

    test("every failing item is reported", async () => {
        const response = await putHostnames(emulator(), [{ hostname: HOST }, { hostname: "bad host", cert_id: "nope", enabled: true }]);
        // 1404 (no cert_id), 1415 (no enabled), 1415 (bad hostname), 1415 (unknown cert_id)
        expect(codes(response).sort()).toEqual([1404, 1415, 1415, 1415]);
    });

    test("at most 100 associations per certificate (2005), counted on the state the batch produces", async () => {
        const id = await active();
        const other = await active();
        const hosts = (from: number, to: number, cert_id: string, enabled: boolean | null = true) =>
            Array.from({ length: to - from }, (_, i) => ({ hostname: `h${from + i}.example.com`, cert_id, enabled }));
        expect((await putHostnames(emulator(), hosts(0, 60, id))).status).toBe(200);
        expect((await putHostnames(emulator(), hosts(60, 100, id))).status).toBe(200);
        const over = await putHostnames(emulator(), hosts(100, 101, id));
        expect([over.status, codes(over)]).toEqual([400, [2005]]);
        expect((await putHostnames(emulator(), [...hosts(0, 1, id, null), ...hosts(100, 101, id)])).status).toBe(200);
        expect((await putHostnames(emulator(), [...hosts(1, 2, other), ...hosts(101, 102, id)])).status).toBe(200);
        expect((await putHostnames(emulator(), hosts(102, 103, id, false))).status).toBe(400);
        expect(emulator().associations(ZONE).filter((a) => a.cert_id === id)).toHaveLength(100);
    });

    test("re-pointing a hostname to another certificate redeploys it; the history shows both", async () => {
        const oldId = await active();
        const newId = await active();
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: oldId, enabled: true }]);
        emulator().advance(500);
        const moved = await putHostnames(emulator(), [{ hostname: HOST, cert_id: newId, enabled: true }]);
        expect(moved.json.result[0]).toMatchObject({ cert_id: newId, status: "pending_deployment" });
        expect(codes(await deleteCert(emulator(), newId))).toEqual([1433]);
        expect((await deleteCert(emulator(), oldId)).status).toBe(200);
        emulator().advance(500);
        const events = emulator().history.filter((e) => e.kind === "association");
        expect(events.map((e) => [e.kind === "association" && e.cert_id, e.status])).toEqual([
            [oldId, "pending_deployment"],
            [oldId, "active"],
            [newId, "pending_deployment"],
            [newId, "active"],
        ]);
    });

    test("an unchanged PUT is idempotent: status and updated_at stay", async () => {
        const id = await active();
        await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }]);
        emulator().advance(500);
        const before = (await getHost(emulator())).json.result;
        emulator().advance(500);
        const after = (await putHostnames(emulator(), [{ hostname: HOST, cert_id: id, enabled: true }])).json.result[0];
        expect(after).toMatchObject({ status: "active", updated_at: before.updated_at, created_at: before.created_at });
    });
});
