/**
 * The inputs both resources have (`zoneId`, `createTimeout`, `deleteTimeout`, `__urn`) and the rules
 * check and diff apply to them, written once; and how a resource's inputs are picked out of props.
 */
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { isUnknown } from "../contract";
import { DEFAULT_CREATE_TIMEOUT, DEFAULT_DELETE_TIMEOUT, durationProblem, parseDuration } from "../core/duration";

/** A resource's inputs as check sees them: named as they should be, but nothing about their values is known yet. */
export type Unchecked<T> = { readonly [K in keyof T]?: unknown };

/** Cloudflare identifiers: 32 lowercase hexadecimal characters. */
export const ZONE_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Why `zoneId` is invalid, or undefined. Uppercase is refused, not rewritten, so state matches the program. */
export function zoneIdProblem(zoneId: unknown): string | undefined {
    const where = "copy it from the zone's Overview page in the Cloudflare dashboard";
    if (typeof zoneId !== "string" || zoneId === "") return `zoneId is required: the zone's ID, 32 hexadecimal characters; ${where}`;
    if (ZONE_ID_PATTERN.test(zoneId)) return undefined;
    if (ZONE_ID_PATTERN.test(zoneId.toLowerCase())) return "zoneId must be lowercase: Cloudflare IDs are lowercase hexadecimal; write it in lowercase";
    return `zoneId must be 32 lowercase hexadecimal characters (got ${zoneId.length} characters): ${where}`;
}

/** The timeouts both resources have, as check and diff read them (diff's may be unknown in a preview). */
type TimeoutProps = Unchecked<{ createTimeout: string; deleteTimeout: string }>;

/** Failures of `createTimeout` and `deleteTimeout`; unset and unknown values pass. */
export function timeoutFailures(news: TimeoutProps): CheckFailure[] {
    const failures: CheckFailure[] = [];
    for (const name of ["createTimeout", "deleteTimeout"] as const) {
        const value = news[name];
        if (value === undefined || value === null || isUnknown(value)) continue;
        const problem = durationProblem(value);
        if (problem) failures.push({ property: name, reason: `${name} ${problem}` });
    }
    return failures;
}

/** Same effective timeout: "90s" equals "1.5m", and unset equals the default. */
export function sameTimeout(olds: unknown, news: unknown, fallback: string): boolean {
    const effective = (value: unknown) => (typeof value === "string" ? parseDuration(value) : parseDuration(fallback));
    return effective(olds) === effective(news);
}

/** True when either timeout takes another effect (an unknown one may). Changing one is an update that makes no API call. */
export function timeoutsChanged(olds: TimeoutProps, news: TimeoutProps): boolean {
    return (
        isUnknown(news.createTimeout) ||
        isUnknown(news.deleteTimeout) ||
        !sameTimeout(olds.createTimeout, news.createTimeout, DEFAULT_CREATE_TIMEOUT) ||
        !sameTimeout(olds.deleteTimeout, news.deleteTimeout, DEFAULT_DELETE_TIMEOUT)
    );
}

/**
 * The properties of `props` named in `names` that have a value, dropping anything else (such as
 * stale outputs). Call only on props check has passed: it trusts their types.
 */
export function pickInputs<T extends object>(props: object, names: readonly (keyof T & string)[]): T {
    const source = props as Readonly<Record<string, unknown>>;
    const picked: Record<string, unknown> = {};
    for (const name of names) if (source[name] !== undefined && source[name] !== null) picked[name] = source[name];
    return picked as T;
}
