/**
 * The CLI: argument parsing, and a real process that prints its base URL first, is controllable over
 * HTTP from another process, and stops cleanly on SIGTERM and SIGINT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import * as ts from "typescript";
import { parseCliArgs, runCli, USAGE } from "../../../emulator/server/cli";
import { DEFAULT_API_TOKEN } from "../../../emulator";

describe("CLI arguments", () => {
    test("repeatable tokens, api keys, zones, timings, clock, state file, rate limit and its block", () => {
        const options = parseCliArgs([
            "--port", "8787", "--token", "a", "--token", "b", "--api-key", "me@example.com:k", "--zone", "0".repeat(32),
            "--activation-ms", "2000", "--latency-ms", "5", "--manual-clock", "--state-file", "/tmp/s.json", "--rate-limit", "1200/300", "--rate-block-ms", "60000",
            "--list-shape", "association", "--list-page-size", "3",
        ]);
        expect(options).toMatchObject({
            port: 8787,
            tokens: ["a", "b"],
            apiKeys: [{ email: "me@example.com", key: "k" }],
            zones: ["0".repeat(32)],
            timings: { activationMs: 2000, latencyMs: 5 },
            clock: "manual",
            stateFile: "/tmp/s.json",
            rateLimit: { requests: 1200, windowMs: 300_000, blockMs: 60_000 },
            listShape: "association",
            listPageSize: 3,
        });
    });

    test("defaults: port 0, default credentials, real time; --help prints usage", async () => {
        expect(parseCliArgs([])).toMatchObject({ port: 0, tokens: undefined, clock: undefined });
        const lines: string[] = [];
        expect(await runCli(["--help"], (l) => lines.push(l))).toBeUndefined();
        expect(lines).toEqual([USAGE]);
    });

    test("bad arguments are refused", () => {
        expect(() => parseCliArgs(["--port", "x"])).toThrow(/--port/);
        expect(() => parseCliArgs(["--api-key", "nocolon"])).toThrow(/email:key/);
        expect(() => parseCliArgs(["--bogus"])).toThrow();
    });

    test("runCli prints the base URL on the first line", async () => {
        const lines: string[] = [];
        const emulator = await runCli(["--port", "0"], (l) => lines.push(l));
        try {
            expect(lines[0]).toBe(`Cloudflare API emulator listening on ${emulator?.url}`);
        } finally {
            await emulator?.close();
        }
    });
});

/** Transpiles every .ts file under emulator/ to a temporary directory, as `npm run build` would (without type-checking). */
function buildEmulator(): string {
    const out = mkdtempSync(join(tmpdir(), "emulator-cli-"));
    const source = resolve(__dirname, "../../../emulator");
    for (const file of readdirSync(source, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"))) {
        const { outputText } = ts.transpileModule(readFileSync(join(source, file), "utf8"), {
            compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
        });
        mkdirSync(dirname(join(out, "emulator", file)), { recursive: true });
        writeFileSync(join(out, "emulator", file.replace(/\.ts$/, ".js")), outputText);
    }
    return out;
}

function firstLine(child: ChildProcess): Promise<string> {
    return new Promise((resolveLine, reject) => {
        const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
        lines.once("line", resolveLine);
        child.once("exit", (code) => reject(new Error(`exited with ${code} before printing`)));
    });
}

function exitCode(child: ChildProcess): Promise<number | null> {
    return new Promise((resolveExit) => child.once("exit", (code) => resolveExit(code)));
}

describe("CLI process", () => {
    let out: string;
    beforeAll(() => {
        out = buildEmulator();
    });
    afterAll(() => rmSync(out, { recursive: true, force: true }));

    test.each(["SIGTERM", "SIGINT"] as const)("serves, is controllable over HTTP and stops on %s", async (signal) => {
        const child = spawn(process.execPath, [join(out, "emulator", "server", "cli.js"), "--port", "0", "--token", "cli-token", "--manual-clock"], {
            stdio: ["ignore", "pipe", "inherit"],
        });
        try {
            const line = await firstLine(child);
            const url = /(http:\/\/127\.0\.0\.1:\d+\/client\/v4)/.exec(line)?.[1];
            expect(url).toBeDefined();
            const list = `${url}/zones/${"0".repeat(32)}/origin_tls_client_auth/hostnames/certificates`;
            expect((await fetch(list, { headers: { authorization: "Bearer cli-token" } })).status).toBe(200);
            expect((await fetch(list, { headers: { authorization: `Bearer ${DEFAULT_API_TOKEN}` } })).status).toBe(400);
            const controlUrl = (url as string).replace("/client/v4", "/__emulator");
            const advanced = await fetch(`${controlUrl}/clock/advance`, { method: "POST", body: JSON.stringify({ ms: 10 }) });
            expect(advanced.status).toBe(200);
            const log = (await (await fetch(`${controlUrl}/requests`)).json()) as { result: unknown[] };
            expect(log.result).toHaveLength(2);
            const exited = exitCode(child);
            child.kill(signal);
            expect(await exited).toBe(0);
        } finally {
            if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        }
    });
});
