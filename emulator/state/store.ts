/**
 * In-memory state: certificate and association records, per zone. Records are never dropped (until
 * `clear`): an object that the API no longer shows is in phase `removed`, which keeps its history.
 */
import type { Clock } from "./clock";
import { isoTime } from "./clock";
import { phaseAt } from "./lifecycle";
import type { AssociationRecord, CertificateRecord, HistoryEvent, Phase } from "./types";

/** The persisted form of a {@link Store}. Contains no private key: none is ever stored. */
export interface StoreSnapshot {
    version: 1;
    certificates: CertificateRecord[];
    associations: AssociationRecord[];
}

/** Record storage plus the queries the API rules need. */
export class Store {
    private certs: CertificateRecord[] = [];
    private assocs: AssociationRecord[] = [];
    private seq = 0;

    /** @param onChange called after every mutation (persistence hooks in here) */
    constructor(
        private readonly clock: Clock,
        private readonly onChange: () => void = () => undefined,
    ) {}

    /** Phase of a certificate now. */
    certificatePhase(record: CertificateRecord): Phase {
        return phaseAt(record.timeline, this.clock.now());
    }

    /** Phase of an association now. */
    associationPhase(record: AssociationRecord): Phase {
        return phaseAt(record.timeline, this.clock.now());
    }

    /** Certificates the API shows (tombstones included), oldest upload first. */
    certificates(zoneId?: string): CertificateRecord[] {
        return this.certs
            .filter((c) => (zoneId === undefined || c.zone_id === zoneId) && this.certificatePhase(c) !== "removed")
            .sort((a, b) => a.uploaded_at - b.uploaded_at);
    }

    /** A certificate the API shows, by id. */
    certificate(zoneId: string, id: string): CertificateRecord | undefined {
        return this.certificates(zoneId).find((c) => c.id === id);
    }

    /** Any record by id, even a removed one (associations point at it). */
    certificateRecord(zoneId: string, id: string): CertificateRecord | undefined {
        return this.certs.find((c) => c.zone_id === zoneId && c.id === id);
    }

    /** A shown certificate with the same leaf fingerprint. */
    certificateByFingerprint(zoneId: string, fingerprint: string): CertificateRecord | undefined {
        return this.certificates(zoneId).find((c) => c.fingerprint === fingerprint);
    }

    /** Certificates that count towards the 10-per-zone quota: shown and not a `deleted` tombstone. */
    quotaCount(zoneId: string): number {
        return this.certificates(zoneId).filter((c) => this.certificatePhase(c) !== "deleted").length;
    }

    addCertificate(record: CertificateRecord): void {
        this.certs.push(record);
        this.changed();
    }

    /** Associations that exist (not voided), in creation order. */
    associations(zoneId?: string): AssociationRecord[] {
        return this.assocs.filter(
            (a) => (zoneId === undefined || a.zone_id === zoneId) && this.associationPhase(a) !== "removed",
        );
    }

    association(zoneId: string, hostname: string): AssociationRecord | undefined {
        return this.associations(zoneId).find((a) => a.hostname === hostname);
    }

    /** Existing associations (enabled true or false) that reference a certificate. */
    referencing(zoneId: string, certId: string): AssociationRecord[] {
        return this.associations(zoneId).filter((a) => a.cert_id === certId);
    }

    addAssociation(record: AssociationRecord): void {
        this.assocs.push(record);
        this.changed();
    }

    /** Call after mutating a record in place. Stamps new events with their order of writing. */
    changed(): void {
        for (const record of [...this.certs, ...this.assocs]) {
            for (const event of record.timeline) {
                if (event.seq === undefined) event.seq = ++this.seq;
            }
        }
        this.onChange();
    }

    /** Every status change up to now, oldest first. */
    history(): HistoryEvent[] {
        const now = this.clock.now();
        const events: HistoryEvent[] = [];
        for (const c of this.certs) {
            for (const e of c.timeline.filter((e) => e.at <= now)) {
                events.push({ kind: "certificate", at: isoTime(e.at), time: e.at, seq: e.seq ?? 0, zone_id: c.zone_id, id: c.id, status: e.phase });
            }
        }
        for (const a of this.assocs) {
            for (const e of a.timeline.filter((e) => e.at <= now)) {
                events.push({
                    kind: "association",
                    at: isoTime(e.at),
                    time: e.at,
                    seq: e.seq ?? 0,
                    zone_id: a.zone_id,
                    hostname: a.hostname,
                    cert_id: e.cert_id,
                    enabled: e.enabled,
                    status: e.phase,
                });
            }
        }
        return events.sort((x, y) => x.time - y.time || x.seq - y.seq);
    }

    snapshot(): StoreSnapshot {
        return structuredClone({ version: 1, certificates: this.certs, associations: this.assocs });
    }

    restore(snapshot: StoreSnapshot): void {
        if (snapshot.version !== 1) throw new Error(`unsupported emulator state version ${String(snapshot.version)}`);
        this.certs = structuredClone(snapshot.certificates);
        this.assocs = structuredClone(snapshot.associations);
        const stamps = [...this.certs, ...this.assocs].flatMap((r) => r.timeline.map((e) => e.seq ?? 0));
        this.seq = Math.max(0, ...stamps);
    }

    clear(): void {
        this.certs = [];
        this.assocs = [];
        this.changed();
    }
}
