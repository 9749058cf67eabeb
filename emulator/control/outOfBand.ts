/**
 * Out-of-band changes: what happens "behind Pulumi's back". Shared by the JS control surface
 * (`Emulator`) and its HTTP mirror (`/__emulator/...`).
 */
import { isManualClock, isoSeconds } from "../state/clock";
import type { EmulatorContext } from "../state/context";
import { reschedule } from "../state/lifecycle";
import type { FailNextOptions } from "../state/outcomes";
import {
    CERTIFICATE_STATUSES,
    type AssociationObject,
    type CertificateListItem,
    type CertificateRecord,
    type CertificateStatus,
} from "../state/types";
import { associationObject, certificateListItem } from "../state/views";

/** A control call that cannot be honoured (unknown certificate, bad argument, no manual clock). */
export class EmulatorControlError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "EmulatorControlError";
    }
}

/** A certificate as the API shows it, plus the zone it is in. */
export type EmulatedCertificate = CertificateListItem & { zone_id: string };
/** An association as the API shows it, plus the zone it is in. */
export type EmulatedAssociation = AssociationObject & { zone_id: string };

/** The out-of-band operations. */
export class Controller {
    constructor(private readonly ctx: EmulatorContext) {}

    certificates(zoneId?: string): EmulatedCertificate[] {
        const now = this.ctx.clock.now();
        return this.ctx.store.certificates(zoneId).map((r) => ({ ...certificateListItem(r, now), zone_id: r.zone_id }));
    }

    associations(zoneId?: string): EmulatedAssociation[] {
        const now = this.ctx.clock.now();
        return this.ctx.store.associations(zoneId).map((a) => {
            const certificate = this.ctx.store.certificateRecord(a.zone_id, a.cert_id) as CertificateRecord;
            return { ...associationObject(a, certificate, now), zone_id: a.zone_id };
        });
    }

    /**
     * Deletes a certificate as someone in the dashboard would, and lets it settle: GET answers 404 at
     * once. Associations that referenced it are voided too, so the zone stays consistent.
     */
    deleteCertificate(zoneId: string, id: string): void {
        const record = this.find(zoneId, id);
        const now = this.ctx.clock.now();
        for (const association of this.ctx.store.referencing(zoneId, id)) {
            association.enabled = null;
            association.updated_at = now;
            association.timeline = reschedule(association.timeline, now, [{ at: now, phase: "removed", cert_id: id, enabled: null }]);
        }
        record.timeline = reschedule(record.timeline, now, [{ at: now, phase: "removed" }]);
        this.ctx.store.changed();
    }

    /** Sets the status now. It sticks: no automatic transition follows until the next API operation. */
    setStatus(zoneId: string, id: string, status: CertificateStatus): void {
        if (!CERTIFICATE_STATUSES.includes(status)) throw new EmulatorControlError(`unknown status ${String(status)}`);
        const record = this.find(zoneId, id);
        const now = this.ctx.clock.now();
        record.timeline = reschedule(record.timeline, now, [{ at: now, phase: status }]);
        this.ctx.store.changed();
    }

    /** Changes the `expires_on` the API reports (e.g. to make a certificate look about to expire). */
    setExpiry(zoneId: string, id: string, date: Date | string): void {
        const time = new Date(date).getTime();
        if (Number.isNaN(time)) throw new EmulatorControlError(`invalid expiry date ${String(date)}`);
        this.find(zoneId, id).expires_on = isoSeconds(time);
        this.ctx.store.changed();
    }

    /** Makes a certificate that is still deploying end in `deployment_timed_out` instead of `active`. */
    failDeployment(zoneId: string, id: string): void {
        const record = this.find(zoneId, id);
        const now = this.ctx.clock.now();
        if (!record.timeline.some((e) => e.at > now && e.phase === "active")) {
            throw new EmulatorControlError(`certificate ${id} is not deploying; use setCertificateStatus instead`);
        }
        record.timeline = record.timeline.map((e) => (e.at > now && e.phase === "active" ? { ...e, phase: "deployment_timed_out" } : e));
        this.ctx.store.changed();
    }

    /** Makes the current (or else the next) deletion of a certificate end in `deletion_timed_out`. */
    failDeletion(zoneId: string, id: string): void {
        const record = this.find(zoneId, id);
        const now = this.ctx.clock.now();
        const deleted = record.timeline.find((e) => e.at > now && e.phase === "deleted");
        if (deleted) {
            record.timeline = reschedule(record.timeline, now, [
                ...record.timeline.filter((e) => e.at > now && e.at < deleted.at),
                { at: deleted.at, phase: "deletion_timed_out" },
            ]);
            this.ctx.store.changed();
        } else {
            this.ctx.outcomes.failDeletionOf(zoneId, id);
        }
    }

    /** The next upload(s) end in `deployment_timed_out`. */
    failNextDeployment(options: FailNextOptions = {}): void {
        this.ctx.outcomes.failNextDeployments(options);
    }

    /** The next deletion(s) end in `deletion_timed_out`. */
    failNextDeletion(options: FailNextOptions = {}): void {
        this.ctx.outcomes.failNextDeletions(options);
    }

    /** Advances the manual clock. */
    advance(ms: number): void {
        const clock = this.ctx.clock;
        if (!isManualClock(clock)) throw new EmulatorControlError("advance() needs the emulator to run on a manual clock");
        clock.advance(ms);
    }

    private find(zoneId: string, id: string): CertificateRecord {
        const record = this.ctx.store.certificate(zoneId, id);
        if (!record) throw new EmulatorControlError(`no certificate ${id} in zone ${zoneId}`);
        return record;
    }
}
