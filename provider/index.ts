/**
 * `pulumi-cloudflare-hostname-certificates/provider`: the two dynamic providers, their input and
 * output shapes, and the certificate facts the policy pack reads. Programs only need the
 * `HostnameCertificate` and `HostnameAssociation` classes from the package root.
 *
 * This surface is a contract with every existing stack: each resource's `__provider` loads
 * `hostnameCertificateProvider` or `hostnameAssociationProvider` from here by name, also when a
 * refresh or destroy runs after an upgrade. `docs/api/` records it; everything else is internal.
 */
import "./core/nodeVersion"; // first: an older Node.js gets a clear message, not an error from undici
import { watchEngineOfThisProcess } from "./runtime/engineWatch";

// In the dynamic-provider process: exit once the engine that started it is gone.
watchEngineOfThisProcess();

export { hostnameCertificateProvider, type HostnameCertificateProvider } from "./certificates/provider";
export { hostnameAssociationProvider, type HostnameAssociationProvider } from "./associations/provider";
export { type CertificateStatus, type HostnameCertificateInputs, type HostnameCertificateOutputs, isUnknown, TYPE_TOKEN } from "./certificates/types";
export { ASSOCIATION_TYPE_TOKEN, type HostnameAssociationInputs, type HostnameAssociationOutputs } from "./associations/types";

// What the policy pack reads from a certificate's PEM.
export { type CertificateFacts, certificateFacts, describeKey, type KeyFacts, parseCertificateChain } from "./core/pem";
