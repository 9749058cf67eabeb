/**
 * Status lifecycles as timelines. An operation writes the future of an object as a list of
 * `{at, phase}` events; reads compute the current status from the list and the clock. Nothing runs on
 * a timer, a manual clock drives everything, and the past part of every timeline is the history.
 *
 * Certificate: initializing → pending_deployment → active (or deployment_timed_out)
 *              delete: pending_deletion → deleted (tombstone, still readable) → removed (404)
 *                      or pending_deletion → deletion_timed_out (stays)
 * Association: pending_deployment → active after every change; voiding removes it at once.
 */
import type { AssociationEvent, Phase, PhaseEvent } from "./types";

/**
 * Durations of the lifecycle, in milliseconds of the emulator clock.
 * The defaults keep tests fast while still making every intermediate status observable.
 */
export interface Timings {
    /** Time spent in `initializing` after an upload. @default 250 */
    initializingMs: number;
    /** Time from upload to `active` (or `deployment_timed_out`), including `initializingMs`. @default 1000 */
    activationMs: number;
    /** Time in `pending_deletion` before `deleted` (or `deletion_timed_out`). @default 500 */
    deletionMs: number;
    /** Time a `deleted` tombstone stays readable before GET answers 404. @default 500 */
    tombstoneMs: number;
    /** Time an association spends in `pending_deployment` after each change. @default 500 */
    associationMs: number;
    /** Real (wall-clock) delay added to every API response. @default 0 */
    latencyMs: number;
}

/** The documented default {@link Timings}. */
export const DEFAULT_TIMINGS: Readonly<Timings> = Object.freeze({
    initializingMs: 250,
    activationMs: 1000,
    deletionMs: 500,
    tombstoneMs: 500,
    associationMs: 500,
    latencyMs: 0,
});

/** How a deployment ends. */
export type DeploymentOutcome = "active" | "deployment_timed_out";
/** How a deletion ends. */
export type DeletionOutcome = "removed" | "deletion_timed_out";

/** Events of a certificate upload at `at`. With `activationMs: 0` the certificate is active at once. */
export function deploymentEvents(at: number, timings: Timings, outcome: DeploymentOutcome): PhaseEvent[] {
    const initializing = Math.min(timings.initializingMs, timings.activationMs);
    const events: PhaseEvent[] = [];
    if (initializing > 0) events.push({ at, phase: "initializing" });
    if (timings.activationMs > initializing) events.push({ at: at + initializing, phase: "pending_deployment" });
    events.push({ at: at + timings.activationMs, phase: outcome });
    return events;
}

/** Events of a certificate deletion requested at `at`. */
export function deletionEvents(at: number, timings: Timings, outcome: DeletionOutcome): PhaseEvent[] {
    const deleted = at + timings.deletionMs;
    if (outcome === "deletion_timed_out") {
        return [
            { at, phase: "pending_deletion" },
            { at: deleted, phase: "deletion_timed_out" },
        ];
    }
    return [
        { at, phase: "pending_deletion" },
        { at: deleted, phase: "deleted" },
        { at: deleted + timings.tombstoneMs, phase: "removed" },
    ];
}

/** Events of an association change at `at`. */
export function associationEvents(
    at: number,
    timings: Timings,
    cert_id: string,
    enabled: boolean | null,
): AssociationEvent[] {
    const events: AssociationEvent[] = [];
    if (timings.associationMs > 0) events.push({ at, phase: "pending_deployment", cert_id, enabled });
    events.push({ at: at + timings.associationMs, phase: "active", cert_id, enabled });
    return events;
}

/** The event in force at `now`: the last one (in list order) not after `now`. */
export function currentEvent<E extends PhaseEvent>(timeline: readonly E[], now: number): E {
    let current = timeline[0];
    for (const event of timeline) {
        if (event.at <= now) current = event;
    }
    return current;
}

/** The phase in force at `now`. */
export function phaseAt(timeline: readonly PhaseEvent[], now: number): Phase {
    return currentEvent(timeline, now).phase;
}

/** Keeps the past of `timeline` and replaces its future with `next`. */
export function reschedule<E extends PhaseEvent>(timeline: readonly E[], now: number, next: E[]): E[] {
    return [...timeline.filter((event) => event.at <= now), ...next];
}

/** Timings with defaults filled in and validated. */
export function resolveTimings(partial: Partial<Timings> = {}): Timings {
    const timings = { ...DEFAULT_TIMINGS, ...partial };
    for (const [name, value] of Object.entries(timings)) {
        if (!Number.isFinite(value) || value < 0) throw new RangeError(`timings.${name} must be a finite number >= 0`);
    }
    return timings;
}
