import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { JENKINS_JOB_FULL_NAME_ANNOTATION } from '@openchoreo-ci/plugin-openchoreo-common';
import type { CiAccessGate } from '../access/CiAccessGate';
import type { ComponentsService } from '../ComponentsService';

/** What the Jenkins routes ask before the portal calls Jenkins with its own credentials. */
export interface JenkinsAccess {
  /**
   * The Jenkins job of component `namespace/name` (its `jenkins.io/job-full-name`), read from
   * OpenChoreo as the caller: OpenChoreo's 403/404 when the person may not see the component.
   */
  jobOf(namespace: string, name: string): Promise<string | undefined>;
  /**
   * Passes only when OpenChoreo lets the person start a build of the component (the shared
   * {@link CiAccessGate}'s `externalCiBuild` rule); otherwise a 403 with the reason.
   */
  assertMayBuild(
    namespace: string,
    name: string,
    credentials: BackstageCredentials,
  ): Promise<void>;
}

/** The {@link JenkinsAccess} of OpenChoreo's component read and the shared CI access gate. */
export function createJenkinsAccess(options: {
  components: ComponentsService;
  gate: CiAccessGate;
}): JenkinsAccess {
  const { components, gate } = options;
  return {
    async jobOf(namespace, name) {
      const component = await components.getComponent(namespace, name);
      return component.metadata.annotations?.[
        JENKINS_JOB_FULL_NAME_ANNOTATION
      ]?.trim();
    },
    assertMayBuild: (namespace, name, credentials) =>
      gate.requireExternalBuildOf({ namespace, name }, credentials),
  };
}
