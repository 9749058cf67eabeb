import { RateLimiter } from "../../provider/client/rateLimiter";

/**
 * Discrete-event time for tests: `sleep` registers a timer, and time moves only when every pending
 * callback has run, to the next timer, so the time anything happens at is exact.
 */
export class SimulatedTime {
    readonly sleeps: number[] = [];
    private timers: Array<{ at: number; seq: number; fire: () => void }> = [];
    private seq = 0;

    constructor(public now = 0) {}

    readonly clock = {
        now: () => this.now,
        sleep: (ms: number, signal?: AbortSignal) => {
            this.sleeps.push(ms);
            return new Promise<void>((fire) => {
                const timer = { at: this.now + ms, seq: this.seq++, fire };
                this.timers.push(timer);
                signal?.addEventListener("abort", () => {
                    this.timers = this.timers.filter((t) => t !== timer);
                    fire();
                });
            });
        },
    };

    /** Runs until no timer is left (or `limitMs` of simulated time passed). */
    async run(limitMs = 24 * 3600_000): Promise<void> {
        for (;;) {
            await new Promise((resolve) => setImmediate(resolve));
            if (this.timers.length === 0) return;
            this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
            const next = this.timers.shift()!;
            if (next.at > limitMs) throw new Error("simulation ran past its limit");
            this.now = Math.max(this.now, next.at);
            next.fire();
        }
    }

    /**
     * For real I/O in between: fires the next timer whenever nothing else happened for a few ms and
     * `busy` (e.g. "a request is in flight") says false.
     */
    async drive<T>(promise: Promise<T>, busy: () => boolean = () => false): Promise<T> {
        let settled = false;
        const watched = promise.finally(() => (settled = true));
        while (!settled) {
            await new Promise((resolve) => setTimeout(resolve, 5));
            if (settled || this.timers.length === 0 || busy()) continue;
            this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
            const next = this.timers.shift()!;
            this.now = Math.max(this.now, next.at);
            next.fire();
        }
        return watched;
    }
}

/**
 * A provider's limiter that counts its requests in flight, for {@link SimulatedTime.drive}'s `busy`:
 * simulated time never moves under a request, so what the emulator logs is when it was sent.
 */
export class CountingLimiter extends RateLimiter {
    inFlight = 0;
    override async acquire() {
        const release = await super.acquire();
        this.inFlight++;
        return () => {
            this.inFlight--;
            release();
        };
    }
}
