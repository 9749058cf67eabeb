/** A clock whose sleep returns at once and moves time forward: polling and retries run instantly. */
export interface FakeClock {
    now(): number;
    sleep(ms: number): Promise<void>;
    /** Every sleep requested, in order. */
    readonly sleeps: number[];
}

export function fakeClock(start = 1_700_000_000_000, onSleep?: (ms: number) => void): FakeClock {
    let time = start;
    const sleeps: number[] = [];
    return {
        now: () => time,
        sleep: async (ms) => {
            sleeps.push(ms);
            time += ms;
            onSleep?.(ms);
        },
        sleeps,
    };
}
