#!/usr/bin/env node
/**
 * `npm run emulator -- [options]`: runs the emulator until SIGINT/SIGTERM.
 * The first line on stdout contains the base URL, so scripts can wait for it and read it.
 *
 * @example
 * npm run emulator -- --port 0 --token my-token --manual-clock
 * # Cloudflare API emulator listening on http://127.0.0.1:40123/client/v4
 */
import { parseArgs } from "node:util";
import { DEFAULT_API_KEY, DEFAULT_API_TOKEN, startEmulator, type Emulator, type EmulatorOptions } from "../index";
import type { Timings } from "../state/lifecycle";
import type { RateLimitOptions } from "../control/rateLimit";

/** Help text of the CLI. */
export const USAGE = `Usage: emulator [options]
  --port <n>             TCP port, 0 picks a free one (default 0)
  --host <addr>          interface (default 127.0.0.1)
  --token <t>            accepted API token, repeatable (default ${DEFAULT_API_TOKEN})
  --read-only-token <t>  accepted read-only API token, repeatable
  --api-key <email:key>  accepted Global API Key, repeatable (default ${DEFAULT_API_KEY.email}:${DEFAULT_API_KEY.key})
  --zone <id>            restrict to these zone ids, repeatable (default: any well-formed id)
  --state-file <path>    persist state to this JSON file
  --manual-clock         statuses move only via POST /__emulator/clock/advance
  --initializing-ms <n>  --activation-ms <n>  --deletion-ms <n>
  --tombstone-ms <n>     --association-ms <n>  --latency-ms <n>
  --rate-limit <n/s>     e.g. 1200/300: n requests per s seconds per credential
  --rate-block-ms <ms>   with --rate-limit: how long going over blocks the credential (default 300000)
  --list-shape <s>       certificate (default) or association: item shape of the certificate list
  --list-page-size <n>   page the certificate list, n items per page (default: one page)
  --help`;

const TIMING_FLAGS: Record<string, keyof Timings> = {
    "initializing-ms": "initializingMs",
    "activation-ms": "activationMs",
    "deletion-ms": "deletionMs",
    "tombstone-ms": "tombstoneMs",
    "association-ms": "associationMs",
    "latency-ms": "latencyMs",
};

/** Turns command-line arguments into {@link EmulatorOptions}; `undefined` means "print help". */
export function parseCliArgs(argv: string[]): EmulatorOptions | undefined {
    const { values } = parseArgs({
        args: argv,
        strict: true,
        options: {
            port: { type: "string" },
            host: { type: "string" },
            token: { type: "string", multiple: true },
            "read-only-token": { type: "string", multiple: true },
            "api-key": { type: "string", multiple: true },
            zone: { type: "string", multiple: true },
            "state-file": { type: "string" },
            "manual-clock": { type: "boolean" },
            "rate-limit": { type: "string" },
            "rate-block-ms": { type: "string" },
            "list-shape": { type: "string" },
            "list-page-size": { type: "string" },
            help: { type: "boolean" },
            ...Object.fromEntries(Object.keys(TIMING_FLAGS).map((flag) => [flag, { type: "string" as const }])),
        },
    });
    if (values.help) return undefined;
    const timings: Partial<Timings> = {};
    for (const [flag, key] of Object.entries(TIMING_FLAGS)) {
        const value = values[flag as keyof typeof values];
        if (typeof value === "string") timings[key] = integer(value, `--${flag}`);
    }
    return {
        port: values.port !== undefined ? integer(values.port, "--port") : 0,
        host: values.host,
        tokens: values.token,
        readOnlyTokens: values["read-only-token"],
        apiKeys: values["api-key"]?.map(apiKey),
        zones: values.zone,
        stateFile: values["state-file"],
        clock: values["manual-clock"] ? "manual" : undefined,
        timings,
        rateLimit: values["rate-limit"] !== undefined ? rateLimit(values["rate-limit"], values["rate-block-ms"]) : undefined,
        listShape: values["list-shape"] as EmulatorOptions["listShape"],
        listPageSize: values["list-page-size"] !== undefined ? integer(values["list-page-size"], "--list-page-size") : undefined,
    };
}

/** Starts the emulator and prints where it listens. Signal handling is left to {@link main}. */
export async function runCli(argv: string[], write: (line: string) => void): Promise<Emulator | undefined> {
    const options = parseCliArgs(argv);
    if (!options) {
        write(USAGE);
        return undefined;
    }
    const emulator = await startEmulator(options);
    write(`Cloudflare API emulator listening on ${emulator.url}`);
    write(`control API: ${emulator.controlUrl}`);
    write(`accepted tokens: ${(options.tokens ?? [DEFAULT_API_TOKEN]).length}; clock: ${options.clock === "manual" ? "manual" : "real time"}`);
    return emulator;
}

async function main(): Promise<void> {
    const emulator = await runCli(process.argv.slice(2), (line) => process.stdout.write(`${line}\n`));
    if (!emulator) return;
    const stop = (): void => {
        emulator.close().then(
            () => process.exit(0),
            () => process.exit(1),
        );
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
}

function integer(text: string, flag: string): number {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0) throw new Error(`${flag} needs a non-negative integer, got ${text}`);
    return value;
}

function apiKey(text: string): { email: string; key: string } {
    const colon = text.lastIndexOf(":");
    if (colon <= 0) throw new Error(`--api-key needs email:key, got ${text}`);
    return { email: text.slice(0, colon), key: text.slice(colon + 1) };
}

function rateLimit(text: string, blockMs: string | undefined): RateLimitOptions {
    const [requests, seconds] = text.split("/");
    const limit = { requests: integer(requests, "--rate-limit"), windowMs: integer(seconds ?? "", "--rate-limit") * 1000 };
    return blockMs === undefined ? limit : { ...limit, blockMs: integer(blockMs, "--rate-block-ms") };
}

if (require.main === module) {
    main().catch((error: unknown) => {
        process.stderr.write(`emulator: ${error instanceof Error ? error.message : String(error)}\n`);
        process.exit(1);
    });
}
