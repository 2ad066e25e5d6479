import type { HostPort } from './PodInfo.js';

const BIND_ALL = '0.0.0.0';

/**
 * Host ports in use on a node, by IP then protocol/port (framework.HostPortInfo).
 * A wanted port on 0.0.0.0 conflicts with that protocol/port on any IP;
 * otherwise with the same IP or 0.0.0.0.
 */
export class HostPortInfo {
  private readonly byIp = new Map<string, Map<string, number>>();

  /** Records a port (counted, so that two pods' identical ports remove cleanly). */
  add(p: HostPort): void {
    let m = this.byIp.get(p.ip);
    if (m === undefined) this.byIp.set(p.ip, (m = new Map()));
    const k = `${p.protocol}/${p.port}`;
    m.set(k, (m.get(k) ?? 0) + 1);
  }

  remove(p: HostPort): void {
    const m = this.byIp.get(p.ip);
    const k = `${p.protocol}/${p.port}`;
    const n = m?.get(k);
    if (m === undefined || n === undefined) return;
    if (n > 1) m.set(k, n - 1);
    else m.delete(k);
    if (m.size === 0) this.byIp.delete(p.ip);
  }

  /** True when `p` conflicts with a port in use (HostPortInfo.CheckConflict). */
  conflicts(p: HostPort): boolean {
    if (p.port <= 0) return false;
    const k = `${p.protocol}/${p.port}`;
    if (p.ip === BIND_ALL) {
      for (const m of this.byIp.values()) if (m.has(k)) return true;
      return false;
    }
    return (this.byIp.get(BIND_ALL)?.has(k) ?? false) || (this.byIp.get(p.ip)?.has(k) ?? false);
  }

  get size(): number {
    let n = 0;
    for (const m of this.byIp.values()) n += m.size;
    return n;
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, m] of this.byIp) c.byIp.set(ip, new Map(m));
    return c;
  }
}
