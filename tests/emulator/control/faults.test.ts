/**
 * Fault injection and rate limiting: latency, a seeded fraction of failures, exact sequences,
 * connection resets, Retry-After, and Cloudflare's 1200-per-300-s style limit.
 */
import { startEmulator, type Emulator } from "../../../emulator";
import { call, codes, paths, upload, useEmulator } from "../helpers";
import { makeCertificate } from "../../fixtures/certificates";

const list = paths.certificates();

async function statusOf(emulator: Emulator, method = "GET", path = list): Promise<number | "reset"> {
    try {
        return (await call(emulator, method, path, method === "POST" ? { body: {} } : {})).status;
    } catch {
        return "reset";
    }
}

async function statuses(emulator: Emulator, n: number, method = "GET"): Promise<Array<number | "reset">> {
    const out: Array<number | "reset"> = [];
    for (let i = 0; i < n; i++) out.push(await statusOf(emulator, method));
    return out;
}

describe("fault injection", () => {
    const emulator = useEmulator();

    test("a sequence answers the next matching requests exactly, then requests pass", async () => {
        emulator().injectSequence([429, 500, "ok", 502, 503, "reset"]);
        expect(await statuses(emulator(), 7)).toEqual([429, 500, 200, 502, 503, "reset", 200]);
    });

    test("a sequence can match a method and a path; other requests are untouched", async () => {
        emulator().injectSequence([503, 503], { match: { method: "POST", path: "/hostnames/certificates" } });
        expect(await statusOf(emulator(), "GET")).toBe(200);
        expect(await statusOf(emulator(), "POST")).toBe(503);
        expect(await statusOf(emulator(), "PUT", paths.hostnames())).toBe(400);
        expect(await statusOf(emulator(), "POST")).toBe(503);
        expect(await statusOf(emulator(), "POST")).toBe(400); // body {} is malformed: the request got through
        emulator().injectSequence([500], { match: { path: /\/certificates\/[^/]+$/ } });
        expect(await statusOf(emulator(), "GET")).toBe(200);
        expect(await statusOf(emulator(), "GET", paths.certificate("x"))).toBe(500);
    });

    test("429 carries Retry-After (1 s by default, configurable) and code 971", async () => {
        emulator().injectSequence([429]);
        emulator().injectSequence([429], { retryAfterSeconds: 0 });
        const first = await call(emulator(), "GET", list);
        const second = await call(emulator(), "GET", list);
        expect([first.status, first.headers.get("retry-after"), codes(first)]).toEqual([429, "1", [971]]);
        expect(second.headers.get("retry-after")).toBe("0");
    });

    test("a reset destroys the connection without a response", async () => {
        emulator().injectSequence(["reset"]);
        await expect(call(emulator(), "GET", list)).rejects.toThrow();
        expect(emulator().requests.at(-1)).toMatchObject({ status: 0, fault: "reset" });
    });

    test("timing after: the upload is stored, then the answer is a 502 instead of the certificate", async () => {
        emulator().injectSequence([502], { match: { method: "POST" }, timing: "after" });
        const certificate = await makeCertificate();
        const response = await upload(emulator(), certificate);
        expect(response.status).toBe(502);
        const stored = (await call(emulator(), "GET", list)).json.result;
        expect(stored).toHaveLength(1);
        expect(stored[0].certificate).toBe(certificate.certificate);
        expect(emulator().requests[0]).toMatchObject({ method: "POST", status: 502, fault: 502, fault_timing: "after", operation: "hostnameCertificates.create" });
        // The next upload of the same certificate meets the stored one.
        expect(codes(await upload(emulator(), certificate))).toEqual([1406]);
    });

    test("timing after with a reset: the delete starts, then the connection drops without an answer", async () => {
        const created = await upload(emulator(), await makeCertificate());
        const id = created.json.result.id as string;
        emulator().advance(60_000);
        emulator().injectSequence(["reset"], { match: { method: "DELETE" }, timing: "after" });
        await expect(call(emulator(), "DELETE", paths.certificate(id))).rejects.toThrow();
        expect((await call(emulator(), "GET", paths.certificate(id))).json.result.status).toBe("pending_deletion");
        expect(emulator().requests.at(-2)).toMatchObject({ method: "DELETE", status: 0, fault: "reset", fault_timing: "after" });
    });

    test("timing before (the default) refuses the request untouched", async () => {
        emulator().injectSequence([502], { match: { method: "POST" } });
        expect((await upload(emulator(), await makeCertificate())).status).toBe(502);
        expect((await call(emulator(), "GET", list)).json.result).toEqual([]);
        expect(emulator().requests[0]).toMatchObject({ fault: 502, fault_timing: "before", operation: null });
    });

    test("a 429 is a refusal even with timing after: the upload is not stored", async () => {
        emulator().injectFaults({ rate: 1, kinds: [429], match: { method: "POST" }, timing: "after" });
        expect((await upload(emulator(), await makeCertificate())).status).toBe(429);
        expect((await call(emulator(), "GET", list)).json.result).toEqual([]);
        expect(emulator().requests[0]).toMatchObject({ fault: 429, fault_timing: "before", operation: null });
    });

    test("an unknown timing is refused", () => {
        expect(() => emulator().injectSequence([502], { timing: "later" as never })).toThrow(/timing/);
        expect(() => emulator().injectFaults({ rate: 1, kinds: [502], timing: "later" as never })).toThrow(/timing/);
    });

    test("a rate of 1 fails every matching request; 0 none; kinds are respected", async () => {
        emulator().injectFaults({ rate: 1, kinds: [503], match: { method: "GET" } });
        expect(await statuses(emulator(), 3)).toEqual([503, 503, 503]);
        expect(await statusOf(emulator(), "PUT", paths.hostnames())).toBe(400);
        emulator().injectFaults({ rate: 0, kinds: [500] });
        expect(await statuses(emulator(), 3)).toEqual([200, 200, 200]);
    });

    test("the same seed gives the same failures; about the requested fraction fails", async () => {
        emulator().injectFaults({ rate: 0.5, kinds: [429, 500, 502, 503], seed: 7 });
        const first = await statuses(emulator(), 40);
        emulator().injectFaults({ rate: 0.5, kinds: [429, 500, 502, 503], seed: 7 });
        expect(await statuses(emulator(), 40)).toEqual(first);
        const failed = first.filter((s) => s !== 200).length;
        expect(failed).toBeGreaterThan(8);
        expect(failed).toBeLessThan(32);
        expect(new Set(first.filter((s) => s !== 200)).size).toBeGreaterThan(1);
    });

    test("a sequence takes precedence over the random rate; clearFaults removes both", async () => {
        emulator().injectFaults({ rate: 1, kinds: [500] });
        emulator().injectSequence(["ok", 502]);
        expect(await statuses(emulator(), 3)).toEqual([200, 502, 500]);
        emulator().injectSequence([503]);
        emulator().clearFaults();
        expect(await statuses(emulator(), 2)).toEqual([200, 200]);
    });

    test("latency delays responses (a client with a short timeout gives up)", async () => {
        emulator().setLatency(30_000);
        const slow = fetch(`${emulator().url}${list}`, { signal: AbortSignal.timeout(100) });
        await expect(slow).rejects.toThrow();
        emulator().setLatency(0);
        expect(await statusOf(emulator())).toBe(200);
    });

    test("bad fault configurations are rejected", () => {
        expect(() => emulator().injectFaults({ rate: 2, kinds: [500] })).toThrow(RangeError);
        expect(() => emulator().injectFaults({ rate: 0.5, kinds: [] })).toThrow(RangeError);
        expect(() => emulator().injectFaults({ rate: 0.5, kinds: [418 as 500] })).toThrow(RangeError);
        expect(() => emulator().injectSequence(["maybe" as "ok"])).toThrow(RangeError);
        expect(() => emulator().setLatency(-1)).toThrow(RangeError);
    });
});

