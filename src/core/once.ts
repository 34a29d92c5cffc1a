/**
 * A value built on its first use and kept. For zod schemas most starts never need: each constructor
 * costs tens of µs cold, and every resource start would otherwise pay for all of them.
 */
export function once<T>(build: () => T): () => T {
  let built: { value: T } | undefined;
  return () => {
    built ??= { value: build() };
    return built.value;
  };
}
