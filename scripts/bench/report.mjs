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
