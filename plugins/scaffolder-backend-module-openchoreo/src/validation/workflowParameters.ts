import {
  placeRepositoryValues,
  validateWorkflowParameters,
  type ParameterSchemaNode,
  type PlacedParameters,
  type RepositoryInput,
} from '@openchoreo-ci/plugin-openchoreo-common';

/**
 * Places the repository inputs where the schema's markers say (the common rule the wizard
 * shows the fields by), applies the schema's defaults and validates the result against the
 * schema (the common validator "Build with options" uses too). Nothing is sent anywhere.
 */
export function prepareWorkflowParameters(
  schema: ParameterSchemaNode,
  parameters: Record<string, unknown> | undefined,
  repository: RepositoryInput | undefined,
): PlacedParameters {
  const placed = placeRepositoryValues(schema, parameters, repository);
  if (!placed.ok) return placed;
  return validateWorkflowParameters(schema, placed.parameters);
}
