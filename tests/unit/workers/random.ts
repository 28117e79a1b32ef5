/**
 * A seeded generator for the crash tests' kill moments: the seed is printed, and
 * COPYDESK_CRASH_SEED=<seed> replays the same run.
 */
export function seededRandom(label: string): () => number {
  const seed = Number(process.env.COPYDESK_CRASH_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`${label}: random seed ${seed} (COPYDESK_CRASH_SEED=${seed} replays it)`);
  let a = seed >>> 0;
  // mulberry32
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
