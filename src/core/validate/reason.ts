/** Turns the first zod issue into a short reason: the failing path and what was expected, never the value. */
import type * as z from 'zod/mini';

const MAX_MESSAGE = 80;

const ARTICLES: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  nonoptional: 'a value',
};

function path(root: string, segments: readonly PropertyKey[]): string {
  let out = root;
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out === '' ? 'body' : out;
}

function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${ARTICLES[issue.expected] ?? `a ${issue.expected}`}`;
  return issue.message.length > MAX_MESSAGE ? `${issue.message.slice(0, MAX_MESSAGE)}…` : issue.message;
}

export function describeIssue(issue: z.core.$ZodIssue | undefined, root: string): string {
  if (!issue) return `${root || 'body'}: not understood`;
  return `${path(root, issue.path)}: ${expectation(issue)}`;
}
