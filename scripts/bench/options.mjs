// Command-line options of `npm run bench`, their defaults, and the timing profiles the rows run with.

/**
 * The emulator timings each row runs with, and the issue's targets for them. "2 s" is a fast
 * deployment (the earlier default); "Cloudflare-like" is what real deployments take: about 30 s to
 * go active and 10 s to delete. Cloudflare keeps a deleted certificate readable as `deleted` for a
 * while (Alchemy observed re-uploads resurrecting it under the same id after the delete settled),
 * so that row keeps tombstones for a minute; the emulator's own default is 500 ms.
 */
export const PROFILES = {
    fast: { name: "2 s", activationMs: 2000, deletionMs: 1000, tombstoneMs: 500 },
    cloudflare: { name: "Cloudflare-like", activationMs: 30000, deletionMs: 10000, tombstoneMs: 60000 },
};

/**
 * The issue's targets for a profile: up within floor + activation + `upSlackMs`, at most
 * `requestsPerCertificate` API requests per certificate (upload to deletion), no 429. Activations of
 * 10 s or more are held to the Cloudflare-like targets (floor + 35 s at 30 s, 4 requests).
 */
export function targetsFor(profile) {
    return profile.activationMs >= 10000 ? { upSlackMs: 5000, requestsPerCertificate: 4 } : { upSlackMs: 1000, requestsPerCertificate: 5 };
}

/** Defaults: both profiles, 50 ms per API call, N = 10, 50, 100 at --parallel N, and the two-stacks case. */
export const DEFAULTS = {
    /** Resource counts to run, each for the floor and for certificates in every profile. */
    sizes: [10, 50, 100],
    /** Timing profiles (names in PROFILES); replaced by one custom profile when a timing flag is given. */
    profiles: [PROFILES.fast, PROFILES.cloudflare],
    /** Emulator: delay before every API response. */
    latencyMs: 50,
    /**
     * `pulumi up/destroy --parallel`; by default N itself, so no certificate waits for a slot and the
     * whole run takes one activation delay, as the up budget assumes. Pulumi's own default is 4 × CPUs.
     */
    parallel: undefined,
    /** The emulator enforces Cloudflare's global limit, so a 429 would show in the table. */
    apiRateLimit: "1200/300",
    /** Certificates per stack in the two-stacks case (two `pulumi up` at once, one emulator, one token); 0 skips it. */
    twoStacks: 50,
    /**
     * The shared-token cases: K stacks of N certificates at once on one token (Cloudflare-like
     * timings), with a foreign client; each `{ stacks, perStack }`. 4 × 100 need about 1,550
     * requests, more than Cloudflare's 1,200 per 5 minutes.
     */
    sharedToken: [{ stacks: 4, perStack: 100 }],
    /** The foreign client in the shared-token cases: requests per second on the same token (the dashboard, another tool). */
    foreignRps: 1,
    /** Emulator: how long going over the rate limit blocks the token (Cloudflare: 5 minutes). */
    rateBlockMs: 300_000,
    /** Runs per N and kind; wall times are the median (the machine may be busy). */
    repeat: 1,
    /** Keep the workspaces under .toolchain/bench/ for inspection. */
    keep: false,
};

const HELP = `npm run bench -- [options]

Runs \`pulumi up\` then \`pulumi destroy\` of N trivial dynamic resources (the engine's floor) and of
N HostnameCertificates (against the local emulator, zones of at most 10) for each timing profile,
then two stacks of certificates at once against one emulator, and prints tables.

  --sizes <n,n,…>        resource counts (default ${DEFAULTS.sizes.join(",")}; "none" skips these rows)
  --activation-ms <ms>   emulator: upload to active; with --deletion-ms / --tombstone-ms, replaces the
                         default profiles (${DEFAULTS.profiles.map((p) => `${p.name}: ${p.activationMs}/${p.deletionMs}/${p.tombstoneMs}`).join(", ")})
  --deletion-ms <ms>     emulator: pending_deletion to deleted
  --tombstone-ms <ms>    emulator: how long a deleted certificate stays readable (default 500 in a custom profile)
  --latency-ms <ms>      emulator: delay before every API response (default ${DEFAULTS.latencyMs})
  --parallel <n>         pulumi --parallel (default: N, so no certificate waits for a slot)
  --repeat <n>           runs per N and kind, wall times are medians (default ${DEFAULTS.repeat})
  --api-rate-limit <n/s> emulator's rate limit, requests per seconds (default ${DEFAULTS.apiRateLimit}; "off")
  --two-stacks <n>       certificates per stack in the two-stacks case, Cloudflare-like timings (default ${DEFAULTS.twoStacks}; 0 skips it)
  --shared-token <KxN,…> K stacks of N certificates at once on one token, Cloudflare-like timings, with the
                         foreign client (default ${DEFAULTS.sharedToken.map((c) => `${c.stacks}x${c.perStack}`).join(",")}; "none" skips it)
  --foreign-rps <n>      the foreign client's requests per second on that token (default ${DEFAULTS.foreignRps})
  --rate-block-ms <ms>   emulator: how long going over its rate limit blocks the token (default ${DEFAULTS.rateBlockMs})
  --keep                 keep the workspaces under .toolchain/bench/
  --help                 this text

The provider's own client-side limit is read from CLOUDFLARE_RATE_LIMIT as usual (default 1000/5m,100/1s).`;

