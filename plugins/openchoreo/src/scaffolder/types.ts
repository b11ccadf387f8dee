import type {
  CreateComponentInput,
  ExternalCiDeploymentSource,
  RepositoryInput,
  WorkflowDeploymentSource,
} from '@openchoreo-ci/plugin-openchoreo-common';

/** Value of `OpenChoreoProjectPicker`: the action's `namespace` and `project`, while being chosen. */
export type ProjectValue = Partial<
  Pick<CreateComponentInput, 'namespace' | 'project'>
>;

/** Value of `OpenChoreoComponentTypePicker`: the action's `componentType` (`<workloadType>/<name>`). */
export type ComponentTypeValue = CreateComponentInput['componentType'];

/**
 * Value of `OpenChoreoDeploymentSource`: the action's `source` input while the user fills it
 * in (every field but `type` may still be missing).
 */
export type DeploymentSourceValue =
  | ({ type: 'workflow' } & Partial<
      Omit<WorkflowDeploymentSource, 'type' | 'repository'>
    > & { repository?: Partial<RepositoryInput> })
  | ({ type: 'external-ci' } & Partial<
      Omit<ExternalCiDeploymentSource, 'type'>
    >);

/** `ui:options` naming the other fields a field depends on. */
export interface DependentFieldOptions {
  /** The field holding {@link ProjectValue} (default `location`). */
  locationField?: string;
  /** The field holding {@link ComponentTypeValue} (default `componentType`). */
  componentTypeField?: string;
}

/** Reads another field's value from the form data the scaffolder passes in `formContext`. */
export function readFormField<T>(
  formContext: unknown,
  field: string,
): T | undefined {
  const formData = (formContext as { formData?: Record<string, unknown> })
    ?.formData;
  return formData?.[field] as T | undefined;
}
