export { JenkinsBuildCard } from './JenkinsBuildCard';
export {
  JenkinsJobStatePanel,
  JENKINS_NOT_CONFIGURED_MESSAGE,
  JENKINS_STATE_TITLES,
} from './JenkinsJobStatePanel';
