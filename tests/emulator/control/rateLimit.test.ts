/**
 * Cloudflare's rate limit as the emulator enforces it: the budget headers' format on every answer,
 * the block that follows going over (every request of that credential, for the block time), and a
 * foreign client spending the same budget.
 */
import { startEmulator, type Emulator, type RateLimitOptions } from "../../../emulator";
import { call, codes, control, paths } from "../helpers";

const list = paths.certificates();

/** Cloudflare's formats (changelog 2025-09-03; RFC 9651 structured fields, one "default" policy). */
const RATELIMIT = /^"default";r=(\d+);t=(\d+)$/;
const RATELIMIT_POLICY = /^"default";q=(\d+);w=(\d+)$/;

async function withLimit(limit: RateLimitOptions, run: (emulator: Emulator) => Promise<void>, tokens?: string[]): Promise<void> {
    const emulator = await startEmulator({ clock: "manual", rateLimit: limit, tokens });
    try {
        await run(emulator);
    } finally {
        await emulator.close();
    }
}

describe("rate limit headers", () => {
    test("every answer, success or 429, carries Ratelimit and Ratelimit-Policy in Cloudflare's format; a 429 adds Retry-After in whole seconds", async () => {
        await withLimit({ requests: 2, windowMs: 60_000, blockMs: 30_000 }, async (emulator) => {
            const answers = [await call(emulator, "GET", list), await call(emulator, "GET", paths.certificate("00000000-0000-0000-0000-000000000000")), await call(emulator, "GET", list)];
            expect(answers.map((a) => a.status)).toEqual([200, 404, 429]);
            for (const answer of answers) {
                expect(answer.headers.get("ratelimit")).toMatch(RATELIMIT);
                expect(answer.headers.get("ratelimit-policy")).toMatch(RATELIMIT_POLICY);
            }
            expect(answers.map((a) => RATELIMIT.exec(a.headers.get("ratelimit")!)!.slice(1).map(Number))).toEqual([[1, 60], [0, 60], [0, 30]]);
            expect(RATELIMIT_POLICY.exec(answers[0].headers.get("ratelimit-policy")!)!.slice(1).map(Number)).toEqual([2, 60]);
            expect(answers[0].headers.get("retry-after")).toBeNull();
            expect(answers[2].headers.get("retry-after")).toMatch(/^\d+$/);
        });
    });

    test("t counts down to the window's end, rounded up, and never shows 0", async () => {
        await withLimit({ requests: 10, windowMs: 10_000 }, async (emulator) => {
            const t: number[] = [];
            for (const step of [0, 2_500, 7_000, 499]) {
                emulator.advance(step);
                t.push(Number(RATELIMIT.exec((await call(emulator, "GET", list)).headers.get("ratelimit")!)![2]));
            }
            expect(t).toEqual([10, 8, 1, 1]);
        });
    });
});

