/** A target admin over config.json held in memory and checked by the real schema. */
import { checkConfig } from '../../src/core/config/load';
import { createTargetAdmin } from '../../src/core/manage/targets';
import type { Runtime } from '../../src/core/runtime';

const SETTINGS = { setting: () => undefined } as unknown as Runtime;

/** config.json in memory, checked by the real schema; `writes` and `applies` count what reached the file. */
export function memoryConfig(initial: string | null) {
  const file = {
    text: initial,
    writes: 0,
    applies: 0,
    failWrite: false,
    steps: [] as string[],
    saved: [] as string[],
  };
  const targets = createTargetAdmin({
    read: () => file.text,
    write(text) {
      if (file.failWrite) throw new Error('EIO: rename failed');
      file.text = text;
      file.writes += 1;
      file.steps.push('write');
    },
    check(text) {
      const checked = checkConfig(SETTINGS, text);
      return checked.ok ? { ok: true, targets: checked.loaded.config.forwarding.targets } : checked;
    },
    // As a reload may: the answer waits, and other requests arrive meanwhile.
    async apply() {
      file.steps.push('apply');
      await new Promise((resolve) => setTimeout(resolve, 1));
      file.applies += 1;
      file.steps.push('applied');
      return [];
    },
    saved: (line) => file.saved.push(line),
  });
  return { file, targets };
}
