/**
 * Local stand-in of the OpenChoreo control plane for development and tests.
 *
 * @packageDocumentation
 */
export {};
