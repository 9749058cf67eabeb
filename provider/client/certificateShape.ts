/**
 * The one normaliser for certificate objects. Cloudflare returns a certificate in two shapes: the
 * certificate object (`id`, `status`, `uploaded_on`; upload, get, delete and the 2026 list) and, in
 * lists, the association shape of the 2024 spec and the Go SDK's fixtures (`cert_id`,
 * `cert_status`, `cert_uploaded_on`, `hostname`, and no `id`). Everything downstream sees
 * {@link HostnameCertificateWire} with an id and a status; an item without either is dropped and
 * counted, never guessed at.
 */
import type { CertificateStatus, HostnameCertificateWire } from "./wire";

/** A list, normalised: one entry per certificate, and what the items reveal about hostnames. */
export interface CertificateListing {
    /** Each certificate once, in the API's order, with an id and a status. */
    readonly certificates: HostnameCertificateWire[];
    /** Hostnames each certificate id is associated with, as far as the items say (only the association shape does). */
    readonly hostnames: ReadonlyMap<string, readonly string[]>;
    /** Items dropped because they carried no certificate id or no status. */
    readonly dropped: number;
}

type Item = Record<string, unknown>;

function text(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A certificate-shaped item as {@link HostnameCertificateWire}, or undefined when it has no id or no
 * status. In the association shape `status` is the association's, so `cert_status` wins, and
 * `cert_id` names the certificate where `id` might name the association.
 */
export function normalizeCertificate(value: unknown): HostnameCertificateWire | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const item = value as Item;
    const id = text(item.cert_id) ?? text(item.id);
    const status = text(item.cert_status) ?? text(item.status);
    if (id === undefined || status === undefined) return undefined;
    const optional = (name: string, ...names: string[]) => [name, ...names].map((n) => text(item[n])).find((v) => v !== undefined);
    return {
        id,
        status: status as CertificateStatus,
        certificate: optional("certificate"),
        expires_on: optional("expires_on"),
        issuer: optional("issuer"),
        serial_number: optional("serial_number"),
        signature: optional("signature"),
        uploaded_on: optional("uploaded_on", "cert_uploaded_on"),
    };
}

/** Normalises list items (a null `result` is an empty list), merging repeats of a certificate. */
export function normalizeCertificateList(items: readonly unknown[] | null | undefined): CertificateListing {
    const byId = new Map<string, HostnameCertificateWire>();
    const hostnames = new Map<string, string[]>();
    let dropped = 0;
    for (const item of items ?? []) {
        const certificate = normalizeCertificate(item);
        if (!certificate) {
            dropped++;
            continue;
        }
        if (!byId.has(certificate.id)) byId.set(certificate.id, certificate);
        const hostname = text((item as Item).hostname);
        if (hostname === undefined) continue;
        const known = hostnames.get(certificate.id) ?? [];
        if (!known.includes(hostname)) hostnames.set(certificate.id, [...known, hostname]);
    }
    return { certificates: [...byId.values()], hostnames, dropped };
}
