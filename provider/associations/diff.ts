/**
 * What a change of a HostnameAssociation's inputs means. The zone and the hostname identify the
 * association, so changing either replaces it (the new one is created first: it is a different
 * hostname or zone, so the two never collide). The certificate and `enabled` change in place, with
 * one PUT; timeouts change in place with no API call.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { type HostnameAssociationInputs, type HostnameAssociationOutputs, isUnknown } from "../contract";
import { timeoutsChanged } from "../runtime/inputs";
import { isDeleteFirstReplacement } from "../runtime/replacements";
import { effectiveEnabled } from "./types";

/** Properties whose change forces a new association. */
export const ASSOCIATION_REPLACE_PROPERTIES = ["zoneId", "hostname"] as const;

/** True when the association must point at another certificate or change `enabled`. Unknown counts as a change. */
export function associationConfigChanged(olds: HostnameAssociationOutputs, news: HostnameAssociationInputs): boolean {
    if (isUnknown(news.certificateId) || isUnknown(news.enabled)) return true;
    return olds.certificateId !== news.certificateId || effectiveEnabled(olds.enabled) !== effectiveEnabled(news.enabled);
}

/**
 * Refuses, at preview, to let the certificate under this association be replaced delete-first (a
 * new chain for the same leaf, which Cloudflare holds only once per zone). The engine would delete the
 * old certificate while this hostname uses it, which Cloudflare refuses (1433), leaving every `up`
 * failing the same way; carried out in order it would leave the hostname without a client
 * certificate for as long as the delete, the upload and both deployments take. The engine asks this
 * diff, with `certificateId` unknown, whether the association must go first.
 */
export function refuseDeleteFirstReplacement(olds: HostnameAssociationOutputs, news: HostnameAssociationInputs): void {
    const certificateId = olds.certificateId;
    if (!isUnknown(news.certificateId) || typeof certificateId !== "string" || !isDeleteFirstReplacement(certificateId)) return;
    throw new Error(
        `HostnameAssociation ${String(olds.hostname)}: its certificate ${certificateId} is being replaced by one with the same leaf ` +
            `certificate (only the chain changed). A zone holds a leaf only once, so the old certificate would have to be deleted before ` +
            `the new one is uploaded, and Cloudflare refuses that while this hostname uses it; nothing was changed. To change the chain, ` +
            `issue a new leaf certificate for it (the same key may sign the new request): the new certificate is then uploaded and active ` +
            `before this hostname moves to it, with no gap. To accept a gap instead, remove this association from the program and run ` +
            `\`pulumi up\`, change the chain and run \`pulumi up\`, then add the association back.`,
    );
}

/**
 * Pulumi's diff: `olds` are the stored outputs (after a refresh, what Cloudflare reported), `news`
 * the checked inputs, so drift in `certificateId` or `enabled` shows as an update.
 */
export function diffAssociationInputs(olds: HostnameAssociationOutputs, news: HostnameAssociationInputs): DiffResult {
    const replaces = ASSOCIATION_REPLACE_PROPERTIES.filter((name) => isUnknown(news[name]) || olds[name] !== news[name]);
    return {
        changes: replaces.length > 0 || associationConfigChanged(olds, news) || timeoutsChanged(olds, news),
        replaces: [...replaces],
        deleteBeforeReplace: false,
    };
}
