/**
 * Coalesced writes, for an API that takes a batch (`PUT /hostnames` takes a `config` array): what is
 * submitted under one key within a short window of the first entry goes out as one request. The
 * batches of a key are sent one after another, in the order they opened, and an entry that
 * conflicts with one already waiting (the same hostname) opens the next batch, so two changes to one
 * thing are never reordered or merged.
 */

/**
 * How long a batch stays open after its first entry. Long enough for the changes the engine starts
 * together (the associations of a certificate that just went active) to arrive; short next to a
 * deployment. @default 200
 */
export const DEFAULT_BATCH_WINDOW_MS = 200;

/** One entry's outcome. */
export type Settled<R> = { readonly value: R } | { readonly error: unknown };

export interface BatchOptions<E, R> {
    /** How long the batch stays open after its first entry. */
    readonly windowMs: number;
    readonly sleep: (ms: number) => Promise<void>;
    /** True when two entries must not share a batch. @default never */
    readonly conflicts?: (a: E, b: E) => boolean;
    /**
     * Sends one batch and returns one outcome per entry, in order. The first entry's `send` sends
     * its batch; a throw fails every entry of the batch with that error.
     */
    readonly send: (entries: E[]) => Promise<Array<Settled<R>>>;
}

interface Pending<E, R> {
    readonly entry: E;
    readonly resolve: (value: R) => void;
    readonly reject: (error: unknown) => void;
}

interface Batch<E, R> {
    readonly entries: Array<Pending<E, R>>;
    readonly send: BatchOptions<E, R>["send"];
}

interface Queue {
    /** The batch that still takes entries. */
    open?: Batch<unknown, unknown>;
    /** Settles when the last batch opened so far has been sent. */
    tail: Promise<void>;
    batches: number;
}

async function flush<E, R>(batch: Batch<E, R>): Promise<void> {
    let outcomes: Array<Settled<R>>;
    try {
        outcomes = await batch.send(batch.entries.map((p) => p.entry));
    } catch (error) {
        outcomes = batch.entries.map(() => ({ error }));
    }
    batch.entries.forEach((pending, i) => {
        const outcome = outcomes[i] ?? { error: new Error("the batch returned no outcome for this entry") };
        if ("error" in outcome) pending.reject(outcome.error);
        else pending.resolve(outcome.value);
    });
}

/** The write batches of one provider process, by key (e.g. account and zone). */
export class Batches {
    private readonly queues = new Map<string, Queue>();

    /** Adds `entry` to the key's open batch (or opens one) and resolves with its own outcome. */
    submit<E, R>(key: string, entry: E, options: BatchOptions<E, R>): Promise<R> {
        const queue = this.queues.get(key) ?? this.newQueue(key);
        let batch = queue.open as Batch<E, R> | undefined;
        if (!batch || batch.entries.some((p) => options.conflicts?.(p.entry, entry))) {
            batch = this.open(key, queue, options);
        }
        const target = batch;
        return new Promise<R>((resolve, reject) => target.entries.push({ entry, resolve, reject }));
    }

    private newQueue(key: string): Queue {
        const queue: Queue = { tail: Promise.resolve(), batches: 0 };
        this.queues.set(key, queue);
        return queue;
    }

    private open<E, R>(key: string, queue: Queue, options: BatchOptions<E, R>): Batch<E, R> {
        const batch: Batch<E, R> = { entries: [], send: options.send };
        queue.open = batch as Batch<unknown, unknown>;
        queue.batches++;
        // A failing sleep just closes the window early.
        const closed = options.sleep(options.windowMs).catch(() => undefined).then(() => {
            if (queue.open === (batch as Batch<unknown, unknown>)) queue.open = undefined;
        });
        queue.tail = Promise.all([queue.tail, closed])
            .then(() => flush(batch))
            .finally(() => {
                if (--queue.batches === 0 && this.queues.get(key) === queue) this.queues.delete(key);
            });
        return batch;
    }
}
