/** The frameworks whose jobs recipient rules can read, in the order "auto" looks for them. */
export const FRAMEWORKS = ['qbx_core', 'qb-core', 'es_extended', 'ox_core'] as const;
export type FrameworkName = (typeof FRAMEWORKS)[number];

/** `alerts.framework`: detect one by resource state, name one, or read none. */
export const FRAMEWORK_CHOICES = ['auto', ...FRAMEWORKS, 'none'] as const;
export type FrameworkChoice = (typeof FRAMEWORK_CHOICES)[number];
