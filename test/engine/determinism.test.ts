import { describe, expect, it } from 'vitest';
import { Simulation, seconds } from '../../src/engine/index.js';

/** A small model with random gaps, timers and zero-delay follow-ups; returns its event trace. */
function trace(seed: number): string[] {
  const sim = new Simulation({ seed });
  const gaps = sim.random.stream('arrivals');
  const work = sim.random.stream('work');
  const out: string[] = [];
  let next = 0;
  const done = sim.on('done', (id) => out.push(`${sim.now} done ${id}`));
  const watchdog = sim.timer(sim.on('watchdog', () => out.push(`${sim.now} watchdog`)));
  const arrive = sim.on('arrive', () => {
    const id = next++;
    out.push(`${sim.now} arrive ${id}`);
    sim.schedule(Math.round(work.exponential(seconds(2))), done, id);
    sim.schedule(0, done, id + 1000);
    watchdog.arm(seconds(1));
    if (next < 200) sim.schedule(Math.round(gaps.exponential(seconds(1))), arrive);
  });
  sim.schedule(0, arrive);
  sim.run();
  return out;
}

describe('determinism', () => {
  it('gives the same event trace for the same seed', () => {
    const a = trace(7);
    expect(a.length).toBeGreaterThan(400);
    expect(trace(7)).toEqual(a);
  });

  it('gives a different trace for another seed', () => {
    expect(trace(8)).not.toEqual(trace(7));
  });
});
