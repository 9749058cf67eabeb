/**
 * Planned failures of the asynchronous lifecycle: which future uploads end in `deployment_timed_out`
 * and which deletions end in `deletion_timed_out`.
 */
import type { DeletionOutcome, DeploymentOutcome } from "./lifecycle";

interface Pending {
    zoneId?: string;
    remaining: number;
}

/** Scopes a planned failure. */
export interface FailNextOptions {
    /** Only uploads/deletions in this zone. @default any zone */
    zoneId?: string;
    /** How many of the next uploads/deletions fail. @default 1 */
    count?: number;
}

/** Queues of planned lifecycle failures, consumed by uploads and deletions. */
export class OutcomePlan {
    private deployments: Pending[] = [];
    private deletions: Pending[] = [];
    private certificateDeletions = new Set<string>();

    failNextDeployments(options: FailNextOptions = {}): void {
        this.deployments.push(pending(options));
    }

    failNextDeletions(options: FailNextOptions = {}): void {
        this.deletions.push(pending(options));
    }

    /** The next deletion of this certificate ends in `deletion_timed_out`. */
    failDeletionOf(zoneId: string, id: string): void {
        this.certificateDeletions.add(`${zoneId}/${id}`);
    }

    /** Outcome of an upload happening now in `zoneId`. */
    takeDeployment(zoneId: string): DeploymentOutcome {
        return take(this.deployments, zoneId) ? "deployment_timed_out" : "active";
    }

    /** Outcome of a deletion of `id` happening now. */
    takeDeletion(zoneId: string, id: string): DeletionOutcome {
        if (this.certificateDeletions.delete(`${zoneId}/${id}`)) return "deletion_timed_out";
        return take(this.deletions, zoneId) ? "deletion_timed_out" : "removed";
    }

    clear(): void {
        this.deployments = [];
        this.deletions = [];
        this.certificateDeletions.clear();
    }
}

function pending(options: FailNextOptions): Pending {
    const count = options.count ?? 1;
    if (!Number.isInteger(count) || count < 1) throw new RangeError("count must be an integer >= 1");
    return { zoneId: options.zoneId, remaining: count };
}

function take(queue: Pending[], zoneId: string): boolean {
    const index = queue.findIndex((p) => p.zoneId === undefined || p.zoneId === zoneId);
    if (index < 0) return false;
    const entry = queue[index];
    entry.remaining -= 1;
    if (entry.remaining === 0) queue.splice(index, 1);
    return true;
}
