import { useEffect } from 'react';
import {
  FormControl,
  FormControlLabel,
  FormHelperText,
  FormLabel,
  Radio,
  RadioGroup,
} from '@material-ui/core';
import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import { configApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  BUILT_IN_CI_DISABLED_MESSAGE,
  isBuiltInCiEnabled,
  validateExternalCiIdentifier,
} from '@openchoreo-ci/plugin-openchoreo-common';
import {
  readFormField,
  type ComponentTypeValue,
  type DeploymentSourceValue,
  type DependentFieldOptions,
  type ProjectValue,
} from '../types';
import { BuiltInCiFields } from './BuiltInCiFields';
import { ExternalCiFields } from './ExternalCiFields';

/**
 * Chooses how the component is built: an OpenChoreo workflow or an External CI. While built-in
 * CI is turned off (`openchoreo.features.workflows.enabled: false`) it offers External CI only.
 */
export function OpenChoreoDeploymentSource(
  props: FieldExtensionComponentProps<
    DeploymentSourceValue,
    DependentFieldOptions
  >,
) {
  const { formData, onChange, uiSchema, schema } = props;
  const options = uiSchema?.['ui:options'] ?? {};
  const namespace = readFormField<ProjectValue>(
    props.formContext,
    options.locationField ?? 'location',
  )?.namespace;
  const componentType = readFormField<ComponentTypeValue>(
    props.formContext,
    options.componentTypeField ?? 'componentType',
  );
  const builtInCi = isBuiltInCiEnabled(useApi(configApiRef));
  const offersWorkflow = builtInCi || formData?.type !== 'workflow';
  useEffect(() => {
    // A built-in source cannot be submitted (the action refuses it): switch to External CI.
    if (!offersWorkflow) onChange({ type: 'external-ci' });
  }, [offersWorkflow, onChange]);

  return (
    <>
      <FormControl component="fieldset" margin="normal" required>
        <FormLabel component="legend">
          {schema.title ?? 'Deployment source'}
        </FormLabel>
        <RadioGroup
          value={formData?.type ?? ''}
          // Start the chosen branch empty, so no value of the other one is submitted.
          onChange={e =>
            onChange(
              e.target.value === 'workflow'
                ? { type: 'workflow' }
                : { type: 'external-ci' },
            )
          }
        >
          {builtInCi && (
            <FormControlLabel
              value="workflow"
              control={<Radio />}
              label="Built-in CI (OpenChoreo workflow)"
            />
          )}
          <FormControlLabel
            value="external-ci"
            control={<Radio />}
            label="External CI"
          />
        </RadioGroup>
        {!builtInCi && (
          <FormHelperText>
            {BUILT_IN_CI_DISABLED_MESSAGE}: components are built by an External
            CI.
          </FormHelperText>
        )}
      </FormControl>
      {builtInCi && formData?.type === 'workflow' && (
        <BuiltInCiFields
          value={formData}
          onChange={onChange}
          namespace={namespace}
          componentType={componentType}
        />
      )}
      {formData?.type === 'external-ci' && (
        <ExternalCiFields value={formData} onChange={onChange} />
      )}
    </>
  );
}

/** Checks the deployment source before the wizard moves on (the action checks it again). */
export function validateDeploymentSource(
  value: DeploymentSourceValue | undefined,
  validation: Parameters<CustomFieldValidator<DeploymentSourceValue>>[1],
) {
  if (!value?.type) {
    validation.addError('Choose how the component is built.');
    return;
  }
  if (value.type === 'workflow') {
    if (!value.workflow) validation.addError('Choose a workflow.');
    if (!value.repository?.url) {
      validation.addError('Enter the repository URL.');
    }
    return;
  }
  if (!value.platform) {
    validation.addError('Choose the CI platform, or "Not yet decided".');
    return;
  }
  const problem = validateExternalCiIdentifier(
    value.platform,
    value.identifier,
  );
  if (problem) validation.addError(problem);
}
