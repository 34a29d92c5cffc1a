/** Turns the first zod issue into a short reason: the failing path and what was expected, never the value. */
import type * as z from 'zod/mini';
import { clip, dottedPath } from '../text';

const MAX_MESSAGE = 80;

const ARTICLES: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  nonoptional: 'a value',
};

function expectation(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${ARTICLES[issue.expected] ?? `a ${issue.expected}`}`;
  return clip(issue.message, MAX_MESSAGE);
}

export function describeIssue(issue: z.core.$ZodIssue | undefined, root: string): string {
  if (!issue) return `${root || 'body'}: not understood`;
  return `${dottedPath(issue.path, root) || 'body'}: ${expectation(issue)}`;
}
