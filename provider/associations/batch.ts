/**
 * Batched hostname changes: every association created, moved, flipped or voided in one zone within
 * the batch window goes out as one `PUT /hostnames` with several `config` entries (`../runtime/batcher`).
 *
 * Cloudflare applies a batch as a whole and refuses it as a whole: a 400 names the error but not the
 * entry. So a refused batch is split in halves and each half sent again, down to single entries:
 * the other entries still go through, and the refused one gets Cloudflare's error for itself alone,
 * on its own resource. Other failures (401, 403, a 5xx after the client's retries) are the same for
 * every entry and fail the whole batch.
 */
import { isCloudflareApiError } from "../client/errors";
import { updateHostnameAssociations } from "../client/hostnameCertificates";
import type { HostnameAssociationWire, HostnameConfigWire } from "../client/wire";
import type { OperationContext } from "../runtime/context";
import type { Settled } from "../runtime/batcher";

interface Entry {
    readonly config: HostnameConfigWire;
    readonly deadline: number;
}

/** A refusal that may be about one entry rather than the request: worth splitting the batch. */
function isEntryRefusal(error: unknown): boolean {
    return isCloudflareApiError(error) && (error.status === 400 || error.status === 422);
}

async function send(ctx: OperationContext, zoneId: string, configs: HostnameConfigWire[], deadline: number): Promise<Array<Settled<HostnameAssociationWire | undefined>>> {
    try {
        const results = await updateHostnameAssociations(ctx.client, zoneId, configs, { deadline });
        return configs.map((config) => ({ value: results.find((r) => r.hostname === config.hostname) }));
    } catch (error) {
        if (configs.length === 1 || !isEntryRefusal(error)) return configs.map(() => ({ error }));
        const codes = isCloudflareApiError(error) ? error.errors.map((e) => e.code).join(", ") : "";
        ctx.progress.log(`Cloudflare refused a batch of ${configs.length} hostname changes in zone ${zoneId} (error ${codes}); sending it in halves to find the entry it refuses`);
        const half = Math.ceil(configs.length / 2);
        return [...(await send(ctx, zoneId, configs.slice(0, half), deadline)), ...(await send(ctx, zoneId, configs.slice(half), deadline))];
    }
}

/**
 * PUTs one hostname's config together with the zone's other changes of the moment; resolves with
 * the association Cloudflare returned for this hostname (if it returned one), or rejects with the
 * error Cloudflare gave for this entry.
 */
export function putHostnameConfig(ctx: OperationContext, zoneId: string, config: HostnameConfigWire, deadline: number): Promise<HostnameAssociationWire | undefined> {
    return ctx.batches.submit<Entry, HostnameAssociationWire | undefined>(`hostnames ${ctx.account} ${zoneId}`, { config, deadline }, {
        windowMs: ctx.batchWindowMs,
        sleep: ctx.sleep,
        conflicts: (a, b) => a.config.hostname === b.config.hostname,
        // No entry gives up early because another had a shorter timeout.
        send: (entries) => send(ctx, zoneId, entries.map((e) => e.config), Math.max(...entries.map((e) => e.deadline))),
    });
}
