import { compatWrapper } from '@backstage/core-compat-api';
import { Router as JenkinsRouter } from '@backstage-community/plugin-jenkins';
import { JenkinsGate } from '../JenkinsGate';

/** The Jenkins tab: the community plugin's job and build views, or why they are missing. */
export function JenkinsTab() {
  return (
    <JenkinsGate variant="page">{compatWrapper(<JenkinsRouter />)}</JenkinsGate>
  );
}
