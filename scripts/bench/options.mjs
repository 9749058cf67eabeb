// Command-line options of `npm run bench` and their defaults.

/** Defaults: "realistic" timings (a certificate takes about 2 s to deploy, 50 ms per API call). */
export const DEFAULTS = {
    /** Resource counts to run, each for the floor and for certificates. */
    sizes: [10, 50, 100],
    /** Emulator: upload → active. */
    activationMs: 2000,
    /** Emulator: pending_deletion → deleted. */
    deletionMs: 1000,
    /** Emulator: delay before every API response. */
    latencyMs: 50,
    /**
     * `pulumi up/destroy --parallel`; by default N itself, so no certificate waits for a slot and the
     * whole run takes one activation delay, as the up budget assumes. Pulumi's own default is 4 × CPUs.
     */
    parallel: undefined,
    /** The emulator enforces Cloudflare's global limit, so a 429 would show in the table. */
    apiRateLimit: "1200/300",
    /** Runs per N and kind; wall times are the median (the machine may be busy). */
    repeat: 1,
    /** Keep the workspaces under .toolchain/bench/ for inspection. */
    keep: false,
};

const HELP = `npm run bench -- [options]

Runs \`pulumi up\` then \`pulumi destroy\` of N trivial dynamic resources (the engine's floor) and of
N HostnameCertificates (against the local emulator, zones of at most 10), and prints a table.

  --sizes <n,n,…>        resource counts (default ${DEFAULTS.sizes.join(",")})
  --activation-ms <ms>   emulator: upload to active (default ${DEFAULTS.activationMs})
  --deletion-ms <ms>     emulator: pending_deletion to deleted (default ${DEFAULTS.deletionMs})
  --latency-ms <ms>      emulator: delay before every API response (default ${DEFAULTS.latencyMs})
  --parallel <n>         pulumi --parallel (default: N, so no certificate waits for a slot)
  --repeat <n>           runs per N and kind, wall times are medians (default ${DEFAULTS.repeat})
  --api-rate-limit <n/s> emulator's rate limit, requests per seconds (default ${DEFAULTS.apiRateLimit}; "off")
  --keep                 keep the workspaces under .toolchain/bench/
  --help                 this text

The provider's own client-side limit is read from CLOUDFLARE_RATE_LIMIT as usual (default 1000/5m,100/1s).`;

const NUMBER_FLAGS = {
    "--activation-ms": "activationMs",
    "--deletion-ms": "deletionMs",
    "--latency-ms": "latencyMs",
    "--parallel": "parallel",
    "--repeat": "repeat",
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
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        if (flag === "--help" || flag === "-h") {
            console.log(HELP);
            process.exit(0);
        } else if (flag === "--keep") {
            options.keep = true;
        } else if (flag === "--sizes") {
            options.sizes = (argv[++i] ?? "").split(",").map((s) => number(flag, s));
            if (options.sizes.some((n) => n < 1)) fail("--sizes must be positive");
        } else if (flag === "--api-rate-limit") {
            options.apiRateLimit = argv[++i];
            if (options.apiRateLimit !== "off" && !/^\d+\/\d+$/.test(options.apiRateLimit ?? "")) fail("--api-rate-limit is <requests>/<seconds> or off");
        } else if (NUMBER_FLAGS[flag]) {
            options[NUMBER_FLAGS[flag]] = number(flag, argv[++i]);
        } else {
            fail(`unknown option ${flag}`);
        }
    }
    if (options.parallel < 1 || options.repeat < 1) fail("--parallel and --repeat must be at least 1");
    return options;
}

/** The `--parallel` for a run of `n` resources. */
export function parallelFor(options, n) {
    return options.parallel ?? n;
}

/** The emulator's `rateLimit` option for `--api-rate-limit`. */
export function emulatorRateLimit(text) {
    if (text === "off") return undefined;
    const [requests, seconds] = text.split("/").map(Number);
    return { requests, windowMs: seconds * 1000 };
}
