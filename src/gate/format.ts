/** `+12.3 %` / `−4.0 %`. */
export function formatChange(changePct: number): string {
  if (!Number.isFinite(changePct)) return changePct > 0 ? '+∞ %' : '−∞ %';
  return `${changePct >= 0 ? '+' : '−'}${Math.abs(changePct).toFixed(1)} %`;
}

/** A p-value in 2 significant digits (`0.0040`, `3.1e-07`). */
export function formatP(p: number): string {
  return p >= 0.001 ? p.toPrecision(2) : p.toExponential(1);
}

/** A value for the report: numbers in up to 4 significant digits with k/M/G for large ones, '' as `—`. */
export function formatValue(value: number | string | undefined, unit = ''): string {
  if (value === undefined) return '—';
  if (typeof value === 'string') return value === '' ? '—' : value;
  const suffix = unit === '' ? '' : ` ${unit}`;
  const abs = Math.abs(value);
  if (unit === 'bytes' && abs >= 1024) {
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let v = abs / 1024;
    let i = 0;
    while (v >= 1024 && i < units.length - 1) {
      v /= 1024;
      i++;
    }
    return `${value < 0 ? '-' : ''}${trim(v)} ${units[i]}`;
  }
  if (abs >= 1e9) return `${trim(value / 1e9)}G${suffix}`;
  if (abs >= 1e6) return `${trim(value / 1e6)}M${suffix}`;
  if (abs >= 1e4) return `${trim(value / 1e3)}k${suffix}`;
  return `${trim(value)}${suffix}`;
}

function trim(v: number): string {
  if (Number.isInteger(v)) return String(v);
  return String(Number(v.toPrecision(4)));
}
