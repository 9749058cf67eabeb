/**
 * `pulumi-cloudflare-hostname-certificates/provider`: the two dynamic providers, their options and
 * their types. Programs only need the `HostnameCertificate` and `HostnameAssociation` classes from
 * the package root.
 *
 * This surface is a contract with every existing stack: each resource's `__provider` loads
 * `hostnameCertificateProvider` or `hostnameAssociationProvider` from here by name, also when a
 * refresh or destroy runs after an upgrade. `docs/api/` records it; everything else is internal.
 */
import "./core/nodeVersion"; // first: an older Node.js gets a clear message, not an error from undici
import { watchEngineOfThisProcess } from "./runtime/engineWatch";

// In the dynamic-provider process: exit once the engine that started it is gone.
watchEngineOfThisProcess();

export { hostnameCertificateProvider, HostnameCertificateProvider } from "./certificates/provider";
export { hostnameAssociationProvider, HostnameAssociationProvider } from "./associations/provider";
export type { ProviderOptions } from "./runtime/context";
export type { PollOptions } from "./runtime/polling";
export type { ProgressReporter } from "./runtime/progress";
export type { RetryOptions } from "./client/retry";
export type { RateLimiter } from "./client/rateLimiter";
export type {
    AssociationOwnership,
    CertificateStatus,
    HostnameAssociationInputs,
    HostnameAssociationOutputs,
    HostnameCertificateInputs,
    HostnameCertificateOutputs,
} from "./contract";
