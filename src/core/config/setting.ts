/** How config.json settings are declared: a schema, its default, and the sentence the docs print for it. */
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships no messages; problems in config.json are explained in the English classic zod used.
z.config(en());

/** Records what a setting means where the docs generator reads it, without copying the schema. */
export function described<T extends z.ZodMiniType>(schema: T, description: string): T {
  z.globalRegistry.add(schema, { description });
  return schema;
}

/** A setting that may be left out: `fallback` stands in for it. */
export function setting<T extends z.ZodMiniType>(
  schema: T,
  fallback: Exclude<z.output<T>, undefined>,
  description: string,
) {
  return described(z._default(schema, fallback), description);
}
