export {
  WorkflowParametersForm,
  workflowParametersValidator,
} from './WorkflowParametersForm';
export { hiddenFieldsUiSchema } from './hiddenFieldsUiSchema';
