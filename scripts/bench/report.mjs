// The benchmark's markdown tables and the targets they are read against.
import { parallelFor, PROFILES, targetsFor } from "./options.mjs";

/** Targets shown beside the figures (never enforced: timing is not a test). */
export const TARGETS = {
    /** The earlier up budget: certificate up ≤ 1.2 × floor up + the activation delay. */
    floorFactor: 1.2,
    /** Bytes per resource in state. */
    stateBytes: 20 * 1024,
};

const s = (seconds) => `${seconds.toFixed(1)}`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (kiloBytes) => (kiloBytes > 0 ? `${(kiloBytes / 1024).toFixed(0)}` : "n/a");
const mark = (ok) => (ok ? "✓" : "✗");
const timings = (p) => `${p.activationMs / 1000} s / ${p.deletionMs / 1000} s / ${p.tombstoneMs / 1000} s`;

/** One table row: figures for N in one profile, each with the target it is held against. */
function row({ n, profile, floor, certificates }) {
    const activation = profile.activationMs / 1000;
    const targets = targetsFor(profile);
    const upBudget = TARGETS.floorFactor * floor.up + activation;
    const upTarget = floor.up + activation + targets.upSlackMs / 1000;
    const perCertificate = certificates.requests / n;
    return [
        n,
        `${profile.name} (${timings(profile)})`,
        `${s(floor.up)} / ${s(floor.destroy)}`,
        `${s(certificates.up)} / ${s(certificates.destroy)}`,
        `${(certificates.up / floor.up).toFixed(2)}× / ${(certificates.destroy / floor.destroy).toFixed(2)}×`,
        `${s(upBudget)} ${mark(certificates.up <= upBudget)}`,
        `${s(upTarget)} ${mark(certificates.up <= upTarget)}`,
        `${perCertificate.toFixed(2)} ${mark(perCertificate <= targets.requestsPerCertificate)} (≤ ${targets.requestsPerCertificate})`,
        Math.round(certificates.requests),
        certificates.rateLimited,
        `${mb(certificates.peakKb)} / ${mb(floor.peakKb)}`,
        `${kb(certificates.providerBytes)} / ${kb(floor.providerBytes)}`,
        `${kb(certificates.resourceBytes)} ${mark(certificates.resourceBytes <= TARGETS.stateBytes)}`,
    ];
}

const HEADER = [
    "N",
    "timings (activation / deletion / tombstone)",
    "floor up / destroy (s)",
    "certificates up / destroy (s)",
    "ratio to floor (up / destroy)",
    "up budget: 1.2×floor + activation (s)",
    "up target: floor + activation + 1 s (2 s) or + 5 s (Cloudflare-like)",
    "API requests per certificate",
    "API requests per run",
    "429s",
    "provider peak RSS, MB (certificates / floor)",
    "`__provider` per resource (certificates / floor)",
    "state per certificate (≤ 20 KB)",
];

function markdown(header, rows) {
    return [`| ${header.join(" | ")} |`, `|${header.map(() => "---").join("|")}|`, ...rows.map((r) => `| ${r.join(" | ")} |`)];
}

function rateLimitText(options) {
    return options.apiRateLimit === "off" ? "off" : `${options.apiRateLimit.replace("/", " per ")} s`;
}

/** Prints the command, the run's parameters and the table (markdown) to stdout. */
export function printTable(rows, options, versions, command) {
    const lines = [
        `\`${command}\``,
        "",
        `Emulator: ${options.latencyMs} ms per request, API rate limit ${rateLimitText(options)}; ` +
            `pulumi up/destroy --skip-preview --parallel ${options.parallel ?? "N"}; zones of at most 10 certificates; ` +
            `${options.repeat > 1 ? `median of ${options.repeat} runs` : "one run"}; ${versions}.`,
        "",
        ...markdown(HEADER, rows.map(row)),
    ];
    console.log(lines.join("\n"));
}

