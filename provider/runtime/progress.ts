/**
 * Where the provider's progress, log and warning lines go. In `pulumi up` they belong on the
 * resource's own row: the SDK gives each resource its URN as the `__urn` input, and the provider
 * sends status lines to the engine with it, marked ephemeral, so each row shows its certificate's
 * latest status (`./engineLog`). Without an engine or a URN, lines go to stderr, named by the
 * resource when its URN is known.
 */
import { formatElapsed } from "../core/duration";
import { engineLog, type EngineLogSend } from "./engineLog";

/**
 * Where a provider's lines go. @default the resource's row in `pulumi up`, else stderr
 * @example const lines: string[] = []; const progress: ProgressReporter = { report: (m) => lines.push(m), log: (m) => lines.push(m), warn: (m) => lines.push(m) };
 */
export interface ProgressReporter {
    /** A progress line while waiting; may be throttled. */
    report(message: string): void;
    /** An informational line; never throttled. */
    log(message: string): void;
    /** Something the user should know about (e.g. an adopted certificate); never throttled. */
    warn(message: string): void;
    /** Resolves once every line so far has been delivered. */
    flush?(): Promise<void>;
}

/** The resource's own name, the last segment of its URN (`urn:pulumi:stack::project::type::name`). */
export function resourceName(urn: string): string {
    return urn.slice(urn.lastIndexOf("::") + 2);
}

export interface StderrReporterOptions {
    /** Minimum gap between two progress lines. @default 3000 */
    readonly minIntervalMs?: number;
    /** @default Date.now */
    readonly now?: () => number;
    /** @default process.stderr.write */
    readonly write?: (line: string) => void;
    /** Put before every line, e.g. the resource's name. @default none */
    readonly prefix?: string;
}

/** Writes `line\n` to stderr; progress lines at most every `minIntervalMs`. */
export function stderrReporter(options: StderrReporterOptions = {}): ProgressReporter {
    const minIntervalMs = options.minIntervalMs ?? 3000;
    const now = options.now ?? Date.now;
    const write = options.write ?? ((line: string) => void process.stderr.write(line));
    const prefix = options.prefix ?? "";
    let last = -Infinity;
    return {
        report(message) {
            if (now() - last < minIntervalMs) return;
            last = now();
            write(`${prefix}${message}\n`);
        },
        log: (message) => write(`${prefix}${message}\n`),
        warn: (message) => write(`warning: ${prefix}${message}\n`),
    };
}

/**
 * Lines about the resource with this URN: through the engine onto its row when possible (progress
 * and log lines as its ephemeral status, warnings as its diagnostics), otherwise to stderr.
 */
export function resourceReporter(urn: unknown, send: EngineLogSend | null = engineLog()): ProgressReporter {
    const named = typeof urn === "string" && urn.startsWith("urn:pulumi:") ? urn : undefined;
    const fallback = stderrReporter({ prefix: named ? `${resourceName(named)}: ` : "" });
    if (!named || !send) return fallback;
    let delivered: Promise<unknown> = Promise.resolve();
    // In order, one at a time, like pulumi.log; a line the engine refuses still reaches stderr.
    const deliver = (severity: "info" | "warning", message: string, ephemeral: boolean, orElse: (m: string) => void) => {
        delivered = delivered.then(() => send(severity, message, named, ephemeral)).then((ok) => ok || orElse(message));
    };
    return {
        report: (message) => deliver("info", message, true, fallback.report),
        log: (message) => deliver("info", message, true, fallback.log),
        warn: (message) => deliver("warning", message, false, fallback.warn),
        flush: async () => void (await delivered),
    };
}

/** A reporter that keeps every line, for tests. */
export function memoryReporter(): ProgressReporter & { readonly lines: string[] } {
    const lines: string[] = [];
    return {
        lines,
        report: (message) => void lines.push(message),
        log: (message) => void lines.push(message),
        warn: (message) => void lines.push(`warning: ${message}`),
    };
}

/** First 8 characters of an id, then an ellipsis: `2458ce5a…`. */
export function shortId(id: string): string {
    return id.length > 9 ? `${id.slice(0, 8)}…` : id;
}

/** `certificate 2458ce5a…: pending_deployment (12s elapsed)`; the row or the prefix names the resource. */
export function progressLine(certificateId: string, status: string, elapsedMs: number): string {
    return `certificate ${shortId(certificateId)}: ${status} (${formatElapsed(elapsedMs)} elapsed)`;
}
