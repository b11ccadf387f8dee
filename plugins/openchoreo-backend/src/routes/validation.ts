import { InputError } from '@backstage/errors';
import { z } from 'zod';
import {
  DNS_LABEL_MAX_LENGTH,
  DNS_LABEL_PATTERN as DNS_LABEL,
} from '@openchoreo-ci/plugin-openchoreo-common';

const DNS_LABEL_RULE =
  "a Kubernetes DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit";

/** A Kubernetes DNS-1123 label (namespace, project, component, type and workflow names). */
export const dnsLabel = z
  .string()
  .max(
    DNS_LABEL_MAX_LENGTH,
    `must be at most ${DNS_LABEL_MAX_LENGTH} characters`,
  )
  .regex(DNS_LABEL, `must be ${DNS_LABEL_RULE}`);

/** A WorkflowRun name: label characters, but up to 253 long (`<component>-run-<8 hex>`). */
export const runName = z
  .string()
  .max(253, 'must be at most 253 characters')
  .regex(DNS_LABEL, `must be ${DNS_LABEL_RULE}`);

/** Path parameters of component routes. */
export const componentParams = z.object({
  namespace: dnsLabel,
  component: dnsLabel,
});

/** Path parameters of run routes. */
export const runParams = z.object({ namespace: dnsLabel, run: runName });

/** A query string number, e.g. `?limit=20`. */
const queryInt = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** `?limit&cursor` of the run list. */
export const runPageQuery = z.object({
  limit: queryInt(1, 100).optional().default(20),
  cursor: z.string().min(1).max(2048).optional(),
});

/** `?task&sinceSeconds&fromLine` of the logs route. */
export const logsQuery = z.object({
  task: dnsLabel.optional(),
  sinceSeconds: queryInt(1, 30 * 24 * 3600).optional(),
  fromLine: queryInt(0, 100_000_000).optional(),
});

/** Body of the trigger route: empty for Build now, or the options of one build. */
export const triggerBody = z.strictObject({
  commit: z.string().max(100, 'must be at most 100 characters').optional(),
  branch: z.string().max(255, 'must be at most 255 characters').optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
});

/** `?task` of the events route. */
export const eventsQuery = z.object({ task: dnsLabel.optional() });

/** `?namespace` of the wizard's type and workflow routes. */
export const optionalNamespaceQuery = z.object({
  namespace: dnsLabel.optional(),
});

/**
 * Parses `value` with `schema`; failures become an InputError (400) naming each field, its value
 * and the rule, e.g. `Invalid namespace "Foo_": must be a Kubernetes DNS-1123 label ...`.
 */
export function parseOrThrow<T extends z.ZodType>(
  schema: T,
  value: unknown,
  where: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) {
    return result.data;
  }
  const problems = result.error.issues.map(issue => {
    const field = issue.path.join('.');
    const given = issue.path.reduce<unknown>(
      (v, key) =>
        typeof v === 'object' && v !== null
          ? (v as Record<PropertyKey, unknown>)[key as PropertyKey]
          : undefined,
      value,
    );
    const shown = typeof given === 'string' ? ` "${given.slice(0, 100)}"` : '';
    return field
      ? `Invalid ${field}${shown}: ${issue.message}`
      : `Invalid ${where}: ${issue.message}`;
  });
  throw new InputError(`${problems.join('; ')} (in the ${where})`);
}
