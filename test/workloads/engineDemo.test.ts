import { describe, expect, it } from 'vitest';
import { MICROS_PER_HOUR } from '../../src/engine/index.js';
import { ENGINE_DEMO_DEFAULTS, runEngineDemo } from '../../src/workloads/engineDemo.js';

const small = { ...ENGINE_DEMO_DEFAULTS, nodes: 20, arrivalsPerSecond: 0.26, duration: 2 * MICROS_PER_HOUR };

describe('engine demo', () => {
  it('is deterministic for a seed', () => {
    expect(runEngineDemo({ ...small, seed: 3 })).toEqual(runEngineDemo({ ...small, seed: 3 }));
    expect(runEngineDemo({ ...small, seed: 3 })).not.toEqual(runEngineDemo({ ...small, seed: 4 }));
  });

  it('conserves pods and stays within capacity', () => {
    const r = runEngineDemo(small);
    expect(r.podsArrived).toBe(r.podsStarted + r.podsPendingAtEnd);
    expect(r.podsCompleted).toBeLessThanOrEqual(r.podsStarted);
    expect(r.slotUtilisationPct).toBeGreaterThan(0);
    expect(r.slotUtilisationPct).toBeLessThanOrEqual(100);
    // Offered load is 0.26/s × 600 s = 156 of 160 slots: pods do queue.
    expect(r.pendingSecondsP99).toBeGreaterThan(0);
  });

  it('queues nothing when there is always a free slot', () => {
    const r = runEngineDemo({ ...small, arrivalsPerSecond: 0.01 });
    expect(r.pendingSecondsP99).toBe(0);
    expect(r.podsPendingAtEnd).toBe(0);
  });
});