/** Prints the two-stacks case: two `pulumi up` (then `destroy`) at once, one emulator, one token. */
export function printTwoStacks(result, options) {
    const n = result.perStack;
    const header = ["stacks × certificates", "timings", "up (s), each", "destroy (s), each", "API requests per run (both stacks)", "per certificate", "429s", "failed runs"];
    const line = [
        `2 × ${n}`,
        `${PROFILES.cloudflare.name} (${timings(PROFILES.cloudflare)})`,
        result.ups.map(s).join(" / "),
        result.destroys.map(s).join(" / "),
        result.requests,
        (result.requests / (2 * n)).toFixed(2),
        `${result.rateLimited} ${mark(result.rateLimited === 0)}`,
        `${result.failures} ${mark(result.failures === 0)}`,
    ];
    console.log(
        [
            "",
            `Two stacks at once: two \`pulumi up\` of ${n} certificates each (separate zones), then two \`pulumi destroy\`, ` +
                `in parallel against one emulator that enforces ${rateLimitText(options)}, with one token; --parallel ${parallelFor(options, n)}.`,
            "",
            ...markdown(header, [line]),
        ].join("\n"),
    );
}

/**
 * What a shared-token case cannot beat. When its requests do not fit into one window of the budget
 * less the foreign client's share, the time they need at that rate (1,200 per 5 minutes less 1/s:
 * 3 a second); otherwise, the budget does not bind, one stack's own time (activation + deletion +
 * 10 s, the engine's time for an up and a destroy of 100, as in the up target).
 */
export function sharedTokenFloor(result, options) {
    const single = (PROFILES.cloudflare.activationMs + PROFILES.cloudflare.deletionMs) / 1000 + 10;
    if (options.apiRateLimit === "off") return { binds: false, floor: single };
    const [requests, seconds] = options.apiRateLimit.split("/").map(Number);
    const net = requests / seconds - result.foreignRps;
    const binds = result.requests > net * seconds;
    return { binds, floor: binds ? (net > 0 ? result.requests / net : Infinity) : single };
}

/** Prints the shared-token cases: K `pulumi up` (then `destroy`) at once on one token, with a foreign client. */
export function printSharedToken(results, options) {
    const header = [
        "stacks × certificates",
        "foreign client",
        "up (s), each",
        "destroy (s), each",
        "slowest up + destroy (s)",
        "API requests (all stacks)",
        "per certificate",
        "429s",
        "failed runs",
        "budget-bound floor (s)",
        "÷ floor (≤ 1.25)",
    ];
    const lines = results.map((r) => {
        const { binds, floor } = sharedTokenFloor(r, options);
        const slowest = Math.max(...r.ups) + Math.max(...r.destroys);
        const foreign = r.foreign ? `${r.foreignRps}/s (${r.foreign.sent} sent, ${r.foreign.refused} refused)` : "none";
        return [
            `${r.stacks} × ${r.perStack}`,
            foreign,
            r.ups.map(s).join(" / "),
            r.destroys.map(s).join(" / "),
            s(slowest),
            r.requests,
            (r.requests / (r.stacks * r.perStack)).toFixed(2),
            `${r.rateLimited} ${mark(r.rateLimited === 0)}`,
            `${r.failures} ${mark(r.failures === 0)}`,
            `${s(floor)} (${binds ? "budget" : "one stack"})`,
            `${(slowest / floor).toFixed(2)} ${mark(slowest <= 1.25 * floor)}`,
        ];
    });
    console.log(
        [
            "",
            `One token, many pipelines: K \`pulumi up\` of N certificates each (separate zones), then K \`pulumi destroy\`, in parallel ` +
                `against one emulator that enforces ${rateLimitText(options)} and blocks the token for ${options.rateBlockMs / 1000} s when it is exceeded; ` +
                `${PROFILES.cloudflare.name} timings (${timings(PROFILES.cloudflare)}); --parallel N. The floor is the requests ÷ (budget − foreign client) ` +
                `when they do not fit into one window of it, else one stack's ${(PROFILES.cloudflare.activationMs + PROFILES.cloudflare.deletionMs) / 1000 + 10} s.`,
            "",
            ...markdown(header, lines),
        ].join("\n"),
    );
}
