/**
 * The recovery switch for certificates an interrupted run left behind: `cloudflare:adoptExisting`
 * (stack config) or `CLOUDFLARE_ADOPT_EXISTING` (environment). Without it, a create that finds the
 * identical certificate already in the zone fails (see `CertificateExistsError`): nothing shows whose
 * it is. With it, the create adopts that certificate, with a warning. Meant for one run, not to be
 * left on: left on, two resources or stacks could silently share a certificate again.
 */
import { CERTIFICATE_ID_PATTERN } from "../client/hostnameCertificates";

/** Which existing certificates a create may adopt. */
export type AdoptionPolicy = { readonly kind: "none" } | { readonly kind: "all" } | { readonly kind: "ids"; readonly ids: ReadonlySet<string> };

/**
 * Parses the setting: unset, "" or "false" adopt nothing; "true" adopts any identical certificate;
 * otherwise a comma-separated list of certificate ids to adopt (the ids the failure named).
 * @default { kind: "none" }
 * @example parseAdoption("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60")
 */
export function parseAdoption(value: string | undefined): AdoptionPolicy {
    const text = value?.trim().toLowerCase() ?? "";
    if (text === "" || text === "false") return { kind: "none" };
    if (text === "true") return { kind: "all" };
    const ids = text.split(",").map((id) => id.trim()).filter((id) => id !== "");
    const bad = ids.filter((id) => !CERTIFICATE_ID_PATTERN.test(id));
    if (bad.length > 0 || ids.length === 0) {
        throw new Error(
            `cloudflare:adoptExisting (or CLOUDFLARE_ADOPT_EXISTING) must be "true" or certificate ids separated by commas, ` +
                `such as 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60; "${bad[0] ?? value}" is neither`,
        );
    }
    return { kind: "ids", ids: new Set(ids) };
}

/** True when the policy lets a create adopt the certificate with this id. */
export function mayAdopt(policy: AdoptionPolicy, certificateId: string): boolean {
    return policy.kind === "all" || (policy.kind === "ids" && policy.ids.has(certificateId));
}
