/** Net handlers that never see a payload their schema rejects. */
import type * as z from 'zod/mini';

export function listen<T>(name: string, schema: z.ZodMiniType<T>, handle: (payload: T) => void): void {
  onNet(name, (payload: unknown) => {
    const parsed = schema.safeParse(payload);
    if (parsed.success) {
      handle(parsed.data);
      return;
    }
    const issue = parsed.error.issues[0];
    console.warn(
      `[sonorancad] Ignored a malformed ${name}: ${issue?.path.join('.') || 'payload'}: ${issue?.message}`,
    );
  });
}
