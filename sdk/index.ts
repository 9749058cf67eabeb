/**
 * pulumi-cloudflare-hostname-certificates: Cloudflare per-hostname Authenticated Origin Pulls client
 * certificates as a Pulumi resource.
 *
 * @example
 * import { HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";
 */
export { HostnameCertificate, type HostnameCertificateArgs } from "./hostnameCertificate";
export type { CertificateStatus, HostnameCertificateInputs, HostnameCertificateOutputs } from "../provider/types";
export { TYPE_TOKEN } from "../provider/types";
