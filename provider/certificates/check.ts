/**
 * Local validation of the inputs (no API request): PEM shape, chain policy, validity window, key
 * type and match, zoneId and timeouts. Unknown values (preview) are skipped, not failed.
 *
 * The validity window is a failure only for a new upload: a deployed certificate that nothing
 * replaces (same zone, certificate and key as `olds`) and has since expired, or is not yet valid by
 * this machine's clock, only warns. It stays deployed either way (Cloudflare does not remove expired
 * certificates); refusing it would block every preview of the stack, including the one that replaces
 * it. Organisations that want expiry to block use the policy pack.
 *
 * Failures name their property. The engine prints the property's value beside the reason, redacting
 * secrets (unless the user runs with --show-secrets); the SDK always makes `privateKey` a secret, so
 * the key never appears. Reasons themselves never quote key material.
 *
 * In a preview the SDK sends a key that parses as unknown, with its fingerprint (`sdk/privateKey.ts`):
 * the fingerprint is then checked against the certificate instead of the key.
 */
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import type { KeyObject, X509Certificate } from "node:crypto";
import {
    certificateFacts,
    describeKey,
    isSupportedKey,
    keyFacts,
    keyFingerprint,
    keyMatchesCertificate,
    parseCertificateChain,
    parsePrivateKey,
    PemError,
    SUPPORTED_KEYS,
} from "../core/pem";
import { replacedProperties } from "./diff";
import { CERTIFICATE_ID_PATTERN } from "../client/hostnameCertificates";
import { CERTIFICATE_INPUT_NAMES, type HostnameCertificateInputs, IMPORT_KEY, isUnknown } from "../contract";
import { pickInputs, timeoutFailures, type Unchecked, zoneIdProblem } from "../runtime/inputs";

export interface CheckOptions {
    /** Injectable clock for the validity checks. @default Date.now */
    readonly now?: () => number;
    /** The resource's current inputs, when it exists: then an unchanged certificate's validity only warns. */
    readonly olds?: Unchecked<HostnameCertificateInputs>;
}

/** Check's result, plus what is worth a warning but not a failure. */
export interface CheckOutcome extends CheckResult<HostnameCertificateInputs> {
    readonly warnings: string[];
}

function parseChain(certificate: unknown, failures: CheckFailure[]): X509Certificate | undefined {
    if (typeof certificate !== "string" || certificate.trim() === "") {
        failures.push({ property: "certificate", reason: "certificate is required: the PEM text of the leaf certificate (fs.readFileSync(path, \"utf8\"))" });
        return undefined;
    }
    try {
        return parseCertificateChain(certificate)[0];
    } catch (error) {
        if (!(error instanceof PemError)) throw error;
        failures.push({ property: "certificate", reason: `certificate ${error.message}` });
        return undefined;
    }
}

/** Why the certificate is outside its validity window at `now`, or undefined. */
function validityProblem(leaf: X509Certificate, now: number): string | undefined {
    const { notBefore, notAfter } = certificateFacts(leaf);
    if (notAfter.getTime() <= now) return `certificate expired on ${notAfter.toISOString()}: renew it and pass the new certificate and key`;
    if (notBefore.getTime() > now) return `certificate is not valid until ${notBefore.toISOString()}: wait until then, or issue one that is valid now`;
    return undefined;
}

/** True when `news` uploads nothing new: the resource exists and neither zone, certificate nor key changes. */
function unchangedUpload(olds: Unchecked<HostnameCertificateInputs> | undefined, news: Unchecked<HostnameCertificateInputs>): boolean {
    return olds !== undefined && typeof olds.certificate === "string" && replacedProperties(olds, news).length === 0;
}

function warningFor(leaf: X509Certificate, zoneId: unknown, problem: string): string {
    const { subject, serialNumber } = certificateFacts(leaf);
    return (
        `HostnameCertificate (${subject.split("\n").join(", ")}, serial ${serialNumber}, zone ${String(zoneId)}): ${problem}. It is unchanged and stays deployed, ` +
        `so this only warns; to block previews on expiry, use the policy pack.`
    );
}

