/** What `sonorancad forward test` sends: shaped like a push, so receivers exercise their usual path. */

export const TEST_EVENT_TYPE = 'EVENT_FORWARD_TEST';

export function testPush(target: string, at: number): Record<string, unknown> {
  return {
    type: TEST_EVENT_TYPE,
    data: {
      message: `Test event for the forward target "${target}".`,
      target,
      sentAt: new Date(at).toISOString(),
    },
  };
}