describe("the block after going over", () => {
    test("blocks every request of that credential for the block time, even after its window ended; then a fresh window", async () => {
        await withLimit({ requests: 2, windowMs: 10_000, blockMs: 300_000 }, async (emulator) => {
            await call(emulator, "GET", list);
            await call(emulator, "GET", list);
            const over = await call(emulator, "GET", list);
            expect([over.status, codes(over), over.headers.get("retry-after")]).toEqual([429, [971], "300"]);
            emulator.advance(20_000); // two windows later: Cloudflare still blocks the user
            const blocked = await call(emulator, "GET", list);
            expect([blocked.status, blocked.headers.get("retry-after"), blocked.headers.get("ratelimit")]).toEqual([429, "280", '"default";r=0;t=280']);
            emulator.advance(279_999);
            expect((await call(emulator, "GET", list)).status).toBe(429);
            emulator.advance(1);
            const after = await call(emulator, "GET", list);
            expect([after.status, after.headers.get("ratelimit")]).toEqual([200, '"default";r=1;t=10']);
        });
    });

    test("requests during the block do not lengthen it", async () => {
        await withLimit({ requests: 1, windowMs: 1_000, blockMs: 5_000 }, async (emulator) => {
            await call(emulator, "GET", list);
            await call(emulator, "GET", list);
            for (let i = 0; i < 4; i++) {
                emulator.advance(1_000);
                expect((await call(emulator, "GET", list)).status).toBe(429);
            }
            emulator.advance(1_000);
            expect((await call(emulator, "GET", list)).status).toBe(200);
        });
    });

    test("another credential is not blocked", async () => {
        const [a, b] = ["a".repeat(40), "b".repeat(40)];
        await withLimit(
            { requests: 1, windowMs: 1_000 },
            async (emulator) => {
                const as = (token: string) => call(emulator, "GET", list, { headers: { authorization: `Bearer ${token}` } });
                await as(a);
                expect((await as(a)).status).toBe(429);
                emulator.advance(60_000);
                expect([(await as(a)).status, (await as(b)).status]).toEqual([429, 200]);
            },
            [a, b],
        );
    });

    test("a block time of 0 refuses only the request that went over", async () => {
        await withLimit({ requests: 1, windowMs: 1_000, blockMs: 0 }, async (emulator) => {
            expect([(await call(emulator, "GET", list)).status, (await call(emulator, "GET", list)).status, (await call(emulator, "GET", list)).status]).toEqual([200, 429, 200]);
        });
    });
});

describe("a foreign client on the same token", () => {
    test("spends the budget at its rate on the emulator clock: the answers show it, the request log does not", async () => {
        await withLimit({ requests: 100, windowMs: 60_000 }, async (emulator) => {
            await call(emulator, "GET", list); // opens the window: r=99
            emulator.setForeignLoad(2);
            emulator.advance(10_000); // 20 foreign requests
            expect((await call(emulator, "GET", list)).headers.get("ratelimit")).toBe('"default";r=78;t=50');
            expect(emulator.foreignLoad()).toEqual({ requestsPerSecond: 2, sent: 20, refused: 0 });
            expect(emulator.requests).toHaveLength(2);
        });
    });

    test("can push the token over the limit: then the block strikes our requests too", async () => {
        await withLimit({ requests: 10, windowMs: 60_000, blockMs: 120_000 }, async (emulator) => {
            emulator.setForeignLoad(1);
            emulator.advance(11_000); // the 11th foreign request goes over at 11 s
            const refused = await call(emulator, "GET", list);
            expect([refused.status, refused.headers.get("retry-after")]).toEqual([429, "120"]);
            expect(emulator.foreignLoad()).toEqual({ requestsPerSecond: 1, sent: 11, refused: 1 });
        });
    });

    test("is switched over the control API, per token, and stopped with 0", async () => {
        await withLimit({ requests: 100, windowMs: 60_000 }, async (emulator) => {
            expect((await control(emulator, "PUT", "/foreign-load", { requests_per_second: 5 })).status).toBe(200);
            emulator.advance(2_000);
            expect((await control(emulator, "PUT", "/foreign-load", { requests_per_second: 0 })).status).toBe(200);
            emulator.advance(10_000);
            expect((await control(emulator, "GET", "/foreign-load")).json.result).toEqual({ requests_per_second: 0, sent: 10, refused: 0 });
            expect((await call(emulator, "GET", list)).headers.get("ratelimit")).toBe('"default";r=89;t=49');
            const unknown = await control(emulator, "PUT", "/foreign-load", { requests_per_second: 1, token: "not-a-token" });
            expect([unknown.status, unknown.json.errors[0].message]).toEqual([400, expect.stringMatching(/one of the emulator's tokens/)]);
            expect((await control(emulator, "PUT", "/foreign-load", { requests_per_second: -1 })).status).toBe(400);
        });
    });

    test("needs a rate limit", async () => {
        const emulator = await startEmulator({ clock: "manual" });
        try {
            expect(() => emulator.setForeignLoad(1)).toThrow(/needs a rate limit/);
        } finally {
            await emulator.close();
        }
    });
});
