/**
 * Where the provider's progress, log and warning lines go. Dynamic providers get no URN and no
 * engine logger, so the default writes to stderr, which the engine passes through to the user.
 */
import { formatElapsed } from "./duration";

export interface ProgressReporter {
    /** A progress line while waiting; may be throttled. */
    report(message: string): void;
    /** An informational line; never throttled. */
    log(message: string): void;
    /** Something the user should know about (e.g. an adopted certificate); never throttled. */
    warn(message: string): void;
}

export interface StderrReporterOptions {
    /** Minimum gap between two progress lines. @default 3000 */
    readonly minIntervalMs?: number;
    /** @default Date.now */
    readonly now?: () => number;
    /** @default process.stderr.write */
    readonly write?: (line: string) => void;
}

/** Writes `line\n` to stderr; progress lines at most every `minIntervalMs`. */
export function stderrReporter(options: StderrReporterOptions = {}): ProgressReporter {
    const minIntervalMs = options.minIntervalMs ?? 3000;
    const now = options.now ?? Date.now;
    const write = options.write ?? ((line: string) => void process.stderr.write(line));
    let last = -Infinity;
    return {
        report(message) {
            if (now() - last < minIntervalMs) return;
            last = now();
            write(`${message}\n`);
        },
        log: (message) => write(`${message}\n`),
        warn: (message) => write(`warning: ${message}\n`),
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

/** `HostnameCertificate 2458ce5a…: pending_deployment (12s elapsed)` */
export function progressLine(certificateId: string, status: string, elapsedMs: number): string {
    return `HostnameCertificate ${shortId(certificateId)}: ${status} (${formatElapsed(elapsedMs)} elapsed)`;
}
