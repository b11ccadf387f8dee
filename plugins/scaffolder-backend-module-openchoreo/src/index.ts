/**
 * Scaffolder actions that create OpenChoreo components, built by a built-in CI workflow or by
 * an External CI.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOpenChoreo as default } from './module';
export {
  createComponentAction,
  CREATE_COMPONENT_ACTION_ID,
} from './actions/createComponentAction';
export type { CreateComponentActionOptions } from './actions/createComponentAction';
