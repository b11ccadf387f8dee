/**
 * Stand-in of OpenChoreo's Observer (the observability plane's API): the logs and events of
 * workflow runs, kept after the build's pods are collected.
 *
 * @packageDocumentation
 */
export { ObserverArchive, archiveRun, archiveCompletedRuns } from './archive';
export type { ArchivedRun, ArchivedLine, ArchivedEvent } from './archive';
export { createObserverRouter, ObserverError } from './router';
export type { ObserverRouterOptions } from './router';
export { startObserver } from './server';
export type { RunningObserver } from './server';
