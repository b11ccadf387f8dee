export {
  WorkflowParametersForm,
  useWorkflowParametersValidator,
} from './WorkflowParametersForm';
export { hiddenFieldsUiSchema } from './hiddenFieldsUiSchema';
