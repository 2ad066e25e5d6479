/**
 * Amounts of compute resources in canonical units, as framework.Resource:
 * cpu in millicores; memory and ephemeral storage in bytes; pods as a count;
 * scalar resources (extended resources, hugepages) by name.
 */
export class Resource {
  milliCPU = 0;
  memory = 0;
  ephemeralStorage = 0;
  allowedPodNumber = 0;
  /** Extended resources and hugepages; null while there are none. */
  scalarResources: Map<string, number> | null = null;

  /** A Resource from a canonical resource map (see api/resources.ts): cpu, memory, ephemeral-storage, pods, scalars. */
  static fromMap(m: ReadonlyMap<string, number>): Resource {
    const r = new Resource();
    for (const [name, v] of m) r.set(name, v);
    return r;
  }

  /** Sets one resource by its Kubernetes name. */
  set(name: string, v: number): void {
    switch (name) {
      case 'cpu':
        this.milliCPU = v;
        break;
      case 'memory':
        this.memory = v;
        break;
      case 'ephemeral-storage':
        this.ephemeralStorage = v;
        break;
      case 'pods':
        this.allowedPodNumber = v;
        break;
      default:
        (this.scalarResources ??= new Map()).set(name, v);
    }
  }

  /** One resource by its Kubernetes name (0 when absent). */
  get(name: string): number {
    switch (name) {
      case 'cpu':
        return this.milliCPU;
      case 'memory':
        return this.memory;
      case 'ephemeral-storage':
        return this.ephemeralStorage;
      case 'pods':
        return this.allowedPodNumber;
      default:
        return this.scalarResources?.get(name) ?? 0;
    }
  }

  /** True when the named resource is present (the core four always are). */
  has(name: string): boolean {
    switch (name) {
      case 'cpu':
      case 'memory':
      case 'ephemeral-storage':
      case 'pods':
        return true;
      default:
        return this.scalarResources?.has(name) ?? false;
    }
  }

  /** this += r (scalars by name). */
  add(r: Resource): void {
    this.milliCPU += r.milliCPU;
    this.memory += r.memory;
    this.ephemeralStorage += r.ephemeralStorage;
    this.allowedPodNumber += r.allowedPodNumber;
    if (r.scalarResources !== null) {
      const s = (this.scalarResources ??= new Map());
      for (const [k, v] of r.scalarResources) s.set(k, (s.get(k) ?? 0) + v);
    }
  }

  /** this -= r (scalars by name). */
  sub(r: Resource): void {
    this.milliCPU -= r.milliCPU;
    this.memory -= r.memory;
    this.ephemeralStorage -= r.ephemeralStorage;
    this.allowedPodNumber -= r.allowedPodNumber;
    if (r.scalarResources !== null) {
      const s = (this.scalarResources ??= new Map());
      for (const [k, v] of r.scalarResources) s.set(k, (s.get(k) ?? 0) - v);
    }
  }

  clone(): Resource {
    const c = new Resource();
    c.milliCPU = this.milliCPU;
    c.memory = this.memory;
    c.ephemeralStorage = this.ephemeralStorage;
    c.allowedPodNumber = this.allowedPodNumber;
    c.scalarResources = this.scalarResources === null ? null : new Map(this.scalarResources);
    return c;
  }
}
