/**
 * Typed client for the OpenChoreo v1 API.
 *
 * @packageDocumentation
 */
export type {
  paths as OpenChoreoPaths,
  components as OpenChoreoComponents,
  operations as OpenChoreoOperations,
} from './generated/openchoreo-api';
