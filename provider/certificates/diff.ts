/**
 * What a change of inputs means. Certificates compare by their normalized PEM (so line endings,
 * wrapping and trailing whitespace never count), keys by the fingerprint of their public half (so
 * re-encoding a key never counts, and outputs need not hold the key), and a timeout change is an
 * update that makes no API call.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { type HostnameCertificateInputs, isUnknown } from "../contract";
import { certificateFingerprint, normalizePem } from "../core/pem";
import { timeoutsChanged, type Unchecked } from "../runtime/inputs";
import { type KeyProps, keyFingerprintOf, type StoredOutputs } from "./outputs";

/** What decides a replacement, as stored outputs, checked inputs and (in check) unchecked ones carry it. */
export type ReplaceProps = KeyProps & Unchecked<Pick<HostnameCertificateInputs, "zoneId" | "certificate">>;

/** The stored outputs diff reads; a `status` is not taken for granted. */
export type DiffedOutputs = Pick<StoredOutputs, "zoneId" | "certificate" | "privateKey" | "privateKeyFingerprint" | "createTimeout" | "deleteTimeout"> &
    Partial<Pick<StoredOutputs, "status">>;

function same(olds: unknown, news: unknown, canonical: (value: string) => string): boolean {
    if (typeof olds !== "string" || typeof news !== "string") return olds === news;
    if (olds === news) return true;
    try {
        return canonical(olds) === canonical(news);
    } catch {
        return false; // unparsable on one side: check reports it; treat as a change
    }
}

/** Same certificate text, ignoring formatting. */
export function sameCertificate(olds: unknown, news: unknown): boolean {
    return same(olds, news, normalizePem);
}

/**
 * Same private key: the same text, or the same public-key fingerprint. `olds` are stored outputs,
 * which hold the fingerprint (or, when an earlier version wrote them, the key); in a preview `news` hold the
 * fingerprint and an unknown key. An unknown or unreadable key on either side counts as a change.
 */
export function sameKey(olds: KeyProps, news: KeyProps): boolean {
    if (typeof olds.privateKey === "string" && olds.privateKey === news.privateKey) return true;
    const before = keyFingerprintOf(olds);
    return before !== undefined && before === keyFingerprintOf(news);
}

/** Same leaf certificate (the chain after it may differ). */
export function sameLeaf(olds: unknown, news: unknown): boolean {
    return same(olds, news, certificateFingerprint);
}

/** The properties whose change forces a new certificate. Unknown values may change, so they count. */
export function replacedProperties(olds: ReplaceProps, news: ReplaceProps): string[] {
    const replaces: string[] = [];
    const changed = (name: "zoneId" | "certificate", equal: (a: unknown, b: unknown) => boolean) => isUnknown(news[name]) || !equal(olds[name], news[name]);
    if (changed("zoneId", (a, b) => a === b)) replaces.push("zoneId");
    if (changed("certificate", sameCertificate)) replaces.push("certificate");
    if (!sameKey(olds, news)) replaces.push("privateKey");
    return replaces;
}

/**
 * Pulumi's diff: `olds` are the stored outputs, `news` the checked inputs. A replacement that keeps
 * the same leaf certificate in the same zone (only the chain changed) deletes first, because the
 * zone cannot hold the same certificate twice. A certificate stored as not active counts as a change,
 * so the next `up` updates it, and the update checks on it (`settle.ts`).
 */
export function diffInputs(olds: DiffedOutputs, news: HostnameCertificateInputs): DiffResult {
    const replaces = replacedProperties(olds, news);
    const deleteBeforeReplace =
        replaces.length > 0 && !isUnknown(news.zoneId) && olds.zoneId === news.zoneId && !isUnknown(news.certificate) && sameLeaf(olds.certificate, news.certificate);
    const notActive = typeof olds.status === "string" && olds.status !== "active";
    return {
        changes: replaces.length > 0 || timeoutsChanged(olds, news) || notActive,
        replaces,
        stables: ["certificateId"],
        deleteBeforeReplace,
    };
}
