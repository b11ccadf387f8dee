import Ajv from 'ajv';
import type { ParameterSchemaNode } from './workflowParameters';

/** The outcome of {@link validateWorkflowParameters}: the parameters with the schema's defaults, or why not. */
export type ValidatedParameters =
  | { ok: true; parameters: Record<string, unknown> }
  | { ok: false; errors: string[] };

/**
 * Validates workflow parameters against the workflow's parameter schema (its `openAPIV3Schema`)
 * and fills in the schema's defaults, on a copy. Each error names the field and the rule, e.g.
 * `repository.revision.branch must be string`. Used wherever parameters are about to be sent:
 * the component creation action, "Build with options" (backend and dialog).
 */
export function validateWorkflowParameters(
  schema: ParameterSchemaNode,
  parameters: Record<string, unknown> | undefined,
): ValidatedParameters {
  const result = structuredClone(parameters ?? {});
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true });
  let validate;
  try {
    validate = ajv.compile(schema);
  } catch (error) {
    return {
      ok: false,
      errors: [
        `the workflow's parameter schema cannot be used: ${String(error)}`,
      ],
    };
  }
  if (!validate(result)) {
    return {
      ok: false,
      errors: (validate.errors ?? []).map(e => {
        const where = e.instancePath
          ? e.instancePath.slice(1).replace(/\//g, '.')
          : '(root)';
        const allowed =
          e.keyword === 'enum' && Array.isArray(e.params.allowedValues)
            ? `: ${e.params.allowedValues
                .map(v => JSON.stringify(v))
                .join(', ')}`
            : '';
        return `${where} ${e.message ?? 'is invalid'}${allowed}`;
      }),
    };
  }
  return { ok: true, parameters: result };
}
