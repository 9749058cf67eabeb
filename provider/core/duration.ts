/**
 * Timeouts are duration strings ("90s", "5m", "1.5h"), parsed by `ms`. A bare number is refused:
 * "600" would silently mean 600 milliseconds.
 */
import ms from "ms";

/** @default "10m": a deployment normally takes seconds; ten minutes rides out a slow edge rollout. */
export const DEFAULT_CREATE_TIMEOUT = "10m";
/** @default "10m": deletion also propagates to the whole edge; same budget as create. */
export const DEFAULT_DELETE_TIMEOUT = "10m";

/**
 * How far past its deadline an operation may run, so that `createTimeout` and `deleteTimeout` are
 * bounds: nothing waits, retries or starts a poll after the deadline; only a request already on its
 * way, or the one final request that concludes the operation (a failed create's cleanup DELETE, a
 * wait's last read), may still finish within this grace, and every request's own timeout is cut to
 * it. @default 5000
 */
export const DEADLINE_GRACE_MS = 5_000;

/** Shortest accepted timeout. */
export const MIN_TIMEOUT_MS = 1_000;
/** Longest accepted timeout (a day): anything longer is a typo. */
export const MAX_TIMEOUT_MS = 24 * 60 * 60 * 1000;

/** Parses a duration string to milliseconds; undefined when it is not one (or out of bounds). */
export function parseDuration(value: string): number | undefined {
    if (!/[a-z]\s*$/i.test(value.trim())) return undefined;
    const result = ms(value.trim() as ms.StringValue);
    if (typeof result !== "number" || !Number.isFinite(result)) return undefined;
    return result >= MIN_TIMEOUT_MS && result <= MAX_TIMEOUT_MS ? result : undefined;
}

/** Why a timeout input is invalid, phrased for a check failure; undefined when it is fine. */
export function durationProblem(value: unknown): string | undefined {
    if (typeof value !== "string") return `must be a duration string such as "90s" or "5m"`;
    if (parseDuration(value) !== undefined) return undefined;
    return `"${value}" is not a duration between 1s and 24h: use a number with a unit, such as "90s", "5m" or "1h"`;
}

/** The timeout in milliseconds, or the default when unset. Call only on checked inputs. */
export function timeoutMs(value: string | undefined, fallback: string): number {
    return parseDuration(value ?? fallback) ?? (parseDuration(fallback) as number);
}

/** "2m03s", "45s", "850ms": short, for progress lines and messages. */
export function formatElapsed(milliseconds: number): string {
    if (milliseconds < 1000) return `${Math.round(milliseconds)}ms`;
    const seconds = Math.round(milliseconds / 1000);
    if (seconds < 60) return `${seconds}s`;
    const minutes = Math.floor(seconds / 60);
    return `${minutes}m${String(seconds % 60).padStart(2, "0")}s`;
}
