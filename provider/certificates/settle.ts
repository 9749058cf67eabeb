/**
 * A certificate whose stored status is not `active` (a partial create, or a refresh that found it so)
 * is never taken for healthy on the strength of state: update and refresh read it again and wait
 * while it deploys; an update then fails, keeping it in state as unhealthy, unless Cloudflare reports
 * it `active`.
 */
import { DEPLOYING_STATUSES, type HostnameCertificateInputs, type HostnameCertificateOutputs, LEAVING_STATUSES } from "../contract";
import type { OperationContext } from "../runtime/context";
import { DEFAULT_CREATE_TIMEOUT, formatElapsed, timeoutMs } from "../core/duration";
import { ResourceInitError } from "../runtime/initError";
import { progressLine } from "../runtime/progress";
import { toOutputs } from "./outputs";
import { type Observed, observe, waitFor } from "./status";

/** Thrown by an update when the certificate is still not active: the engine keeps it in state as unhealthy. */
export class CertificateNotActiveError extends ResourceInitError {
    override readonly name = "CertificateNotActiveError";
}

/** Reads the certificate and, while it deploys, waits (until `deadline`) for it to settle. */
export async function observeSettled(ctx: OperationContext, zoneId: string, id: string, deadline: number): Promise<Observed> {
    const started = ctx.now();
    const first = await observe(ctx, zoneId, id, deadline);
    if (!DEPLOYING_STATUSES.has(first.status)) return first;
    ctx.progress.report(progressLine(id, first.status, 0));
    const until = (status: Observed["status"]) => !DEPLOYING_STATUSES.has(status);
    return (await waitFor(ctx, { zoneId, id, deadline, until, initial: first.status, started })).value;
}

/** The deadline for waiting on a deployment: createTimeout from now. */
export function deploymentDeadline(ctx: OperationContext, createTimeout: string | undefined): number {
    return ctx.now() + timeoutMs(createTimeout, DEFAULT_CREATE_TIMEOUT);
}

/**
 * Update of a certificate stored as not active: its outputs once Cloudflare reports it `active`
 * (waiting within createTimeout while it deploys); otherwise an error that says what to do.
 */
export async function settleCertificate(ctx: OperationContext, id: string, news: HostnameCertificateInputs): Promise<HostnameCertificateOutputs> {
    const started = ctx.now();
    const observed = await observeSettled(ctx, news.zoneId, id, deploymentDeadline(ctx, news.createTimeout));
    if (observed.status === "active") return toOutputs(observed, news);
    const urn = typeof news.__urn === "string" ? ` '${news.__urn}'` : "";
    const elapsed = formatElapsed(ctx.now() - started);
    if (observed.status === "removed" || LEAVING_STATUSES.has(observed.status)) {
        throw new Error(
            `HostnameCertificate ${id} is not active and Cloudflare reports it ${observed.status === "removed" ? "gone" : observed.status}: ` +
                `run \`pulumi refresh\` to drop it from the stack, then \`pulumi up\` to upload it again.`,
        );
    }
    const why = observed.status === "deletion_timed_out" ? "an earlier delete of it failed" : "Cloudflare could not deploy it";
    const what = DEPLOYING_STATUSES.has(observed.status)
        ? `is still ${observed.status} after ${elapsed} (createTimeout ${news.createTimeout ?? DEFAULT_CREATE_TIMEOUT}): run \`pulumi up\` again to keep waiting, or raise createTimeout`
        : `is ${observed.status} (${why}), and it will not become active by itself. Delete it and upload it again: ` +
          `\`pulumi destroy --target${urn || " <its URN>"}\`, then \`pulumi up\``;
    // The properties become the outputs (never the key): `__provider` keeps a later delete or refresh able to load the provider.
    throw new CertificateNotActiveError(`HostnameCertificate ${id} ${what}.`, id, { __provider: news.__provider, ...toOutputs(observed, news) });
}