describe("rate limit", () => {
    test("beyond the limit: 429, code 971, Retry-After until the window ends; Ratelimit headers on every answer", async () => {
        const emulator = await startEmulator({ clock: "manual", rateLimit: { requests: 3, windowMs: 300_000 } });
        try {
            const answers = [];
            for (let i = 0; i < 4; i++) answers.push(await call(emulator, "GET", list));
            expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
            expect(answers[0].headers.get("ratelimit")).toBe('"default";r=2;t=300');
            expect(answers[0].headers.get("ratelimit-policy")).toBe('"default";q=3;w=300');
            expect([answers[3].headers.get("retry-after"), codes(answers[3])]).toEqual(["300", [971]]);
            emulator.advance(100_000);
            expect((await call(emulator, "GET", list)).headers.get("retry-after")).toBe("200");
            emulator.advance(200_000);
            expect((await call(emulator, "GET", list)).status).toBe(200);
        } finally {
            await emulator.close();
        }
    });

    test("the limit is per credential", async () => {
        const emulator = await startEmulator({ clock: "manual", tokens: ["a".repeat(40), "b".repeat(40)], rateLimit: { requests: 1, windowMs: 1_000 } });
        try {
            const as = (token: string) => call(emulator, "GET", list, { headers: { authorization: `Bearer ${token}` } });
            expect((await as("a".repeat(40))).status).toBe(200);
            expect((await as("a".repeat(40))).status).toBe(429);
            expect((await as("b".repeat(40))).status).toBe(200);
        } finally {
            await emulator.close();
        }
    });

    test("a rate-limited upload changes nothing", async () => {
        const emulator = await startEmulator({ clock: "manual", rateLimit: { requests: 1, windowMs: 1_000 } });
        try {
            await call(emulator, "GET", list);
            expect((await upload(emulator, await makeCertificate())).status).toBe(429);
            expect(emulator.certificates()).toEqual([]);
        } finally {
            await emulator.close();
        }
    });
});
