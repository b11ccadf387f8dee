/**
 * Shared annotation keys, permissions and API types of the OpenChoreo portal plugins.
 *
 * @packageDocumentation
 */
export * from './annotations';
export * from './permissions';
export * from './events';
export * from './api';
export * from './externalCiIdentifier';
export * from './provenance';
