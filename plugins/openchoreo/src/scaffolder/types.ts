import type { WorkflowRef } from '@openchoreo-ci/plugin-openchoreo-common';
import type { ExternalCiChoice } from '@openchoreo-ci/plugin-openchoreo-common';

/** Value of `OpenChoreoProjectPicker`. */
export interface ProjectValue {
  namespace?: string;
  project?: string;
}

/** Value of `OpenChoreoComponentTypePicker`: the component's `spec.componentType`. */
export interface ComponentTypeValue {
  kind: 'ComponentType' | 'ClusterComponentType';
  /** `<workloadType>/<name>`. */
  name: string;
}

/** Value of `OpenChoreoDeploymentSource`: the action's `source` input. */
export type DeploymentSourceValue =
  | {
      type: 'workflow';
      workflow?: WorkflowRef;
      repository?: { url?: string; branch?: string; appPath?: string };
      parameters?: Record<string, unknown>;
    }
  | {
      type: 'external-ci';
      platform?: ExternalCiChoice;
      identifier?: string;
    };

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
