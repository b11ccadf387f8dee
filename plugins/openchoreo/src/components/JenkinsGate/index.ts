export { JenkinsGate, JENKINS_NOT_CONFIGURED_MESSAGE } from './JenkinsGate';
