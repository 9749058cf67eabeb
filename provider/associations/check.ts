/**
 * Local validation of a HostnameAssociation's inputs (no API request). Unknown values (preview,
 * e.g. the ID of a certificate not created yet) are skipped, not failed. Every failure names its
 * property and says what to write instead.
 *
 * Hostnames: ASCII DNS names of at most 255 characters with at least two labels, written in
 * lowercase without a trailing dot. A leading `*.` wildcard is accepted and passed on as is, since
 * the API accepts it; a `*` anywhere else is refused.
 */
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import { CERTIFICATE_ID_PATTERN } from "../client/hostnameCertificates";
import { ASSOCIATION_INPUT_NAMES, type HostnameAssociationInputs, IMPORT_KEY, isUnknown } from "../contract";
import { pickInputs, timeoutFailures, type Unchecked, zoneIdProblem } from "../runtime/inputs";

/** The API's limit on `hostname`. */
export const MAX_HOSTNAME_LENGTH = 255;
/** One DNS label: 1 to 63 letters, digits and hyphens, no hyphen at either end. */
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** Why `hostname` is invalid, or undefined. Uppercase is refused, not rewritten, so state matches the program. */
export function hostnameProblem(hostname: unknown): string | undefined {
    if (typeof hostname !== "string" || hostname === "") return `hostname is required: a DNS name in the zone, such as "api.example.com"`;
    if (hostname.length > MAX_HOSTNAME_LENGTH) return `hostname is ${hostname.length} characters long; Cloudflare accepts at most ${MAX_HOSTNAME_LENGTH}`;
    if (hostname.trim() !== hostname) return "hostname has leading or trailing whitespace: remove it";
    if (/[^\x21-\x7e]/.test(hostname)) {
        return "hostname must be plain ASCII without spaces: write an internationalized name in its punycode form (xn--…)";
    }
    if (/[/:@?#]/.test(hostname)) return `hostname must be a bare host name, without scheme, port or path: e.g. "api.example.com"`;
    if (hostname !== hostname.toLowerCase()) return `hostname must be lowercase: Cloudflare stores hostnames in lowercase; write "${hostname.toLowerCase()}"`;
    if (hostname.endsWith(".")) return `hostname must not end with a dot: write "${hostname.replace(/\.+$/, "")}"`;
    const name = hostname.startsWith("*.") ? hostname.slice(2) : hostname;
    if (name.includes("*")) return `hostname may only use "*" as a whole first label ("*.example.com")`;
    const labels = name.split(".");
    if (labels.length < 2) {
        const example = name === hostname ? `${name}.example.com` : "*.example.com";
        return `hostname must be a full name in the zone, with its domain: e.g. "${example}"`;
    }
    const bad = labels.find((label) => !LABEL.test(label));
    if (bad !== undefined) {
        const what = bad === "" ? "an empty label (two dots in a row)" : `the label "${bad}"`;
        return `hostname has ${what}: each label is 1 to 63 letters, digits or hyphens, and does not start or end with a hyphen`;
    }
    return undefined;
}

/** Why `certificateId` is invalid, or undefined. */
export function certificateIdProblem(certificateId: unknown): string | undefined {
    const what = "pass the certificateId of a HostnameCertificate in the same zone";
    if (typeof certificateId !== "string" || certificateId === "") return `certificateId is required: ${what}`;
    if (CERTIFICATE_ID_PATTERN.test(certificateId)) return undefined;
    if (CERTIFICATE_ID_PATTERN.test(certificateId.toLowerCase())) return "certificateId must be lowercase: Cloudflare's IDs are lowercase; write it in lowercase";
    return `certificateId must be a certificate ID, a UUID such as 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60: ${what}`;
}

/** Why `enabled` is invalid, or undefined. Unset (or null) means the default, true. */
export function enabledProblem(enabled: unknown): string | undefined {
    if (enabled === undefined || enabled === null || typeof enabled === "boolean") return undefined;
    return "enabled must be true or false (default true); to remove the association, delete the resource instead";
}

/**
 * Why the `import` option (`__import`) cannot name this association, or undefined: it names the
 * hostname, or the resource ID `<zoneId>/<hostname>`, of the association declared.
 */
export function associationImportProblem(value: unknown, zoneId: unknown, hostname: unknown): string | undefined {
    const form = `the hostname the resource declares, such as "api.example.com" (or the ID "<zoneId>/<hostname>")`;
    if (typeof value !== "string" || value === "") return `the \`import\` resource option of a HostnameAssociation is ${form}`;
    if (isUnknown(hostname) || isUnknown(zoneId)) return undefined;
    const slash = value.lastIndexOf("/");
    const [zone, name] = slash < 0 ? [zoneId, value] : [value.slice(0, slash), value.slice(slash + 1)];
    if (name === hostname && zone === zoneId) return undefined;
    const what = slash < 0 ? `hostname ${name}` : `zone ${zone} and hostname ${name}`;
    return (
        `the \`import\` resource option names ${what}, but the resource declares hostname ${String(hostname)} in zone ${String(zoneId)}: ` +
        `import names exactly the association declared; write ${form}`
    );
}

/** Validates `news`; returns the inputs to use (`enabled` defaulted to true) and every failure found. */
export function checkAssociationInputs(news: Unchecked<HostnameAssociationInputs>): CheckResult<HostnameAssociationInputs> {
    const failures: CheckFailure[] = [];
    const problems: Array<[keyof HostnameAssociationInputs, (value: unknown) => string | undefined]> = [
        ["zoneId", zoneIdProblem],
        ["hostname", hostnameProblem],
        ["certificateId", certificateIdProblem],
        ["enabled", enabledProblem],
    ];
    for (const [property, problemOf] of problems) {
        if (isUnknown(news[property])) continue;
        const problem = problemOf(news[property]);
        if (problem) failures.push({ property, reason: problem });
    }
    failures.push(...timeoutFailures(news));
    const importName = news[IMPORT_KEY];
    if (importName !== undefined && importName !== null && !isUnknown(importName)) {
        const problem = associationImportProblem(importName, news.zoneId, news.hostname);
        if (problem) failures.push({ property: IMPORT_KEY, reason: problem });
    }
    // The default is written out, so state and the preview's diff always say whether it is enabled.
    const inputs = pickInputs<HostnameAssociationInputs>({ ...news, enabled: news.enabled ?? true }, ASSOCIATION_INPUT_NAMES);
    return { inputs, failures };
}
