/**
 * Local stand-in of the OpenChoreo control plane for development and tests: identity
 * provider, OpenChoreo API (with the WorkflowRun simulation) and the Jenkins, GitHub and GitLab
 * emulators.
 *
 * @packageDocumentation
 */
export { startDevstack } from './devstack';
export type { Devstack, DevstackOptions } from './devstack';
export { describeDevstack } from './describeDevstack';
export * from './api';
export * from './api/simulation';
export * from './idp';
export * from './jenkins';
export * from './github';
export * from './gitlab';
export * from './observer';