const NUMBER_FLAGS = {
    "--latency-ms": "latencyMs",
    "--parallel": "parallel",
    "--repeat": "repeat",
    "--two-stacks": "twoStacks",
    "--foreign-rps": "foreignRps",
    "--rate-block-ms": "rateBlockMs",
};

const TIMING_FLAGS = {
    "--activation-ms": "activationMs",
    "--deletion-ms": "deletionMs",
    "--tombstone-ms": "tombstoneMs",
};

function fail(message) {
    console.error(`bench: ${message}\n\n${HELP}`);
    process.exit(2);
}

function number(flag, value) {
    const n = Number(value);
    if (value === undefined || !Number.isInteger(n) || n < 0) fail(`${flag} needs a whole number, got ${value}`);
    return n;
}

/** Parses `argv` (without node and the script) into options with defaults applied. */
export function parseOptions(argv) {
    const options = { ...DEFAULTS };
    const timings = {};
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (flag === "--help" || flag === "-h") {
            console.log(HELP);
            process.exit(0);
        } else if (flag === "--keep") {
            options.keep = true;
        } else if (flag === "--sizes") {
            const value = argv[++i] ?? "";
            options.sizes = value === "none" ? [] : value.split(",").map((s) => number(flag, s));
            if (options.sizes.some((n) => n < 1)) fail("--sizes must be positive");
        } else if (flag === "--shared-token") {
            options.sharedToken = sharedTokenCases(argv[++i] ?? "");
        } else if (flag === "--api-rate-limit") {
            options.apiRateLimit = argv[++i];
            if (options.apiRateLimit !== "off" && !/^\d+\/\d+$/.test(options.apiRateLimit ?? "")) fail("--api-rate-limit is <requests>/<seconds> or off");
        } else if (NUMBER_FLAGS[flag]) {
            options[NUMBER_FLAGS[flag]] = number(flag, argv[++i]);
        } else if (TIMING_FLAGS[flag]) {
            timings[TIMING_FLAGS[flag]] = number(flag, argv[++i]);
        } else {
            fail(`unknown option ${flag}`);
        }
    }
    if (options.parallel < 1 || options.repeat < 1) fail("--parallel and --repeat must be at least 1");
    if (Object.keys(timings).length > 0) options.profiles = [customProfile(timings)];
    return options;
}

/** `4x100,2x100` → `[{ stacks: 4, perStack: 100 }, …]`; "none" → []. */
function sharedTokenCases(text) {
    if (text === "none") return [];
    return text.split(",").map((part) => {
        const match = /^(\d+)x(\d+)$/.exec(part.trim());
        if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) fail(`--shared-token is <stacks>x<certificates>[,…] or none, got ${text}`);
        return { stacks: Number(match[1]), perStack: Number(match[2]) };
    });
}

function customProfile(timings) {
    const profile = { activationMs: PROFILES.fast.activationMs, deletionMs: PROFILES.fast.deletionMs, tombstoneMs: 500, ...timings };
    return { name: `${profile.activationMs / 1000} s`, ...profile };
}

/** The `--parallel` for a run of `n` resources. */
export function parallelFor(options, n) {
    return options.parallel ?? n;
}

/** The emulator's `rateLimit` option for `--api-rate-limit` and `--rate-block-ms`. */
export function emulatorRateLimit(text, blockMs) {
    if (text === "off") return undefined;
    const [requests, seconds] = text.split("/").map(Number);
    return { requests, windowMs: seconds * 1000, blockMs };
}
