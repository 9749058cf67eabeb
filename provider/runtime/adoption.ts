/**
 * The recovery switch for what an interrupted run left behind: `cloudflare:adoptExisting` (stack
 * config) or `CLOUDFLARE_ADOPT_EXISTING` (environment). Without it, a create that finds the identical
 * certificate already in the zone fails (`CertificateExistsError`), and so does one that finds its
 * hostname already associated (`AssociationExistsError`): nothing shows whose they are. With it, the
 * create adopts what it names, with a warning. Meant for one run, not to be left on: left on, two
 * resources or stacks could silently share a certificate or a hostname again.
 */
import { CERTIFICATE_ID_PATTERN } from "../client/hostnameCertificates";

/** Which existing certificates and hostname associations a create may adopt. */
export type AdoptionPolicy =
    | { readonly kind: "none" }
    | { readonly kind: "all" }
    | { readonly kind: "ids"; readonly ids: ReadonlySet<string>; readonly hostnames: ReadonlySet<string> };

/** A hostname as the switch names it: DNS labels, an optional leading `*.` (the association check says more). */
const HOSTNAME_PATTERN = /^(\*\.)?[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/**
 * Parses the setting: unset, "" or "false" adopt nothing; "true" adopts any identical certificate
 * and any existing association; otherwise a comma-separated list of certificate ids and hostnames
 * to adopt (what the failures named).
 * @default { kind: "none" }
 * @example parseAdoption("2458ce5a-0c35-4c7f-82c7-8e9487d3ff60,app.example.com")
 */
export function parseAdoption(value: string | undefined): AdoptionPolicy {
    const text = value?.trim().toLowerCase() ?? "";
    if (text === "" || text === "false") return { kind: "none" };
    if (text === "true") return { kind: "all" };
    const names = text.split(",").map((name) => name.trim()).filter((name) => name !== "");
    const bad = names.filter((name) => !CERTIFICATE_ID_PATTERN.test(name) && !HOSTNAME_PATTERN.test(name));
    if (bad.length > 0 || names.length === 0) {
        throw new Error(
            `cloudflare:adoptExisting (or CLOUDFLARE_ADOPT_EXISTING) must be "true" or certificate ids and hostnames separated by commas, ` +
                `such as 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60,app.example.com; "${bad[0] ?? value}" is neither`,
        );
    }
    const ids = names.filter((name) => CERTIFICATE_ID_PATTERN.test(name));
    return { kind: "ids", ids: new Set(ids), hostnames: new Set(names.filter((name) => !ids.includes(name))) };
}

/** True when the policy lets a create adopt the certificate with this id. */
export function mayAdopt(policy: AdoptionPolicy, certificateId: string): boolean {
    return policy.kind === "all" || (policy.kind === "ids" && policy.ids.has(certificateId));
}

/** True when the policy lets a create adopt the association this hostname already has. */
export function mayAdoptHostname(policy: AdoptionPolicy, hostname: string): boolean {
    return policy.kind === "all" || (policy.kind === "ids" && policy.hostnames.has(hostname));
}
