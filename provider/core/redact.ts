/**
 * Last line of defence for secrets: every error and log line leaving the provider is scrubbed of the
 * private key (whole or any line of it) and of the credentials. Messages are built without them in
 * the first place; this catches what a server or library might echo back.
 */

export const REDACTED = "[redacted]";

/** Strings to scrub: each secret as a whole, and each long line of it (PEM base64 lines). */
export function secretFragments(secrets: readonly (string | undefined)[]): string[] {
    const fragments = new Set<string>();
    for (const secret of secrets) {
        if (!secret || secret.trim().length < 8) continue;
        fragments.add(secret.trim());
        for (const line of secret.split(/\r?\n/)) {
            const trimmed = line.trim();
            if (trimmed.length >= 16 && !trimmed.startsWith("-----")) fragments.add(trimmed);
        }
    }
    // Longest first, so a whole secret is replaced before its lines.
    return [...fragments].sort((a, b) => b.length - a.length);
}

export function redact(text: string, fragments: readonly string[]): string {
    let out = text;
    for (const fragment of fragments) out = out.split(fragment).join(REDACTED);
    return out;
}

/** Scrubs `message` and `stack` of an error in place and returns it. */
export function redactError<T>(error: T, fragments: readonly string[]): T {
    if (fragments.length === 0 || typeof error !== "object" || error === null) return error;
    const target = error as { message?: unknown; stack?: unknown; reasons?: unknown };
    if (typeof target.message === "string") target.message = redact(target.message, fragments);
    if (typeof target.stack === "string") target.stack = redact(target.stack, fragments);
    if (Array.isArray(target.reasons)) target.reasons = target.reasons.map((r) => (typeof r === "string" ? redact(r, fragments) : r));
    return error;
}
