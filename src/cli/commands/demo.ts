import type { Command } from 'commander';
import { MICROS_PER_HOUR } from '../../engine/index.js';
import { ENGINE_DEMO_DEFAULTS, runEngineDemo } from '../../workloads/engineDemo.js';
import { parseNonNegativeInteger, parsePositiveInteger, parsePositiveNumber } from '../parse.js';
import { formatTable } from '../table.js';

interface DemoFlags {
  seed: number;
  nodes: number;
  hours: number;
}

/** `kubesim demo`: a short run of the engine on a toy cluster. */
export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the engine on a toy cluster: Poisson pod arrivals queueing for pod slots')
    .option('--seed <n>', 'run seed', parseNonNegativeInteger, ENGINE_DEMO_DEFAULTS.seed)
    .option('--nodes <n>', 'nodes in the toy cluster', parsePositiveInteger, ENGINE_DEMO_DEFAULTS.nodes)
    .option('--hours <h>', 'simulated hours', parsePositiveNumber, ENGINE_DEMO_DEFAULTS.duration / MICROS_PER_HOUR)
    .action((flags: DemoFlags) => {
      const scale = flags.nodes / ENGINE_DEMO_DEFAULTS.nodes;
      const options = {
        ...ENGINE_DEMO_DEFAULTS,
        seed: flags.seed,
        nodes: flags.nodes,
        arrivalsPerSecond: ENGINE_DEMO_DEFAULTS.arrivalsPerSecond * scale,
        duration: Math.round(flags.hours * MICROS_PER_HOUR),
      };
      const started = performance.now();
      const r = runEngineDemo(options);
      const wallSeconds = (performance.now() - started) / 1000;
      const rows: [string, string][] = [
        ['nodes', String(options.nodes)],
        ['simulated_h', String(flags.hours)],
        ['pods_arrived', String(r.podsArrived)],
        ['pods_completed', String(r.podsCompleted)],
        ['pods_pending_at_end', String(r.podsPendingAtEnd)],
        ['pending_s_p50', r.pendingSecondsP50.toFixed(3)],
        ['pending_s_p99', r.pendingSecondsP99.toFixed(3)],
        ['slot_utilisation_pct', r.slotUtilisationPct.toFixed(2)],
        ['events', String(r.events)],
      ];
      process.stdout.write(`kubesim engine demo (seed ${options.seed})\n${formatTable(['METRIC', 'VALUE'], rows)}\n`);
      process.stderr.write(
        `wall ${wallSeconds.toFixed(2)} s, ${Math.round(r.events / wallSeconds).toLocaleString('en-US')} events/s\n`,
      );
    });
}
