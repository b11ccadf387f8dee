import { compatWrapper } from '@backstage/core-compat-api';
import { Router as JenkinsRouter } from '@backstage-community/plugin-jenkins';
import { JenkinsGate } from '../JenkinsGate';

/**
 * The Jenkins tab: the community plugin's job and build views once the job has builds, else
 * the Jenkins card's state with what to do.
 */
export function JenkinsTab() {
  return <JenkinsGate>{compatWrapper(<JenkinsRouter />)}</JenkinsGate>;
}
