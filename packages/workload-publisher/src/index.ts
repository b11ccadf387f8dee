/**
 * Publishes a container image as an OpenChoreo Workload from any CI pipeline (External CI).
 *
 * @packageDocumentation
 */
export { main } from './main';
export type { MainOptions } from './main';
export { ExitCode, PublishError } from './errors';
export type { ExitCodeValue } from './errors';
export { loadWorkloadDescriptor } from './descriptor';
export { buildWorkload, withImage } from './workload';
export type {
  Workload,
  WorkloadDescriptorParts,
  WorkloadTarget,
} from './workload';
export { publishWorkload } from './publishWorkload';
export type { PublishOutcome, PublishRequest } from './publishWorkload';
export { ApiClient } from './apiClient';
export type { ApiClientOptions, ApiResponse } from './apiClient';
export { DEFAULT_RETRY_POLICY } from './retry';
export type { RetryPolicy } from './retry';
