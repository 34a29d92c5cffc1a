/**
 * Texts held in the order they came, as UTF-16 code units in one buffer outside the JS heap. Copying a
 * string in is a plain copy (UTF-8 would have to encode it), and a text held for a minute is nothing the
 * collector must copy between generations or trace: kept as strings, the texts of fast pushes cost more
 * than the rest of their handling. The buffer is created on the first text, starts small and doubles up
 * to its limit while more is held; at the limit, the oldest texts make room for new ones.
 */
export interface TextRingLimits {
  /** Texts held at most. */
  texts: number;
  /** Bytes held at most: two per UTF-16 code unit. */
  bytes: number;
  /** The buffer's first size. */
  initialBytes: number;
}

export interface TextRing {
  /** Holds `text` as the newest: its id (ids count up from 0), or null when it could never fit. */
  push(text: string): number | null;
  /** The text held as `id`, or null once it was let go or made room for newer ones. */
  read(id: number): string | null;
  /** Lets go of `id` and every older text. */
  releaseThrough(id: number): void;
  /** The id of the oldest text held (the next id when none is). */
  oldest(): number;
}

export function createTextRing(limits: TextRingLimits): TextRing {
  // Text n (counted from the first) is described in slot n % texts while first <= n < next.
  const slots = limits.texts;
  const offsetOf = new Int32Array(slots);
  const lengthOf = new Int32Array(slots);
  let first = 0;
  let next = 0;
  let bytes: Buffer | null = null;
  /** Where the next text goes: texts lie in order, wrapping to 0 when one does not fit before the end. */
  let writeAt = 0;

  /** Moves the texts held, in order, to the start of a buffer twice the size. */
  const grow = (buffer: Buffer) => {
    const larger = Buffer.allocUnsafeSlow(Math.min(limits.bytes, buffer.length * 2));
    writeAt = 0;
    for (let id = first; id < next; id += 1) {
      const slot = id % slots;
      buffer.copy(larger, writeAt, offsetOf[slot], offsetOf[slot]! + lengthOf[slot]!);
      offsetOf[slot] = writeAt;
      writeAt += lengthOf[slot]!;
    }
    bytes = larger;
    return larger;
  };

  /** Where `length` bytes can go, once the buffer has grown or the oldest texts have made room. */
  const place = (length: number): number => {
    bytes ??= Buffer.allocUnsafeSlow(Math.min(limits.bytes, Math.max(limits.initialBytes, length)));
    let buffer = bytes;
    for (;;) {
      if (first === next) writeAt = 0;
      // Texts lie from the oldest's offset up to writeAt, or, once they wrapped, from there to the end
      // and from 0 up to writeAt (then oldest >= writeAt; equal means full).
      const oldest = first === next ? buffer.length : offsetOf[first % slots]!;
      const wrapped = first < next && oldest >= writeAt;
      if (writeAt + length <= (wrapped ? oldest : buffer.length)) {
        writeAt += length;
        return writeAt - length;
      }
      if (!wrapped && length <= oldest) {
        writeAt = length;
        return 0;
      }
      if (buffer.length < limits.bytes) buffer = grow(buffer);
      else first += 1;
    }
  };

  return {
    push(text) {
      const length = text.length * 2;
      if (length === 0 || length > limits.bytes) return null;
      if (next - first >= slots) first += 1;
      const offset = place(length);
      bytes!.write(text, offset, length, 'utf16le');
      offsetOf[next % slots] = offset;
      lengthOf[next % slots] = length;
      return next++;
    },
    read(id) {
      if (id < first || id >= next) return null;
      const slot = id % slots;
      return bytes!.toString('utf16le', offsetOf[slot], offsetOf[slot]! + lengthOf[slot]!);
    },
    releaseThrough(id) {
      first = Math.min(next, Math.max(first, id + 1));
    },
    oldest: () => first,
  };
}
