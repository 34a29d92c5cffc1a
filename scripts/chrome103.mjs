// What esbuild passes through unchanged for `target: chrome103` and Chromium 103 (FiveM's NUI) lacks:
// the build fails on any of these in the page's output. Versions from @mdn/browser-compat-data.
export const UNSUPPORTED = [
  { pattern: /:has\(/, what: ':has() (Chrome 105)' },
  { pattern: /@container\b/, what: '@container (Chrome 105)' },
  { pattern: /\bcolor-mix\(/, what: 'color-mix() (Chrome 111)' },
  { pattern: /\b(?:oklch|oklab|lch|lab)\(/, what: 'oklch()/lab() colours (Chrome 111)' },
  { pattern: /\d(?:dvh|svh|lvh|dvw|svw|lvw)\b/, what: 'dynamic viewport units (Chrome 108)' },
  { pattern: /\btext-wrap\s*:/, what: 'text-wrap (Chrome 114)' },
  { pattern: /\bsubgrid\b/, what: 'subgrid (Chrome 117)' },
  { pattern: /@starting-style\b/, what: '@starting-style (Chrome 117)' },
  { pattern: /@scope\b/, what: '@scope (Chrome 118)' },
  { pattern: /\banimation-timeline\b/, what: 'animation-timeline (Chrome 115)' },
  { pattern: /\.(?:toSorted|toReversed|toSpliced)\(/, what: 'Array change-by-copy methods (Chrome 110)' },
  { pattern: /\b(?:Object|Map)\.groupBy\b/, what: 'Object.groupBy / Map.groupBy (Chrome 117)' },
  { pattern: /\bPromise\.withResolvers\b/, what: 'Promise.withResolvers (Chrome 119)' },
  { pattern: /\bArray\.fromAsync\b/, what: 'Array.fromAsync (Chrome 121)' },
  {
    pattern: /\.(?:union|intersection|symmetricDifference|isSubsetOf|isSupersetOf|isDisjointFrom)\(/,
    what: 'Set methods (Chrome 122)',
  },
  { pattern: /\bstartViewTransition\b/, what: 'View Transitions (Chrome 111)' },
  { pattern: /\bshowPopover\b|\bpopover=/, what: 'popover (Chrome 114)' },
];

/** Every unsupported feature `text` uses, with the line it is on. */
export function unsupportedIn(text) {
  const found = [];
  const lines = text.split('\n');
  for (const { pattern, what } of UNSUPPORTED) {
    const line = lines.findIndex((candidate) => pattern.test(candidate));
    if (line !== -1) found.push({ what, line: line + 1 });
  }
  return found;
}

/** An esbuild plugin (with `write: false`): each use in the output is a build error. */
export const chrome103Check = {
  name: 'chrome103-check',
  setup(build) {
    build.onEnd((result) => {
      const errors = (result.outputFiles ?? []).flatMap((file) =>
        unsupportedIn(file.text).map(({ what, line }) => ({
          text: `${file.path}:${line} uses ${what}, which FiveM's Chromium 103 lacks`,
        })),
      );
      return { errors };
    });
  },
};
