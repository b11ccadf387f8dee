export { WorkflowRunView } from './WorkflowRunView';
