// The benchmark's markdown table and the targets it is read against.

/** The issue's targets, shown beside the figures (never enforced: timing is not a test). */
export const TARGETS = {
    /** Certificate up ≤ 1.2 × floor up + the activation delay. */
    floorFactor: 1.2,
    /** API requests per certificate lifecycle (upload, status reads, delete, status reads). */
    requestsPerCertificate: 6,
    /** Bytes per resource in state. */
    stateBytes: 20 * 1024,
};

const s = (seconds) => `${seconds.toFixed(1)}`;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (kiloBytes) => (kiloBytes > 0 ? `${(kiloBytes / 1024).toFixed(0)}` : "n/a");
const mark = (ok) => (ok ? "✓" : "✗");

/** One table row: figures for N, each with the target it is held against. */
function row({ n, floor, certificates }, options) {
    const activation = options.activationMs / 1000;
    const upBudget = TARGETS.floorFactor * floor.up + activation;
    const perCertificate = certificates.requests / n;
    return [
        n,
        `${s(floor.up)} / ${s(floor.destroy)}`,
        `${s(certificates.up)} / ${s(certificates.destroy)}`,
        `${(certificates.up / floor.up).toFixed(2)}× / ${(certificates.destroy / floor.destroy).toFixed(2)}×`,
        `${s(upBudget)} ${mark(certificates.up <= upBudget)}`,
        `${perCertificate.toFixed(2)} ${mark(perCertificate <= TARGETS.requestsPerCertificate)}`,
        certificates.rateLimited,
        `${mb(certificates.peakKb)} / ${mb(floor.peakKb)}`,
        `${kb(certificates.providerBytes)} / ${kb(floor.providerBytes)}`,
        `${kb(certificates.resourceBytes)} ${mark(certificates.resourceBytes <= TARGETS.stateBytes)}`,
    ];
}

const HEADER = [
    "N",
    "floor up / destroy (s)",
    "certificates up / destroy (s)",
    "ratio to floor (up / destroy)",
    "up budget: 1.2×floor + activation (s)",
    "API requests per certificate (≤ 6)",
    "429s",
    "provider peak RSS, MB (certificates / floor)",
    "`__provider` per resource (certificates / floor)",
    "state per certificate (≤ 20 KB)",
];

/** Prints the run's parameters and the table (markdown) to stdout. */
export function printTable(rows, options, versions) {
    const lines = [
        `Emulator: activation ${options.activationMs} ms, deletion ${options.deletionMs} ms, ${options.latencyMs} ms per request, ` +
            `API rate limit ${options.apiRateLimit === "off" ? "off" : `${options.apiRateLimit.replace("/", " per ")} s`}; ` +
            `pulumi up/destroy --skip-preview --parallel ${options.parallel ?? "N"}; zones of at most 10 certificates; ` +
            `${options.repeat > 1 ? `median of ${options.repeat} runs` : "one run"}; ${versions}.`,
        "",
        `| ${HEADER.join(" | ")} |`,
        `|${HEADER.map(() => "---").join("|")}|`,
        ...rows.map((r) => `| ${row(r, options).join(" | ")} |`),
    ];
    console.log(lines.join("\n"));
}
