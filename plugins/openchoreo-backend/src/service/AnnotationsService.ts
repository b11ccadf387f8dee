import { ConflictError, InputError } from '@backstage/errors';
import type { Component } from '@openchoreo-ci/openchoreo-client';
import {
  isReservedAnnotation,
  OPENCHOREO_COMPONENT_CHANGED_TOPIC,
  RESERVED_ANNOTATION_PREFIXES,
  type ComponentAnnotationsResponse,
  type OpenChoreoComponentChangedEvent,
  type UpdateComponentAnnotationsRequest,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { EventsService } from '@backstage/plugin-events-node';
import type { ComponentsService } from './ComponentsService';
import { checkExternalCiAnnotations } from './externalCiAnnotations';
import type { ComponentEditLock } from './annotationLock';
import type { OpenChoreoServiceContext } from './context';

/**
 * Reads and replaces a component's user-editable annotations on the Component CR (the source
 * of truth). The API has no PATCH and no resourceVersion, so the write is a read-modify-write
 * guarded by the client's `expected` view and serialised per component by a lock every replica
 * shares (see `createComponentEditLock`). Repeating an edit is safe: when the component already
 * carries the requested annotations (e.g. the first attempt's answer was lost), it succeeds.
 */
export class AnnotationsService {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly components: ComponentsService,
    private readonly lock: ComponentEditLock,
    private readonly events: EventsService,
  ) {}

  /** The component's annotations split into editable and reserved. */
  async get(
    namespace: string,
    name: string,
  ): Promise<ComponentAnnotationsResponse> {
    const component = await this.components.getComponent(namespace, name);
    return splitAnnotations(component.metadata.annotations);
  }

  /**
   * Replaces the editable annotations. 409 if others changed them since the client read them
   * (naming only their keys, never the caller's own change), 400 for reserved keys; reserved
   * annotations on the CR are kept. When the component already carries the requested
   * annotations nothing is written. Publishes the component-changed event after a write, so
   * the catalog refreshes the entity at once.
   */
  async update(
    namespace: string,
    name: string,
    request: UpdateComponentAnnotationsRequest,
  ): Promise<ComponentAnnotationsResponse> {
    const { saved, wrote } = await this.lock.run(
      `${namespace}/${name}`,
      async () => {
        const current = await this.components.getComponentFresh(
          namespace,
          name,
        );
        const { annotations: editable, reserved } = splitAnnotations(
          current.metadata.annotations,
        );
        checkReserved(request, reserved);
        const desired = editableOnly(request.annotations);
        checkExternalCiAnnotations(desired, editable);
        if (diffKeys(desired, editable).length === 0) {
          await this.components.forgetComponent(namespace, name);
          return { saved: { annotations: editable, reserved }, wrote: false };
        }
        // Keys that differ from what the client saw and are not already what it asks for.
        const changedByOthers = diffKeys(
          editableOnly(request.expected),
          editable,
        ).filter(key => editable[key] !== desired[key]);
        if (changedByOthers.length > 0) {
          throw new ConflictError(
            `The annotations of component "${namespace}/${name}" were changed by someone else (${changedByOthers.join(
              ', ',
            )}); reload them and apply your edit again`,
          );
        }
        const next: Component = {
          ...current,
          metadata: {
            ...current.metadata,
            annotations: { ...reserved, ...desired },
          },
        };
        delete (next as { status?: unknown }).status;
        const written = await this.ctx.call(
          `update the annotations of component "${namespace}/${name}"`,
          () => this.ctx.client.components.replace(namespace, name, next),
        );
        await this.components.forgetComponent(namespace, name);
        return {
          saved: splitAnnotations(written.metadata.annotations),
          wrote: true,
        };
      },
    );
    if (wrote) {
      const payload: OpenChoreoComponentChangedEvent = {
        namespace,
        component: name,
      };
      await this.events.publish({
        topic: OPENCHOREO_COMPONENT_CHANGED_TOPIC,
        eventPayload: payload,
      });
    }
    return saved;
  }
}

function splitAnnotations(
  annotations: Record<string, string> | undefined,
): ComponentAnnotationsResponse {
  const result: ComponentAnnotationsResponse = {
    annotations: {},
    reserved: {},
  };
  for (const [key, value] of Object.entries(annotations ?? {})) {
    (isReservedAnnotation(key) ? result.reserved : result.annotations)[key] =
      value;
  }
  return result;
}

function editableOnly(
  annotations: Record<string, string>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(annotations).filter(([key]) => !isReservedAnnotation(key)),
  );
}

/**
 * Reserved keys may appear in the request only unchanged (a client may send the full map);
 * setting, changing or dropping one is a 400.
 */
function checkReserved(
  request: UpdateComponentAnnotationsRequest,
  reserved: Record<string, string>,
): void {
  const problems: string[] = [];
  for (const [key, value] of Object.entries(request.annotations)) {
    if (isReservedAnnotation(key) && reserved[key] !== value) {
      problems.push(
        key in reserved ? `cannot change ${key}` : `cannot set ${key}`,
      );
    }
  }
  for (const key of Object.keys(request.expected)) {
    if (isReservedAnnotation(key) && !(key in request.annotations)) {
      problems.push(`cannot remove ${key}`);
    }
  }
  if (problems.length > 0) {
    throw new InputError(
      `Reserved annotations (prefixes ${RESERVED_ANNOTATION_PREFIXES.join(
        ', ',
      )}) are managed by the platform: ${problems.join('; ')}`,
    );
  }
}

function diffKeys(
  a: Record<string, string>,
  b: Record<string, string>,
): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter(key => a[key] !== b[key]).sort();
}
