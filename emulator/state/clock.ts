/**
 * Clocks. Every status in the emulator is computed on read from timestamps and the clock, so a test
 * that uses {@link ManualClock} moves certificates through their lifecycle with `advance(ms)` instead of
 * sleeping, and nothing in the emulator needs timers.
 */

/** A source of "now" in epoch milliseconds. */
export interface Clock {
    now(): number;
}

/** Real time. */
export const systemClock: Clock = { now: () => Date.now() };

/**
 * A clock that only moves when told to.
 *
 * @example
 * const clock = new ManualClock();
 * const emulator = await startEmulator({ clock });
 * clock.advance(1_000); // the certificate uploaded before is now active
 */
export class ManualClock implements Clock {
    private current: number;

    /** @param start epoch ms or a Date. @default the real time at construction */
    constructor(start: number | Date = Date.now()) {
        this.current = typeof start === "number" ? start : start.getTime();
    }

    now(): number {
        return this.current;
    }

    /** Moves the clock forward by `ms` (≥ 0). */
    advance(ms: number): void {
        if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`advance(ms) needs a finite ms >= 0, got ${ms}`);
        this.current += ms;
    }

    /** Jumps to `time`, which may not be earlier than now: timelines assume time does not run backwards. */
    set(time: number | Date): void {
        const next = typeof time === "number" ? time : time.getTime();
        if (next < this.current) throw new RangeError("ManualClock cannot go backwards");
        this.current = next;
    }
}

/** True when `clock` can be advanced by the control surface. */
export function isManualClock(clock: Clock): clock is ManualClock {
    return typeof (clock as ManualClock).advance === "function";
}

/** ISO 8601 with milliseconds, like Cloudflare's `uploaded_on` ("2019-10-28T18:11:23.374Z"). */
export function isoTime(ms: number): string {
    return new Date(ms).toISOString();
}

/** ISO 8601 without milliseconds, like Cloudflare's `expires_on` ("2100-01-01T05:20:00Z"). */
export function isoSeconds(ms: number): string {
    return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}
