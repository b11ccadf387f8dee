export { JenkinsTab } from './JenkinsTab';
