import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotAllowedError, ServiceUnavailableError } from '@backstage/errors';
import { JENKINS_JOB_FULL_NAME_ANNOTATION } from '@openchoreo-ci/plugin-openchoreo-common';
import type { ComponentActionsService } from '../ComponentActionsService';
import type { ComponentsService } from '../ComponentsService';
import type { OpenChoreoServiceContext } from '../context';

/** What the Jenkins routes ask before the portal calls Jenkins with its own credentials. */
export interface JenkinsAccess {
  /**
   * The Jenkins job of component `namespace/name` (its `jenkins.io/job-full-name`), read from
   * OpenChoreo as the caller: OpenChoreo's 403/404 when the person may not see the component.
   */
  jobOf(namespace: string, name: string): Promise<string | undefined>;
  /**
   * Passes only when OpenChoreo lets the person start a build of the component (the
   * `externalCiBuild` decision of `GET .../actions`); otherwise a 403 with the reason, or a 503
   * when OpenChoreo could not answer (the portal's credentials are never used on a guess).
   */
  assertMayBuild(
    namespace: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<void>;
}

/** The {@link JenkinsAccess} of OpenChoreo's component read and the component actions' rule. */
export function createJenkinsAccess(options: {
  ctx: OpenChoreoServiceContext;
  components: ComponentsService;
  actions: ComponentActionsService;
}): JenkinsAccess {
  const { ctx, components, actions } = options;
  return {
    async jobOf(namespace, name) {
      const component = await components.getComponent(namespace, name);
      return component.metadata.annotations?.[
        JENKINS_JOB_FULL_NAME_ANNOTATION
      ]?.trim();
    },
    async assertMayBuild(namespace, name, credentials) {
      const { externalCiBuild } = await actions.decide(
        namespace,
        name,
        credentials,
      );
      if (!externalCiBuild.allowed) {
        throw new NotAllowedError(
          externalCiBuild.reason ??
            `You may not start builds of component "${namespace}/${name}".`,
        );
      }
      // As the user, an allowed decision without `decidedBy` means OpenChoreo did not answer.
      if (ctx.caller === 'user' && !externalCiBuild.decidedBy) {
        throw new ServiceUnavailableError(
          `OpenChoreo could not confirm that you may start builds of component "${namespace}/${name}", so the portal does not start a Jenkins build with its own credentials. Try again later, or start the build in Jenkins.`,
        );
      }
    },
  };
}
