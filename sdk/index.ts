/**
 * pulumi-cloudflare-hostname-certificates: Cloudflare per-hostname Authenticated Origin Pulls client
 * certificates, and their hostname associations, as Pulumi resources.
 *
 * @example
 * import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";
 */
export { HostnameCertificate, type HostnameCertificateArgs } from "./hostnameCertificate";
export { HostnameAssociation, type HostnameAssociationArgs } from "./hostnameAssociation";
export type { CertificateStatus, HostnameCertificateInputs, HostnameCertificateOutputs } from "../provider/certificates/types";
export type { AssociationOwnership, HostnameAssociationInputs, HostnameAssociationOutputs } from "../provider/associations/types";
export { TYPE_TOKEN } from "../provider/certificates/types";
export { ASSOCIATION_TYPE_TOKEN } from "../provider/associations/types";