function keyFailure(reason: string): CheckFailure {
    return { property: "privateKey", reason: `privateKey ${reason}` };
}

const KEY_MISMATCH = keyFailure("does not match the certificate's public key: pass the key the certificate was issued for");

function unsupportedKey(key: KeyObject): CheckFailure | undefined {
    const facts = keyFacts(key);
    return isSupportedKey(facts) ? undefined : keyFailure(`is a key type Cloudflare does not accept (${describeKey(facts)}): use ${SUPPORTED_KEYS}`);
}

function parseKey(privateKey: unknown, failures: CheckFailure[]): KeyObject | undefined {
    if (typeof privateKey !== "string" || privateKey.trim() === "") {
        failures.push(keyFailure("is required: the PEM private key of the certificate, as a secret (config.requireSecret)"));
        return undefined;
    }
    try {
        const key = parsePrivateKey(privateKey);
        const unsupported = unsupportedKey(key);
        if (!unsupported) return key;
        failures.push(unsupported);
    } catch (error) {
        if (!(error instanceof PemError)) throw error;
        failures.push(keyFailure(error.message));
    }
    return undefined;
}

/** A preview's key fingerprint must be the certificate's public key, and so of a type Cloudflare accepts. */
function checkKeyFingerprint(fingerprint: unknown, leaf: X509Certificate, failures: CheckFailure[]): void {
    if (typeof fingerprint !== "string" || isUnknown(fingerprint)) return;
    const failure = fingerprint === keyFingerprint(leaf.publicKey) ? unsupportedKey(leaf.publicKey) : KEY_MISMATCH;
    if (failure) failures.push(failure);
}

/** Why the `import` option (`__import`) cannot name a certificate, or undefined: it is the certificate's id. */
export function certificateImportProblem(value: unknown): string | undefined {
    if (typeof value === "string" && CERTIFICATE_ID_PATTERN.test(value)) return undefined;
    const lowercase = typeof value === "string" && CERTIFICATE_ID_PATTERN.test(value.toLowerCase()) ? "; write it in lowercase" : "";
    return `the \`import\` resource option of a HostnameCertificate is the certificate's id, a UUID such as 2458ce5a-0c35-4c7f-82c7-8e9487d3ff60${lowercase}`;
}

/** Validates `news`; returns the inputs to use, every failure found, and the warnings. */
export function checkInputs(news: Unchecked<HostnameCertificateInputs>, options: CheckOptions = {}): CheckOutcome {
    const failures: CheckFailure[] = [];
    const warnings: string[] = [];
    const now = (options.now ?? Date.now)();
    if (!isUnknown(news.zoneId)) {
        const problem = zoneIdProblem(news.zoneId);
        if (problem) failures.push({ property: "zoneId", reason: problem });
    }
    failures.push(...timeoutFailures(news));
    const importId = news[IMPORT_KEY];
    const importing = importId !== undefined && importId !== null && !isUnknown(importId);
    const importProblem = importing ? certificateImportProblem(importId) : undefined;
    if (importProblem) failures.push({ property: IMPORT_KEY, reason: importProblem });
    const leaf = isUnknown(news.certificate) ? undefined : parseChain(news.certificate, failures);
    const validity = leaf && validityProblem(leaf, now);
    if (leaf && validity) {
        // An import uploads nothing either: the certificate stays deployed as it is.
        const imported = importing && (options.olds === undefined || Object.keys(options.olds).length === 0);
        if (imported || unchangedUpload(options.olds, news)) warnings.push(warningFor(leaf, news.zoneId, validity));
        else failures.push({ property: "certificate", reason: validity });
    }
    const key = isUnknown(news.privateKey) ? undefined : parseKey(news.privateKey, failures);
    if (leaf && key && !keyMatchesCertificate(key, leaf)) failures.push(KEY_MISMATCH);
    if (leaf && isUnknown(news.privateKey)) checkKeyFingerprint(news.privateKeyFingerprint, leaf, failures);
    return { inputs: pickInputs<HostnameCertificateInputs>(news, CERTIFICATE_INPUT_NAMES), failures, warnings };
}
