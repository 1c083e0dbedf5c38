// Growable typed lists: what a streamed calibration keeps per lead (a few bytes each) instead of the lead.

/** Whole numbers ≥ 0, stored in 1, 2 or 4 bytes each: widened only when a value needs it (most columns hold
 *  few distinct values, so most ids fit a byte). */
export class IdList {
  private data: Uint8Array | Uint16Array | Uint32Array = new Uint8Array(1024);
  private limit = 0xff;
  length = 0;

  push(value: number): void {
    if (value > this.limit) this.widen(value);
    if (this.length === this.data.length) {
      const grown = new (this.data.constructor as Uint32ArrayConstructor)(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  /** Pushes the first `count` of `values` (a batch: one copy instead of a push each). */
  append(values: Uint32Array, count: number): void {
    let largest = 0;
    for (let index = 0; index < count; index++) if (values[index]! > largest) largest = values[index]!;
    if (largest > this.limit) this.widen(largest);
    if (this.length + count > this.data.length) {
      let size = this.data.length * 2;
      while (size < this.length + count) size *= 2;
      const grown = new (this.data.constructor as Uint32ArrayConstructor)(size);
      grown.set(this.data);
      this.data = grown;
    }
    this.data.set(values.subarray(0, count), this.length);
    this.length += count;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  /** The list as an array (valid until the next push). */
  view(): Uint8Array | Uint16Array | Uint32Array {
    return this.data.subarray(0, this.length);
  }

  private widen(value: number): void {
    const wider = value > 0xffff ? new Uint32Array(this.data.length) : new Uint16Array(this.data.length);
    wider.set(this.data.subarray(0, this.length));
    this.data = wider;
    this.limit = value > 0xffff ? 0xffffffff : 0xffff;
  }
}

/** Numbers (doubles). */
export class NumberList {
  private data = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.data.length) {
      const grown = new Float64Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
    }
    this.data[this.length++] = value;
  }

  get(index: number): number {
    return this.data[index]!;
  }
}
