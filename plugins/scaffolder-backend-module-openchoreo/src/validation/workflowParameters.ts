import Ajv from 'ajv';
import {
  placeRepositoryValues,
  type ParameterSchemaNode,
  type PlacedParameters,
  type RepositoryInput,
} from '@openchoreo-ci/plugin-openchoreo-common';

/**
 * Places the repository inputs where the schema's markers say (the common rule the wizard
 * shows the fields by), applies the schema's defaults and validates the result against the
 * schema. Nothing is sent anywhere.
 */
export function prepareWorkflowParameters(
  schema: ParameterSchemaNode,
  parameters: Record<string, unknown> | undefined,
  repository: RepositoryInput | undefined,
): PlacedParameters {
  const placed = placeRepositoryValues(schema, parameters, repository);
  if (!placed.ok) return placed;
  const result = placed.parameters;

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
        return `${where} ${e.message ?? 'is invalid'}`;
      }),
    };
  }
  return { ok: true, parameters: result };
}
