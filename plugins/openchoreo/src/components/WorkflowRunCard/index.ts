export { WorkflowRunCard } from './WorkflowRunCard';
