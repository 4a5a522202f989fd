// zod/mini issues in words: what a developer reads when a payload or an event is refused.
import * as z from 'zod/mini';
import { describeIssues } from '../../src/contract/schema-issues';

describe('describeIssues', () => {
  it('names the field and what was wrong', () => {
    const schema = z.object({ a: z.string().check(z.maxLength(3)), b: z.array(z.number()).check(z.minLength(1)), c: z.enum(['x', 'y']), d: z.email() });
    const r = schema.safeParse({ a: 'abcd', b: [], c: 'z', d: 'nope' });
    expect(r.success).toBe(false);
    expect(describeIssues(r.error!.issues)).toBe('a: at most 3 characters; b: at least 1 items; c: one of "x", "y"; d: not a valid email');
    expect(describeIssues(z.object({ n: z.number() }).safeParse({ n: 'x' }).error!.issues)).toBe('n: expected number');
  });
});
