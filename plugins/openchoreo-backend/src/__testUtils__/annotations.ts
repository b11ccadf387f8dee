import type { OpenChoreoClient } from '@openchoreo-ci/openchoreo-client';
import { isReservedAnnotation } from '@openchoreo-ci/plugin-openchoreo-common';

/** The user-editable annotations of a component, read straight from OpenChoreo. */
export async function readEditableAnnotations(
  client: OpenChoreoClient,
  namespace: string,
  component: string,
): Promise<Record<string, string>> {
  const found = await client.components.get(namespace, component);
  return editableOnly(found.metadata.annotations);
}

/** `annotations` without the reserved ones (what the annotations route edits). */
export function editableOnly(
  annotations: Record<string, string> | undefined,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations ?? {}).filter(
      ([key]) => !isReservedAnnotation(key),
    ),
  );
}
