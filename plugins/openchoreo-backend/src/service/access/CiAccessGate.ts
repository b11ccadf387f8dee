import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import {
  OPENCHOREO_COMPONENT_ANNOTATION,
  OPENCHOREO_NAMESPACE_ANNOTATION,
} from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentActionsService } from '../ComponentActionsService';
import type { ComponentsService } from '../ComponentsService';
import type { OpenChoreoServiceContext } from '../context';

/** The OpenChoreo component a catalog entity stands for. */
export interface OpenChoreoComponentRef {
  namespace: string;
  name: string;
}

/**
 * The OpenChoreo component of `entity` (the `openchoreo.io/namespace` and
 * `openchoreo.io/component` annotations the catalog provider sets), or a 403 naming why not.
 */
export function openchoreoComponentOf(entity: Entity): OpenChoreoComponentRef {
  const annotations = entity.metadata.annotations ?? {};
  const namespace = annotations[OPENCHOREO_NAMESPACE_ANNOTATION];
  const name = annotations[OPENCHOREO_COMPONENT_ANNOTATION];
  if (entity.kind.toLowerCase() !== 'component' || !namespace || !name) {
    throw new NotAllowedError(
      `${stringifyEntityRef(
        entity,
      )} is not an OpenChoreo component (no ${OPENCHOREO_NAMESPACE_ANNOTATION} and ${OPENCHOREO_COMPONENT_ANNOTATION} annotations), so OpenChoreo cannot tell who may use its CI; the portal refuses to use its own CI credentials for it. Register the component in OpenChoreo.`,
    );
  }
  return { namespace, name };
}

/**
 * One rule for everything the portal does with its OWN credentials for a person (External CI
 * reads and re-runs, Jenkins reads and builds): OpenChoreo decides, as for Build now.
 *
 * - {@link CiAccessGate.requireRead}: the person may see the OpenChoreo component (it is read
 *   from OpenChoreo as the person: OpenChoreo's 403/404 are thrown as they are).
 * - {@link CiAccessGate.requireExternalBuild}: the `externalCiBuild` decision of
 *   `GET .../actions` (the portal's `openchoreo.workflowrun.create`, then OpenChoreo's
 *   `workflowrun:create`), closed when OpenChoreo cannot decide.
 *
 * With `openchoreo.auth.userTokens: false` OpenChoreo cannot decide per person: the routes'
 * portal permission checks (and `openchoreo.workflowrun.create` here) decide.
 * Both throw `NotAllowedError` (403) or `NotFoundError` (404) with the reason.
 */
export class CiAccessGate {
  constructor(
    private readonly ctx: OpenChoreoServiceContext,
    private readonly components: ComponentsService,
    private readonly actions: ComponentActionsService,
  ) {}

  /** Refuses unless the person may see the OpenChoreo component of `entity`. */
  async requireRead(
    entity: Entity,
    _credentials: BackstageCredentials,
  ): Promise<OpenChoreoComponentRef> {
    const component = openchoreoComponentOf(entity);
    if (this.ctx.caller === 'user') {
      await this.components.getComponent(component.namespace, component.name);
    }
    return component;
  }

  /** Refuses unless the person may start a build of `entity`'s component in its External CI. */
  async requireExternalBuild(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<OpenChoreoComponentRef> {
    const component = openchoreoComponentOf(entity);
    const { externalCiBuild } = await this.actions.decide(
      component.namespace,
      component.name,
      credentials,
    );
    if (!externalCiBuild.allowed) {
      throw new NotAllowedError(
        externalCiBuild.reason ??
          `You may not start builds of ${stringifyEntityRef(entity)}`,
      );
    }
    return component;
  }
}
