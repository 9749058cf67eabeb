/**
 * pulumi-cloudflare-hostname-certificates: Cloudflare per-hostname Authenticated Origin Pulls client
 * certificates, and their hostname associations, as Pulumi resources.
 *
 * @example
 * import { HostnameAssociation, HostnameCertificate } from "pulumi-cloudflare-hostname-certificates";
 */
export { HostnameCertificate, type HostnameCertificateArgs } from "./hostnameCertificate";
export { HostnameAssociation, type HostnameAssociationArgs } from "./hostnameAssociation";
export {
    type AssociationOwnership,
    type CertificateStatus,
    HOSTNAME_ASSOCIATION_TYPE,
    HOSTNAME_CERTIFICATE_TYPE,
    type HostnameAssociationInputs,
    type HostnameAssociationOutputs,
    type HostnameCertificateInputs,
    type HostnameCertificateOutputs,
} from "../provider/contract";
