/**
 * Side-by-side timing: each round runs every task once, in an order that rotates from round to
 * round, so drift on a shared machine (another build, a GC, thermal limits) hits all tasks alike.
 */

export interface RoundOptions {
  rounds: number;
  /** Untimed rounds first (JIT, caches, lazy initialisation). */
  warmup: number;
}

export type Task = () => unknown;

export async function timeRounds<Name extends string>(options: RoundOptions, tasks: Record<Name, Task>): Promise<Record<Name, number[]>> {
  const names = Object.keys(tasks) as Name[];
  const times = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<Name, number[]>;
  for (let round = 0; round < options.warmup + options.rounds; round += 1) {
    for (let step = 0; step < names.length; step += 1) {
      const name = names[(round + step) % names.length]!;
      const started = performance.now();
      await tasks[name]();
      const elapsed = performance.now() - started;
      if (round >= options.warmup) times[name].push(elapsed);
    }
  }
  return times;
}
