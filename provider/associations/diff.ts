/**
 * What a change of a HostnameAssociation's inputs means. The zone and the hostname identify the
 * association, so changing either replaces it (the new one is created first: it is a different
 * hostname or zone, so the two never collide). The certificate and `enabled` change in place, with
 * one PUT; timeouts change in place with no API call.
 */
import type { DiffResult } from "@pulumi/pulumi/dynamic";
import { sameTimeout } from "../certificates/diff";
import { DEFAULT_CREATE_TIMEOUT, DEFAULT_DELETE_TIMEOUT } from "../shared/duration";
import { isUnknown } from "../certificates/types";
import { effectiveEnabled } from "./types";

type Props = Record<string, unknown>;

/** Properties whose change forces a new association. */
export const ASSOCIATION_REPLACE_PROPERTIES = ["zoneId", "hostname"] as const;

/** True when the association must point at another certificate or change `enabled`. Unknown counts as a change. */
export function associationConfigChanged(olds: Props, news: Props): boolean {
    if (isUnknown(news.certificateId) || isUnknown(news.enabled)) return true;
    return olds.certificateId !== news.certificateId || effectiveEnabled(olds.enabled) !== effectiveEnabled(news.enabled);
}

/**
 * Pulumi's diff: `olds` are the stored outputs (after a refresh, what Cloudflare reported), `news`
 * the checked inputs, so drift in `certificateId` or `enabled` shows as an update.
 */
export function diffAssociationInputs(olds: Props, news: Props): DiffResult {
    const replaces = ASSOCIATION_REPLACE_PROPERTIES.filter((name) => isUnknown(news[name]) || olds[name] !== news[name]);
    const timeoutsChanged =
        isUnknown(news.createTimeout) ||
        isUnknown(news.deleteTimeout) ||
        !sameTimeout(olds.createTimeout, news.createTimeout, DEFAULT_CREATE_TIMEOUT) ||
        !sameTimeout(olds.deleteTimeout, news.deleteTimeout, DEFAULT_DELETE_TIMEOUT);
    return {
        changes: replaces.length > 0 || associationConfigChanged(olds, news) || timeoutsChanged,
        replaces: [...replaces],
        deleteBeforeReplace: false,
    };
}
