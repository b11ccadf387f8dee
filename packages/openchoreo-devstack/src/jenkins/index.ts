export { startJenkinsEmulator } from './startJenkinsEmulator';
export {
  DEFAULT_JENKINS_API_TOKEN,
  DEFAULT_JENKINS_USERNAME,
  DEMO_PROJECT_FOLDER,
  GREETING_SERVICE_JOB,
  INVENTORY_API_JOB,
  LEGACY_MONOLITH_JOB,
  defaultSeedJobs,
} from './seedJobs';
export type {
  JenkinsBuildRef,
  JenkinsBuildResult,
  JenkinsEmulator,
  JenkinsEmulatorOptions,
  SeedBuild,
  SeedJob,
} from './types';
