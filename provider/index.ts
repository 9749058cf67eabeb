/**
 * `pulumi-cloudflare-hostname-certificates/provider`: the dynamic providers and their building blocks,
 * for advanced use, tests and the policy pack. Most programs only need the `HostnameCertificate`
 * and `HostnameAssociation` classes from the package root.
 */
export {
    createHostnameCertificateProvider,
    HostnameCertificateProvider,
    hostnameCertificateProvider,
} from "./hostnameCertificateProvider";
export type { ProviderOptions } from "./context";
export {
    type CertificateStatus,
    type HostnameCertificateInputs,
    type HostnameCertificateOutputs,
    INPUT_NAMES,
    isUnknown,
    TYPE_TOKEN,
    UNKNOWN,
} from "./types";

// Validation and diff, as pure functions.
export { checkInputs, pickInputs, ZONE_ID_PATTERN, zoneIdProblem } from "./check";
export { diffInputs, replacedProperties, sameCertificate, sameKey, sameLeaf, sameTimeout } from "./diff";
export { PartialCreateError } from "./create";

// HostnameAssociation: a certificate on a hostname.
export {
    createHostnameAssociationProvider,
    HostnameAssociationProvider,
    hostnameAssociationProvider,
} from "./associations/provider";
export {
    ASSOCIATION_INPUT_NAMES,
    ASSOCIATION_TYPE_TOKEN,
    associationId,
    effectiveEnabled,
    type HostnameAssociationInputs,
    type HostnameAssociationOutputs,
} from "./associations/types";
export {
    CERTIFICATE_ID_PATTERN,
    certificateIdProblem,
    checkAssociationInputs,
    enabledProblem,
    hostnameProblem,
    MAX_HOSTNAME_LENGTH,
    pickAssociationInputs,
} from "./associations/check";
export { ASSOCIATION_REPLACE_PROPERTIES, associationConfigChanged, diffAssociationInputs } from "./associations/diff";
export { AssociationNotActiveError, associationOutputs } from "./associations/apply";
export { CERTIFICATE_GONE_CODES, voidAndWait, type VoidRequest } from "./associations/delete";
export { associationProgressLine, type ObservedAssociation, observeAssociation, waitForAssociation } from "./associations/status";

// PEM handling (shared with the policy pack).
export {
    type CertificateFacts,
    certificateFacts,
    certificateFingerprint,
    describeKey,
    isSupportedKey,
    type KeyFacts,
    keyFacts,
    keyFingerprint,
    keyMatchesCertificate,
    normalizePem,
    parseCertificate,
    parseCertificateChain,
    parsePemBlocks,
    parsePrivateKey,
    type PemBlock,
    PemError,
    type PemProblem,
    SUPPORTED_KEYS,
} from "./pem";
export { signatureAlgorithmName, signatureAlgorithmOid } from "./signatureAlgorithm";

// Durations, credentials, polling and progress.
export {
    DEFAULT_CREATE_TIMEOUT,
    DEFAULT_DELETE_TIMEOUT,
    durationProblem,
    formatElapsed,
    MAX_TIMEOUT_MS,
    MIN_TIMEOUT_MS,
    parseDuration,
} from "./duration";
export {
    type Credentials,
    DEFAULT_BASE_URL,
    MissingCredentialsError,
    type ProviderSettings,
    resolveBaseUrl,
    resolveCredentials,
    SETTINGS_SOURCES,
    settingsFromConfig,
} from "./credentials";
export { DEFAULT_POLL_OPTIONS, type PollOptions, type PollOutcome, pollDelayMs, pollUntil } from "./polling";
export { memoryReporter, type ProgressReporter, progressLine, stderrReporter } from "./progress";

// The Cloudflare API client.
export * from "./client";
